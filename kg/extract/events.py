"""Events: triggers from the lexicon of event words, participants, place, date and modality from the sentence.

One event per (type, sentence, kind of meeting); events of the same type that share their key participant and
have compatible dates are merged across the article (headline, lead and body tell one event several times).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from kg.extract.dates_scan import COUNTS
from kg.extract.entities import AND, QUOTES, THAT, THIS, Found
from kg.extract.plural import salient_countries
from kg.extract.text import Text
from kg.lexicon import EventType, EventWord, Lexicon
from kg.model import DateInfo, Event, Span
from kg.normalize import compact

ACTOR_KINDS = {"Person", "Organization", "Mission", "Country"}
MFA_ROLES = {"ForeignMinister", "DeputyForeignMinister", "Spokesperson"}
NEWS = "NewsMediaOrganization"
MULTILATERAL = {"IntergovernmentalOrganization", "Format"}
CLAUSE_BREAKS = {",", ";", ":", "«", "»", "(", ")"}
AFTER_NOTE = "not stated: told after an earlier event of this date, and as done by the publication date"
SPEAKER_PREPS = {"از", "با", "درباره", "دربارهٔ"}  # a person after one of these is no subject ("X از سفر Y خبر داد")
PLACE_PREPS = {"به": "to", "در": "in", "وارد": "to"}  # "وارد مسکو شد": arrived in Moscow


@dataclass
class Trigger:
    i: int
    j: int
    word: EventWord
    modality: str | None = None
    multilateral: str | None = None  # organization key of a multilateral meeting ("نشست عدم تعهد")


@dataclass
class Draft:
    type: str
    sentence: int
    triggers: list[Trigger] = field(default_factory=list)
    actors: list[str] = field(default_factory=list)
    place: str | None = None
    date: DateInfo | None = None
    modality: str | None = None
    evidence: list[int] = field(default_factory=list)  # sentence indices merged in
    persons: list[str] = field(default_factory=list)  # person participants
    multilateral: bool = False
    after: bool = False  # `date` is the one of an earlier event this one is told after (kept to tell occasions
    # apart in the article; given as a bound, EventFinder.not_before)


class EventFinder:
    def __init__(self, lex: Lexicon, entity_of):
        self.lex = lex
        self.entity_of = entity_of  # key -> Entity | None
        self.rule = lex.event_types  # type -> EventType: how each type is read (event_types.tsv)

    def run(self, t: Text, found: list[Found], dates_by_sentence: dict[int, list[tuple[int, DateInfo]]],
            default_date, published: date | None = None, titles=()) -> list[Draft]:
        self.t, self.found, self.published, self.titles = t, found, published, list(titles)
        # offices the article gives its persons ("استف بلاک، وزیر خارجه هلند"): (person, role, country)
        self.offices_here = {(ta.person, ta.title.role, ta.country) for ta in titles
                             if ta.person and not getattr(ta, "former", False)}
        self.summoners: list[str] = []  # ministries that summoned an envoy, latest last
        self.last_dated: dict[str, list] = {}  # type -> [(participants, date)] of the dated events told, in order
        self.moved: set[tuple[int, int]] = set()  # spans of dates a "پس از …" phrase moved the reference time on from
        # the sentence's "در این سفر [دو روزه]": (token, type of the event referred to, the days it lasts if told)
        self.referred_at: list[tuple[int, str, int]] = []
        self.last_delegation: list[str] = []  # who travelled for the last delegation told ("این هیئت" later)
        self.break_count = [0]  # clause breaks among tokens [0, k): breaks_between in constant time
        for tok in t.tokens:
            self.break_count.append(self.break_count[-1] + (tok.text in CLAUSE_BREAKS))
        self.by_sentence: dict[int, list[Found]] = {}
        self.starting: dict[int, list[Found]] = {}  # token -> what is found starting there, in found's order
        for f in found:
            self.by_sentence.setdefault(t.sent_of[f.i], []).append(f)
            self.starting.setdefault(f.i, []).append(f)
        self.titles_by_sentence: dict[int, list] = {}
        for ta in self.titles:
            self.titles_by_sentence.setdefault(t.sent_of[ta.i], []).append(ta)
        drafts: list[Draft] = []
        for si in range(len(t.sentences)):
            drafts += self.sentence_events(si, dates_by_sentence.get(si, []), default_date(si))
        out = merge(drafts, self.rule, self.speaks_for)
        for d in out:
            if d.after:
                d.date, d.after = self.not_before(d.date, d.modality), False
        return out

    def not_before(self, earlier: DateInfo, modality: str | None) -> DateInfo | None:
        """The date of an event told after an earlier one of date `earlier` ("پس از حمله … در هفتم بهمن ۱۴۰۱، …
        تعطیل کرد"): not before that event and, told as done, not after the report; with no publication date, or
        not told as done, no date."""
        p = self.published
        if p is None or modality is not None or earlier.earliest > p:
            return None
        days = (p - earlier.earliest).days
        precision = "Day" if days == 0 else "Month" if days <= 31 else "Year"
        return DateInfo(earlier.earliest, p, precision, earlier.as_stated, earlier.span, note=AFTER_NOTE)

    # ---- triggers --------------------------------------------------------------------------------------
    def triggers(self, toks: range) -> list[Trigger]:
        out, k = [], toks.start
        referred: set[str] = set()
        while k < toks.stop:
            hit = self.t.longest(k, self.lex.event_words, suffixes=True) or self.around_place(k)
            if not hit:
                k += 1
                continue
            j, word = hit
            trig = Trigger(k, j, word, word.modality)
            if self.cut_short(j):  # "… در گفت‌وگوی تلف": a text cut inside its last words tells nothing sure there
                break
            if not self.blocked(trig, toks):
                out.append(trig)
            elif self.t.word(k - 1) == THIS:
                if not self.margins_of(k - 1):  # "در حاشیه این اجلاس … دیدار کرد": another meeting, at the summit
                    referred.add(word.type)  # "در این دیدار … رایزنی کردند": the meeting told before
                self.referred_at.append((k, word.type, self.lasting(k, j)))
            k = j
        end = toks.stop - (1 if self.t.word(toks.stop - 1) == "." else 0)
        out = [tr for tr in out if tr.word.type not in referred or tr.j < end - 1]  # only its clause-final verb
        colon = self.colon_quote(toks, out)
        return sorted([*out, colon], key=lambda tr: tr.i) if colon else out

    def colon_quote(self, toks: range, trigs: list[Trigger]) -> Trigger | None:
        """"عراقچی: ایران آماده مذاکره است", "X، وزیر خارجه Y: …": a person named at the head of the sentence
        (with a title), then a colon, says what follows (the headline form of a quote). The colon is the trigger,
        with the reading of the lexicon's "گفت"."""
        said = self.lex.event_words.get("گفت")
        k = toks.start
        while k < toks.stop and self.t.word(k) in QUOTES:
            k += 1
        head = next((f for f in self.starting.get(k, ()) if f.kind == "Person"), None)
        if said is None or head is None:
            return None
        si = self.t.sent_of[k]
        covered = {n for f in self.by_sentence.get(si, ()) for n in range(f.i, f.j)} | {
            n for ta in self.titles_by_sentence.get(si, ()) for n in range(ta.i, max(ta.j, ta.k))}
        for m in range(head.j, min(toks.stop, head.j + 10)):
            if self.t.word(m) == ":":
                if any(head.j <= tr.i < m for tr in trigs) or m + 1 >= toks.stop:
                    return None  # "X گفت:": the verb is the trigger
                return Trigger(m, m + 1, replace(said, form=":"), None)
            if self.t.word(m) != "," and m not in covered:
                return None  # "X در تهران: گزارش تصویری" is a caption: only a title may stand between
        return None

    def around_place(self, k: int) -> tuple[int, object] | None:
        """A two-word trigger whose words stand on either side of one place name ("وارد مسکو شد" for the event
        word "وارد شد"): (end token, event word)."""
        place = next((f for f in self.starting.get(k + 1, ()) if f.kind in ("City", "Country", "Region")), None)
        if place is None or place.j >= len(self.t.tokens) or self.t.sent_of[place.j] != self.t.sent_of[k]:
            return None
        word = self.lex.event_words.get(self.t.tokens[k].text + self.t.tokens[place.j].text)
        return (place.j + 1, word) if word is not None and " " in word.form.strip() else None

    def clause_start(self, i: int, toks: range) -> int:
        """The first token of the clause that ends at token i (at most 12 words back)."""
        k = i
        while (k > max(toks.start, i - 12) and self.t.word(k - 1) not in CLAUSE_BREAKS
               and not self.and_after_verb(k - 1)):
            k -= 1
        return k

    def and_after_verb(self, m: int) -> bool:
        """Token m is a "و" after a finite verb ("… شد و", "… کرد و"; kind "clause_verb"): a new clause begins."""
        return self.t.word(m) == AND and compact(self.t.word(m - 1)) in self.lex.event_context["clause_verb"]

    def blocked_before(self, trig: Trigger, before: range) -> bool:
        """A blocking cue right before the trigger ("عامل حمله", "این نشست")."""
        for k in before:
            hit = self.t.longest(k, self.lex.cues_before)
            if hit and hit[0] == trig.i and hit[1] == "block":
                return True
        return False

    def cut_short(self, j: int) -> bool:
        """The trigger ends right before the last word of a text that stops without closing punctuation."""
        tail = self.t.original.rstrip()
        return bool(tail) and tail[-1] not in ".!?؟»\")" and j >= len(self.t.tokens) - 1

    def cue(self, table: dict[str, str], ks) -> str | None:
        for k in ks:
            hit = self.t.longest(k, table, suffixes=True)
            if hit:
                return str(hit[1])
        return None

    def blocked(self, trig: Trigger, toks: range) -> bool:
        before = range(max(toks.start, trig.i - 3), trig.i)
        clause = range(self.clause_start(trig.i, toks), trig.i)
        effect = self.modality_before(clause)
        if self.blocked_before(trig, before) or self.cue(self.lex.cues_after, [trig.j]) == "block":
            return True
        if trig.modality is None and not self.rule[trig.word.type].asserted:
            after = self.clause_after(trig.j, toks)
            trig.modality = self.cue(self.lex.cues_after, after) or effect
        return False

    def modality_before(self, clause: range) -> str | None:
        """The modality cue nearest before the trigger in its clause ("این" and other blocking cues aside)."""
        for k in reversed(clause):
            hit = self.t.longest(k, self.lex.cues_before, suffixes=True)
            if hit and hit[1] != "block" and hit[0] <= clause.stop:
                return str(hit[1])
        return None

    def clause_after(self, j: int, toks: range, reach: int = 10) -> range:
        """Tokens after a trigger up to the end of its clause (at most `reach`)."""
        end = j
        while end < min(toks.stop, j + reach) and self.t.word(end) not in CLAUSE_BREAKS | {"."}:
            end += 1
        return range(j, end)

    # ---- one sentence ----------------------------------------------------------------------------------
    def sentence_events(self, si: int, dates: list[tuple[int, DateInfo]], default: DateInfo | None) -> list[Draft]:
        toks = self.t.sentence_tokens(si)
        self.referred_at = []  # filled by triggers()
        trigs = self.triggers(toks)
        self.trigs = trigs
        mentions = [f for f in self.by_sentence.get(si, []) if f.kind in ACTOR_KINDS | {"City", "Region"}]
        mentions = self.capitals_as_countries(mentions, trigs)
        by_key: dict[tuple, Draft] = {}
        for trig in trigs:
            wtype = trig.word.type
            outlet = self.rule[wtype].outlet
            if outlet and self.interview(trig, mentions):
                wtype = outlet  # "در گفت‌وگو با ریانووستی": an interview is a statement
            if self.rule[wtype].participants == "parties":
                trig.multilateral = self.multilateral_org(trig, mentions)
            key = (wtype, trig.multilateral is not None)
            d = by_key.get(key)
            if d is None:
                d = by_key[key] = Draft(wtype, si, evidence=[si], multilateral=key[1])
            if not d.triggers and not self.rule[wtype].asserted:
                d.modality = trig.modality  # a Statement that hopes or demands still happened
            d.triggers.append(trig)
        self.carry_modality(trigs, by_key)
        for wtype, _ in list(by_key):  # "در تماس تلفنی … گفت‌وگو کرد": one call, not a meeting
            if (absorbed := self.rule[wtype].absorbs) is not None:
                by_key.pop((absorbed, False), None)
        self.decrees(by_key)
        phrases = self.after_phrases(toks)
        attached_all = self.attach_dates(trigs, dates)
        attached = self.attach_dates(trigs, dates, phrases) if phrases else attached_all
        moved = default is not None and self.moved_on(default), [self.moves(ph, dates, default) for ph in phrases]
        # a speech verb told as done ("خبر داد", "گفت"): what the sentence reports is not after the report
        # (itself, and what it tells of before it: "از امضای X خبر داد"; not what its "که" clause tells after it)
        told_done = max([tr.i for tr in trigs if self.rule[tr.word.type].asserted and tr.modality is None],
                        default=-1)
        out = []
        for d in by_key.values():
            inside = {self.phrase_of(tr.i, phrases) for tr in d.triggers}
            if len(inside) == 1 and (n := inside.pop()) is not None:
                # "پس از امضای توافق، وانگ یی گفت …": the earlier event's participants are named in its phrase
                self.fill(d, [f for f in mentions if f.i in phrases[n]], toks)
            else:
                self.fill(d, mentions, toks)
            if d.type == "Summons":
                self.summoners += [k for k in d.actors if self.is_government(k)]
        self.margins(by_key)
        for d in by_key.values():
            rule = self.rule[d.type]
            d.date, own, d.after = self.date_of(d, trigs, phrases, attached, attached_all, default, moved)
            if d.modality == "Planned" and d.date is not None and d.date.if_future is not None:
                d.date = d.date.if_future  # "جمعه به استانبول خواهد رفت": the coming Friday
            if not own and d.modality is None and self.after_publication(d.date) and (
                    d.triggers[0].i <= told_done or (told_done >= 0 and self.told_as_past(d, toks))):
                d.date = self.report_date()  # told as done, it cannot take "هفته آینده" of the sentence before
            if not self.kept(d, rule):
                continue
            if rule.participants == "speaker" and len(d.actors) > 1 and not self.joint(d):  # one per speaker
                out += [replace(d, actors=[a], persons=[a] if a in d.persons else []) for a in d.actors]
            elif rule.participants == "target" and len(missions := [k for k in d.actors if self.is_mission(k)]) > 1:
                for k in missions:  # "حمله به سفارت و کنسولگری X در تهران و مشهد": one attack on each
                    e = self.entity_of(k)
                    others = [a for a in d.actors if not self.is_mission(a)]
                    out.append(replace(d, actors=[k, *others], place=(e.city if e and e.city else d.place)))
            else:
                out.append(d)
        for d in out:
            if d.date is not None and not d.after:
                self.last_dated.setdefault(d.type, []).append((d.actors, d.date))
        return out

    def speaks_for(self, person: str, org: str) -> bool:
        """The person holds a foreign-ministry office (minister, deputy, spokesperson) of the country whose
        foreign ministry `org` is: "the ministry said" and "the minister said" in one report are one statement."""
        e = self.entity_of(org)
        country = e and (e.country or (org[4:] if org.startswith("mfa_") else None))
        if not country or org not in (f"mfa_{country}", self.lex.mfa_of(country)):
            return False  # only a foreign ministry (key convention mfa_<country>, as kg.lexicon.mfa_of)
        return any(o.country == country and o.role in MFA_ROLES for o in self.lex.offices_of(person)) or any(
            (person, role, country) in self.offices_here for role in MFA_ROLES)

    def sides(self, keys: list[str]) -> set[str]:
        """The countries (or, for international bodies, the bodies) the participants stand for."""
        out = set()
        for k in keys:
            e = self.entity_of(k)
            side = e and (k if e.kind == "Country" else e.sender if e.kind == "Mission" else e.country)
            out.add(side or k)
        return out

    def of_relations(self, d: Draft) -> bool:
        """"قطع روابط", "ازسرگیری روابط": relations between countries, no mission needed."""
        table = self.lex.event_context["relations"]
        words = any(self.t.longest(k, table, suffixes=True) for tr in d.triggers for k in range(tr.i, tr.j)) \
            or any(self.relations_object(tr.i, table) for tr in d.triggers)
        return words and any((e := self.entity_of(k)) is not None and e.kind == "Country" for k in d.actors)

    def relations_object(self, i: int, table: dict) -> bool:
        """"روابط (دیپلماتیک) (خود) را (با X) قطع کرد": relations are the object (with را) of the verb at token i,
        at most six words before it in its clause."""
        for k in range(i - 1, max(self.clause_start(i, range(0, i + 1)), i - 7) - 1, -1):
            if self.t.word(k) == "را":
                return any(self.t.longest(m, table, suffixes=True) for m in range(max(k - 3, 0), k))
        return False

    def told_as_past(self, d: Draft, toks: range) -> bool:
        """The clause of the event's trigger ends in a past or perfect verb ("… انجام شده است", "… امضا شد"; kinds
        "clause_verb" and "perfect" of event_context.tsv): what it tells is done."""
        verbs = self.lex.event_context["clause_verb"].keys() | self.lex.event_context["perfect"].keys()
        return any(compact(self.t.word(m)) in verbs for m in self.clause_after(d.triggers[0].j, toks, reach=25))

    def after_publication(self, when: DateInfo | None) -> bool:
        return when is not None and self.published is not None and when.earliest > self.published

    def report_date(self) -> DateInfo | None:
        p = self.published
        return DateInfo(p, p, "Day", "", note="not stated; told as done, so not after the publication date") \
            if p else None

    def kept(self, d: Draft, rule: EventType) -> bool:
        """What the type needs: "X آمد" with no destination is no visit, "تعلیق" of no mission no suspension."""
        if rule.needs == "place" and d.place is None:
            return False
        if rule.needs == "mission" and not (self.has_mission(d) or self.of_relations(d)):
            return False
        if rule.alone == "person" and not d.multilateral and not d.persons and len(self.sides(d.actors)) < 2:
            return False  # "وزارت خارجه … مذاکرات": a ministry (or one government's bodies) alone meets nobody
        if rule.alone == "person" and not d.multilateral and len(d.actors) == 1 and d.modality != "Planned":
            return False  # "X: مذاکرات ادامه دارد": one person alone meets nobody (a meeting ahead may name one)
        return bool(d.actors) or rule.needs == "nothing"

    def carry_modality(self, trigs: list[Trigger], by_key: dict[tuple, Draft]) -> None:
        """"X ابراز امیدواری کرد که Y به تهران سفر کند": what is hoped or demanded did not (yet) happen."""
        for d in by_key.values():
            if self.rule[d.type].asserted or d.modality:
                continue
            first = d.triggers[0].i
            for tr in trigs:
                if not (self.rule[tr.word.type].asserted and tr.word.modality in ("Hoped", "Demanded")
                        and tr.i < first):
                    continue
                between = [self.t.word(m) for m in range(tr.j, first)]
                # "… که Y سفر کند", or what a demand asks for right after it, in its clause ("از Y خواست به
                # مذاکرات بازگردد")
                if "که" in between or (tr.word.modality == "Demanded" and not any(
                        w == AND or w in CLAUSE_BREAKS for w in between)):
                    d.modality = tr.word.modality

    def capitals_as_countries(self, mentions: list[Found], trigs: list[Trigger]) -> list[Found]:
        """"تهران و ریاض در پکن توافقنامه‌ای امضا کردند", "مسکو اعلام کرد": a capital at the head of its clause (or
        joined by "و" to one there) is its country's government when it cannot be the place: the sentence names
        another place after "در", or tells only of events that have no place (statements)."""
        capital_of = self.lex.capital_of
        heads, end = [], None
        for f in sorted(mentions, key=lambda f: f.i):
            if f.kind == "City" and f.key in capital_of and (
                    self.opens_clause(f.i) or self.t.word(f.i - 1) == "که"
                    or (end is not None and f.i == end + 1 and self.t.word(end) == AND)):
                heads.append(f)
                end = f.j
        if not heads:
            return mentions
        venue = any(f.kind in ("City", "Country") and f not in heads and self.t.word(f.i - 1) == "در"
                    for f in mentions)
        placeless = bool(trigs) and all(self.rule[tr.word.type].place == "none" for tr in trigs)
        # "لندن سفیر ایران را احضار کرد": the capital is the subject of a verb with an object
        after = [tr.i for tr in trigs if tr.i >= end]
        acting = bool(after) and "را" in [self.t.word(m) for m in range(end, min(after))]
        if not (venue or placeless or acting):
            return mentions
        return [Found(f.i, f.j, capital_of[f.key], "Country", "metonymy") if f in heads else f for f in mentions]

    def decrees(self, by_key: dict[tuple, Draft]) -> None:
        """"با حکمی X را … منصوب کرد": in a sentence that appoints, the "حکم" is the appointment's decree, not a
        court's verdict (words of kind "decree" in event_context.tsv)."""
        if not any(t == "Appointment" for t, _ in by_key):
            return
        table = self.lex.event_context["decree"]
        for key, d in list(by_key.items()):
            if d.type != "LegalProceeding":
                continue
            d.triggers = [tr for tr in d.triggers if not self.t.longest(tr.i, table, suffixes=True)]
            if not d.triggers:
                del by_key[key]

    def margins_of(self, k: int) -> bool:
        """Token k follows a word for "the margins of" ("در حاشیه اجلاس", kind "margins" of event_context.tsv)."""
        return compact(self.t.word(k - 1)) in self.lex.event_context["margins"]

    def margins(self, by_key: dict[tuple, Draft]) -> None:
        """"X و Y در حاشیه اجلاس Z دیدار کردند": the summit's participants include those who met in its margins."""
        for wtype, multilateral in list(by_key):
            multi, bi = by_key.get((wtype, True)), by_key.get((wtype, False))
            if not multilateral or multi is None or bi is None:
                continue
            if bi.persons and self.margins_of(multi.triggers[0].i):
                summit = multi.actors[:1]
                multi.actors = unique(summit + bi.persons)
                multi.persons = list(bi.persons)
                rest = [a for a in bi.actors if a not in summit or a in bi.persons]
                if len(rest) >= 2:  # the meeting in the margins is the persons', not the summit organisation's
                    bi.actors = rest

    def after_phrases(self, toks: range) -> list[range]:
        """Phrases that tell an earlier event (kind "after": "پس از حمله … در هفتم بهمن، …", "پس از این اقدام، …"):
        from a cue that opens its clause to the next clause break (or, with none, the end of the first event word
        after the cue). The cue must be followed by an event word or a back-reference (این, آن) before that end:
        "پس از گذشت یک سال" tells no event."""
        table = self.lex.event_context["after"]
        out: list[range] = []
        k = toks.start
        while k < toks.stop:
            hit = self.t.longest(k, table)
            if not hit or not (self.opens_clause(k) or self.and_after_verb(k - 1)):
                k += 1
                continue
            start = hit[0]
            brk = next((m for m in range(start, toks.stop) if self.t.word(m) in CLAUSE_BREAKS | {"."}), None)
            reach = brk if brk is not None else min(toks.stop, start + 8)
            word = next((w for m in range(start, reach)
                         if (w := self.t.longest(m, self.lex.event_words, suffixes=True))), None)
            if word is None and self.t.word(start) not in (THIS, THAT):
                k = start
                continue
            end = brk if brk is not None else word[0] if word else start + 2
            out.append(range(k, end))
            k = end
        return out

    def date_of(self, d: Draft, trigs: list[Trigger], phrases: list[range], attached: dict, attached_all: dict,
                default: DateInfo | None, moved: tuple[bool, list[bool]]) -> tuple[DateInfo | None, bool, bool]:
        """The date `d` is read with, whether it is its own (attached to its triggers or shared in its clause) rather
        than the sentence's, and whether it is the date of an earlier event `d` is told after ("پس از حمله … در هفتم
        بهمن، … تعطیل کرد", "پس از این اقدام، …"): such a date tells occasions apart in the article (`Draft.after`)
        but is given only as a bound (`not_before`). `moved`: whether the sentences before moved on from `default`,
        and whether each phrase of the sentence moves on from its date (`moves`)."""
        i = d.triggers[0].i
        inside = self.phrase_of(i, phrases) is not None
        before = [n for n, ph in enumerate(phrases) if ph.stop <= i] if not inside else []
        outside = [tr for tr in trigs if self.phrase_of(tr.i, phrases) is None] if before else trigs
        own = [attached[id(tr)] for tr in d.triggers if id(tr) in attached] or self.earlier(d, outside, attached)
        if own:
            return own[0], True, False
        referred = [(typ, days) for k, typ, days in self.referred_at  # not "پس از این دیدار": after, not during
                    if k < i and typ in self.last_dated and self.phrase_of(k, phrases) is None]
        if referred:  # "رئیسی در این سفر با بشار اسد … مذاکره خواهد کرد": during the trip told before
            typ, days = referred[-1]
            told = self.last_dated[typ]  # the last told with one of d's participants, else the last told
            when = next((w for actors, w in reversed(told) if set(actors) & set(d.actors)), told[-1][1])
            return self.during(when, days), False, False
        if before:
            theirs = [attached_all[id(tr)] for tr in d.triggers if id(tr) in attached_all] or self.earlier(
                d, trigs, attached_all)
            if theirs:
                return theirs[0], True, True
        if default is not None and not (self.rule[d.type].news_date or default.span):
            return None, False, False
        return default, False, moved[0] or any(moved[1][n] for n in before)

    def lasting(self, k: int, j: int) -> int:
        """The days an event referred to lasts, as the words of or right after its trigger (tokens k…j) say ("این
        سفر دو روزه"), else 1."""
        last = len(self.t.tokens) - 1
        for m in range(k + 1, min(j + 1, last)):
            count, unit = compact(self.t.word(m)), compact(self.t.word(m + 1))
            if unit in ("روزه", "روزهٔ") and self.t.sent_of[m + 1] == self.t.sent_of[k]:
                n = int(count) if count.isdigit() else COUNTS.get(count, 1)
                return n if 1 <= n <= 31 else 1
        return 1

    @staticmethod
    def during(when: DateInfo, days: int) -> DateInfo:
        """The date of an event during one of `days` days that began on `when` ("در این سفر دو روزه")."""
        if days <= 1 or when.precision != "Day":
            return when
        ahead = EventFinder.during(when.if_future, days) if when.if_future else None  # a weekday read forwards
        return replace(when, latest=when.earliest + timedelta(days=days - 1), precision="Month",
                       note=f"during the {days} days of the event told before", if_future=ahead)

    @staticmethod
    def phrase_of(i: int, phrases: list[range]) -> int | None:
        return next((n for n, ph in enumerate(phrases) if i in ph), None)

    def moves(self, ph: range, dates: list[tuple[int, DateInfo]], default: DateInfo | None) -> bool:
        """The phrase moves the reference time on: it dates its event ("پس از حمله … در هفتم بهمن ۱۴۰۱، …") or
        refers back to the one told before ("پس از این اقدام، …", "پس از آن"), so what it is followed by happened
        at some later time the text does not give, in this sentence and in those that follow until a date is told.
        ("پس از مراسم امضا، …" names an undated event of its own: what follows keeps the reference time.)
        The dates it ends are remembered (`self.moved`)."""
        inside = [info for p, info in dates if p in ph]
        back = self.t.word(self.t.longest(ph.start, self.lex.event_context["after"])[0]) in (THIS, THAT)
        if back and default is not None and default.span:
            inside.append(default)
        self.moved.update((info.span.start, info.span.end) for info in inside if info.span)
        return bool(inside) or back

    def moved_on(self, when: DateInfo) -> bool:
        return when.span is not None and (when.span.start, when.span.end) in self.moved

    def attach_dates(self, trigs: list[Trigger], dates: list[tuple[int, DateInfo]],
                     phrases: list[range] = ()) -> dict[int, DateInfo]:
        """Each date of the sentence belongs to its nearest trigger; crossing a clause boundary costs 10 words.
        A date inside a phrase of an earlier event ("پس از حمله … در هفتم بهمن، …") belongs to a trigger in that
        phrase, one outside to one outside."""
        if phrases:
            out: dict[int, DateInfo] = {}
            for n in {self.phrase_of(p, phrases) for p, _ in dates}:
                mine = [tr for tr in trigs if self.phrase_of(tr.i, phrases) == n]
                out.update(self.attach_dates(mine, [(p, info) for p, info in dates
                                                    if self.phrase_of(p, phrases) == n]))
            return out
        out = {}
        best: dict[int, int] = {}
        order = sorted(range(len(trigs)), key=lambda n: trigs[n].i)
        at = [trigs[n].i for n in order]
        for p, info in dates:
            if not trigs:
                break
            c, n = self.nearest(p, trigs, order, at)
            tr = trigs[n]
            if id(tr) not in best or c < best[id(tr)]:
                out[id(tr)], best[id(tr)] = info, c
        return out

    def nearest(self, p: int, trigs: list[Trigger], order: list[int], at: list[int]) -> tuple[int, int]:
        """min((cost, n)) over the triggers, cost = distance + 10 per clause break between: looked at outwards from
        p (by position, `at` sorted, `order` their indices), stopping once the distance alone exceeds the best cost
        (a sentence of thousands of words has thousands of triggers and dates)."""
        from bisect import bisect_left

        best = None
        right = bisect_left(at, p)
        left = right - 1
        while left >= 0 or right < len(at):
            dl = p - at[left] if left >= 0 else None
            dr = at[right] - p if right < len(at) else None
            if dr is None or (dl is not None and dl <= dr):
                k, dist, left = left, dl, left - 1
            else:
                k, dist, right = right, dr, right + 1
            if best is not None and dist > best[0]:
                break
            n = order[k]
            cand = (dist + 10 * self.breaks_between(p, trigs[n].i), n)
            if best is None or cand < best:
                best = cand
        return best

    def earlier(self, d: Draft, trigs: list[Trigger], attached: dict[int, DateInfo]) -> list[DateInfo]:
        """An undated event shares the date of a dated one in its clause ("نشست … در اول آبان به تهران آمد"),
        or of one told before it in the sentence ("پس از حمله در X، … تعطیل کرد")."""
        first = d.triggers[0].i
        dated = [tr for tr in trigs if id(tr) in attached and tr.i != first]
        if self.rule[d.type].asserted:  # what a speaker says is dated by what it is about, not the other way round
            dated = [tr for tr in dated if tr.i < first]
        same = [tr for tr in dated if not self.breaks_between(tr.i, first)]
        if same:
            return [attached[id(min(same, key=lambda tr: abs(tr.i - first)))]]
        before = [tr for tr in dated if tr.i < first]
        return [attached[id(before[-1])]] if before else []

    def breaks_between(self, a: int, b: int) -> int:
        """How many clause breaks (commas, colons, quotes, brackets) are among the tokens from a to b."""
        last = len(self.break_count) - 1
        lo, hi = min(max(min(a, b), 0), last), min(max(max(a, b), 0), last)
        return self.break_count[hi] - self.break_count[lo]

    def has_mission(self, d: Draft) -> bool:
        return any(self.is_mission(k) for k in d.actors)

    def is_mission(self, key: str) -> bool:
        return (e := self.entity_of(key)) is not None and e.kind == "Mission"

    def interview(self, trig: Trigger, mentions: list[Found]) -> bool:
        if self.t.word(trig.j) != "با":
            return False
        nxt = [f for f in mentions if f.i in (trig.j + 1, trig.j + 2)]
        return any((e := self.entity_of(f.key)) is not None and e.subtype == NEWS for f in nxt)

    def multilateral_org(self, trig: Trigger, mentions: list[Found]) -> str | None:
        """The international body or format whose session the trigger names: right after it ("نشست شانگهای"),
        or at the head of its clause as the one that holds it ("شورای امنیت … نشست اضطراری … برگزار کرد")."""
        for f in mentions:
            e = self.entity_of(f.key)
            if trig.j <= f.i <= trig.j + 4 and e is not None and e.subtype in MULTILATERAL:
                return f.key
        start = self.clause_start(trig.i, self.t.sent_range[self.t.sent_of[trig.i]])
        for f in mentions:
            e = self.entity_of(f.key)
            if start <= f.i and f.j <= trig.i and self.opens_clause(f.i) and e is not None \
                    and e.subtype in MULTILATERAL and not any(m.kind == "Person" and m.j <= trig.i and m.i >= start
                                                              for m in mentions):
                return f.key
        return None

    def actor_ok(self, f: Found) -> bool:
        e = self.entity_of(f.key)
        if f.kind not in ACTOR_KINDS or e is None:
            return False
        return not (e.subtype == NEWS or self.reported_by(f))

    def reported_by(self, f: Found) -> bool:
        """Inside "به گزارش X" / "به نقل از X": the source, not a participant."""
        for k in range(f.i - 1, max(-1, f.i - 5), -1):
            w = self.t.word(k)
            if w in CLAUSE_BREAKS or w == ".":
                return False
            if w in ("گزارش", "نقل") and self.t.word(k - 1) == "به":  # not "X گزارش داد که Y …"
                return True
        return False

    def fill(self, d: Draft, mentions: list[Found], toks: range) -> None:
        trig = d.triggers[0]
        rule = self.rule[d.type]
        actors = [f for f in mentions if self.actor_ok(f)]
        place = self.place(d, mentions, trig)
        if place:
            actors = [f for f in actors if f.key != place or f.kind != "Country"]
        chosen = self.pick[rule.participants](trig, actors, mentions)
        for other in d.triggers[1:] if rule.participants == "speaker" else ():
            if chosen:
                break  # "دو وزیر در نشست خبری … شرکت کردند و عراقچی گفت": the speaker of the next trigger
            chosen = self.pick[rule.participants](other, actors, mentions)
        countries = [f for f in actors if f.kind == "Country" and f not in chosen]
        if rule.countries == "before":  # "آذربایجان سفارت خود را تعطیل کرد": the country whose mission closes
            chosen += [f for f in countries if f.i < trig.i]
        elif rule.countries == "always" or (  # whose diplomats are expelled or summoned
                rule.countries == "unless-person" and not any(f.kind in ("Person", "Mission") for f in chosen)):
            chosen = chosen + countries
        side = self.sides([f.key for f in chosen]) if rule.participants == "parties" else set()
        if not trig.multilateral and len(side) == 1:
            # "تقدیم استوارنامه سفیر جدید ایران به رئیس‌جمهور گرجستان": the other side is an envoy nobody names
            chosen = chosen + [f for f in countries if f.key not in side and self.stands_for_title(f)]
        chosen = self.delegation_told(trig, toks, rule, chosen)
        if rule.both == "always" or (rule.both == "empty" and not chosen):
            chosen = unique_found(chosen + self.both_countries(toks))  # "دو کشور تفاهم‌نامه … امضا کردند"
        d.actors = unique(f.key for f in chosen)
        d.persons = [k for k in d.actors if self.entity_of(k) is not None and self.entity_of(k).kind == "Person"]
        d.place = place

    def delegation_told(self, trig: Trigger, toks: range, rule: EventType, chosen: list[Found]) -> list[Found]:
        """A delegation told before takes part again when "این هیئت" opens the event's clause ("این هیئت در سفر خود
        با X دیدار می‌کند"): who travelled for it then (its country, or the body it is from) takes part now. A
        delegation that travels is remembered."""
        at = self.delegation_word(self.t.sent_range[self.t.sent_of[trig.i]].start, trig.i)
        if at is None:
            return chosen
        back = self.t.word(at - 1) == THIS and self.opens_clause(at - 1)
        if not back:
            if rule.participants == "traveller" and chosen:
                self.last_delegation = [f.key for f in chosen]
            return chosen
        keys = {f.key for f in chosen}
        told = [Found(at - 1, at + 1, k, e.kind, "coref") for k in self.last_delegation
                if k not in keys and (e := self.entity_of(k)) is not None]
        return told + chosen

    def stands_for_title(self, f: Found) -> bool:
        """The country qualifies a title that designates nobody the text or the lexicon names ("سفیر جدید ایران"):
        it stands for that office holder."""
        return any(ta.person is None and not ta.former and ta.country == f.key and ta.i <= f.i < ta.k
                   for ta in self.titles_by_sentence.get(self.t.sent_of[f.i], ()))

    # ---- participants by type (event_types.tsv, column participants) ------------------------------------
    @property
    def pick(self):
        return {"speaker": self.pick_speaker, "target": self.pick_target, "parties": self.pick_parties,
                "traveller": self.pick_traveller, "all": self.pick_all}

    def pick_speaker(self, trig: Trigger, actors: list[Found], mentions: list[Found]) -> list[Found]:
        if self.outlet_speaks(trig, mentions):
            return []  # "روزنامه الوطن از سفر X خبر داد": the paper reports, X does not speak
        if self.t.longest(trig.i, self.lex.event_context["conveyed"], suffixes=True):
            return self.conveyor(trig, actors)
        return self.speaker(trig, actors)

    def conveyor(self, trig: Trigger, actors: list[Found]) -> list[Found]:
        """Who conveys a protest to a summoned envoy ("اعتراض … به وی ابلاغ شد"): the official who summoned
        ("توسط X"), else the ministry the envoy was summoned to, in this sentence or the summons told before."""
        by = [f for f in actors if f.kind == "Person" and self.preposition_before(f) == "توسط"]
        if by:
            return by[:1]
        govs = [f for f in actors if f.kind == "Organization" and self.is_government(f.key) and f.i < trig.i]
        if govs:
            return govs[-1:]
        if self.summoners:
            k = self.summoners[-1]
            return [Found(trig.i, trig.j, k, "Organization", "coref")]
        return []

    def joint(self, d: Draft) -> bool:
        """A statement issued together ("ایران و چین با صدور بیانیه‌ای …"): one statement of all its speakers."""
        table = self.lex.event_context["joint"]
        return any(self.t.longest(tr.i, table, suffixes=True) for tr in d.triggers)

    def outlet_speaks(self, trig: Trigger, mentions: list[Found]) -> bool:
        """The first free name before the trigger in its sentence is a news outlet that is not the source of a
        report ("به گزارش X")."""
        start = self.t.sent_range[self.t.sent_of[trig.i]].start
        first_free = min([f.i for f in mentions if start <= f.i < trig.i and self.actor_ok(f)
                          and self.preposition_before(f) is None] or [trig.i])
        for k in range(start, first_free):  # "روزنامه سوری «الوطن» …", "این رسانه نوشت"
            if self.opens_clause(k) and self.t.longest(k, self.lex.event_context["outlet"]):
                return True
        for f in mentions:
            if not start <= f.i < trig.i or f.kind not in ACTOR_KINDS:
                continue
            e = self.entity_of(f.key)
            if e is not None and e.subtype == NEWS and not self.reported_by(f):
                return True
            if self.actor_ok(f) and self.preposition_before(f) is None:
                return False
        return False

    def pick_target(self, trig: Trigger, actors: list[Found], mentions: list[Found]) -> list[Found]:
        """The missions the event is about ("حمله به سفارت X"), else the countries, else the organisation at the
        head of the clause that acts ("سپاه … مواضع … را هدف قرار داد": the target named no country)."""
        ends_clause = self.t.word(trig.j) in CLAUSE_BREAKS | {".", AND, ""}  # the verb, not a noun inside its object
        return ([f for f in actors if f.kind == "Mission"] or [f for f in actors if f.kind == "Country"]
                or [f for f in actors if ends_clause and f.kind == "Organization" and f.j <= trig.i
                    and self.opens_clause(f.i)][:1])

    def pick_parties(self, trig: Trigger, actors: list[Found], mentions: list[Found]) -> list[Found]:
        persons = [f for f in actors if f.kind == "Person"]
        if trig.multilateral:
            org = next(f for f in mentions if f.key == trig.multilateral)
            before = [f for f in persons if f.j <= trig.i]
            return [org, *(self.named_after(trig, persons) or before[-1:] or persons[:1])]
        after = self.named_after(trig, persons)
        if after:  # "دیدار اخیر رؤسای جمهور دو کشور": who met is named after
            if self.t.word(trig.j) == "با":  # "دیدارش با X": the one who met X is the subject
                return unique_found(self.subject(trig, persons) + after)
            return after
        return self.pick_all(trig, actors, mentions) + self.counterpart_countries(trig, actors)

    def counterpart_countries(self, trig: Trigger, actors: list[Found]) -> list[Found]:
        """Countries that stand for the other side in a "با" phrase with no person named in it: "با وزیر امور
        خارجه برزیل دیدار کرد" (the minister is not known), "دیدار با همتایان … از کشورهای X، Y و Z"."""
        toks = self.t.sent_range[self.t.sent_of[trig.i]]
        start = self.clause_start(trig.i, toks)
        ba = [k for k in range(start, min(toks.stop, trig.j + 2)) if self.t.word(k) == "با"]
        if not ba:
            return []
        k0 = ba[-1]
        stop = trig.i if k0 < trig.i else min(toks.stop, k0 + 30)
        out: list[Found] = []
        last = k0
        for f in sorted(actors, key=lambda f: f.i):
            if f.i <= k0 or f.i >= stop:
                continue
            gap = [self.t.word(m) for m in range(last + 1, f.i)]
            if f.kind == "Person" or any(w in ("در", "به", ".") for w in gap):
                break  # a person named: the counterpart is that person; "در"/"به": a place, the phrase is over
            if out and not (len(gap) <= 4 and any(w in ("،", ",", "و") for w in gap)):
                break  # the list of countries is over (a name the lexicon lacks may stand in it)
            if f.kind == "Country" and (out or len(gap) <= 8):
                out.append(f)
                last = f.j - 1
        return out

    def pick_traveller(self, trig: Trigger, actors: list[Found], mentions: list[Found]) -> list[Found]:
        persons = [f for f in actors if f.kind == "Person"]
        invited = self.invited(trig, persons)
        if invited is not None:
            return invited
        named = self.named_after(trig, persons, allow=())[:1]
        if named:
            return named
        if self.title_after(trig):
            return []  # "سفر معاون رئیس‌جمهور هند به تهران": a traveller nobody resolved, not the subject
        reported = self.reported_clause(trig)
        if reported is not None:  # "X گفت هیاتی از روسیه … سفر خواهند کرد": X speaks, the delegation travels
            delegation = self.delegation(reported, trig, actors)
            if delegation:  # a delegation that names no country: whoever heads it ("X در راس هیئتی") travels
                return delegation
            inside = [f for f in persons if f.i >= reported]
            if not inside and not self.first_person(trig):
                return []  # "X گفت: وزرای خارجه … خواهند آمد": who comes is not X (and not named here)
            persons = inside or persons
        elif not persons:  # "هیئت پارلمانی ایران … وارد بغداد شد": with no person, a delegation travels for its country
            start = self.t.sent_range[self.t.sent_of[trig.i]].start
            delegation = self.delegation(start, trig, actors)
            if delegation:
                return delegation
        return self.subject(trig, persons) or [f for f in actors if f.kind == "Organization"]

    def invited(self, trig: Trigger, persons: list[Found]) -> list[Found] | None:
        """"از X برای سفر به تهران دعوت کرد", "X را به سفر به تهران دعوت کرد": the one invited travels, not who
        invites ([] when the invitee is not a person the text names); None when the trigger is no invitation's."""
        if self.t.word(trig.i - 1) not in ("برای", "به"):
            return None
        si = self.t.sent_of[trig.i]
        tail = [m for m in range(trig.j, min(len(self.t.tokens), trig.j + 8)) if self.t.sent_of[m] == si]
        if not any(compact(self.t.word(m)).startswith("دعوت") for m in tail):
            return None
        if self.t.word(trig.i - 1) == "برای":  # "از X برای سفر": X ends right before برای, after از
            invitee = [f for f in persons if f.j == trig.i - 1 and self.preposition_before(f) == "از"]
            opened = any(self.t.word(m) == "از" for m in range(max(trig.i - 8, 0), trig.i - 1))
        else:  # "X را به سفر": X ends right before را
            invitee = [f for f in persons if f.j == trig.i - 2 and self.t.word(trig.i - 2) == "را"]
            opened = self.t.word(trig.i - 2) == "را"
        return invitee[:1] if (invitee or opened) else None

    def first_person(self, trig: Trigger) -> bool:
        """The event's verb is in the first person ("سفر خواهم کرد", "می‌رویم"): the speaker's own."""
        words = [self.t.word(m) for m in range(trig.i, min(len(self.t.tokens), trig.j + 2))]
        return any(w in ("خواهم", "خواهیم") or (len(w) > 3 and w.endswith(("یم", "م")) and w.startswith("می"))
                   for w in words)

    def title_after(self, trig: Trigger) -> bool:
        """A title stands right after a noun trigger (one adjective or time word may come between)."""
        if " " in trig.word.form.strip():
            return False
        return any(self.t.longest(k, self.lex.titles) for k in (trig.j, trig.j + 1)
                   if self.t.sent_of[min(k, len(self.t.tokens) - 1)] == self.t.sent_of[trig.i])

    def reported_clause(self, trig: Trigger) -> int | None:
        """The first token after the last speech verb before the trigger in its sentence, if there is one."""
        # a speech verb whose clause ends with "و" reports nothing after it: "X … را محکوم کرد و به تهران سفر کرد",
        # "X خواستار صلح شد و …" is X travelling
        speech = [tr for tr in self.trigs if self.rule[tr.word.type].asserted and tr.j <= trig.i
                  and self.t.sent_of[tr.i] == self.t.sent_of[trig.i]
                  and not any((m == tr.j and self.t.word(m) == AND) or self.and_after_verb(m)
                              for m in range(tr.j, trig.i))]
        return speech[-1].j if speech else None

    def delegation(self, start: int, trig: Trigger, actors: list[Found]) -> list[Found] | None:
        """A delegation word between `start` and the trigger: the countries it comes from ("هیاتی … از روسیه",
        "هیئت روسی"); [] when it names none; None when there is no delegation word."""
        at = self.delegation_word(start, trig.i)
        if at is None:
            return None
        return [f for f in actors if f.kind == "Country" and at < f.i < trig.i
                and self.t.word(f.i - 1) not in ("به", "در")][:1]

    def delegation_word(self, start: int, end: int) -> int | None:
        """The first token in [start, end) where a delegation word ("هیئت", "هیاتی"; kind "delegation") begins."""
        table = self.lex.event_context["delegation"]
        return next((k for k in range(start, end) if self.t.longest(k, table, suffixes=True)), None)

    def pick_all(self, trig: Trigger, actors: list[Found], mentions: list[Found]) -> list[Found]:
        """Persons, organizations and missions of the sentence, else its countries."""
        chosen = ([f for f in actors if f.kind == "Person"]
                  + [f for f in actors if f.kind in ("Organization", "Mission")])
        return chosen or [f for f in actors if f.kind == "Country"]

    def both_countries(self, toks: range) -> list[Found]:
        """"دو کشور", "طرفین" in the sentence: the two countries the article names most."""
        for k in toks:
            hit = self.t.longest(k, self.lex.event_context["both"])
            if hit:  # the two named most before it, else in the whole article (one may be named only later)
                two = salient_countries(self.found, k) or salient_countries(self.found, len(self.t.tokens))
                return [Found(k, hit[0], c, "Country", "coref") for c in two]
        return []

    def named_after(self, trig: Trigger, persons: list[Found], allow: tuple[str, ...] = ("با",)) -> list[Found]:
        """Persons right after a noun trigger (within two words, same clause): "دیدار [اخیر] X و Y"; not across
        a preposition or "و" (other than those allowed): in "سفر و با X دیدار کرد" X is not the traveller."""
        if " " in trig.word.form.strip():
            return []
        links = {"و", "با", "به", "در", "از", "دعوت"} - set(allow)
        first = [f for f in persons if trig.j <= f.i <= trig.j + 2 and not self.breaks_between(trig.j, f.i)
                 and not links & {self.t.word(m) for m in range(trig.j, f.i)}]
        if not first:
            return []
        return [f for f in persons if f.i >= first[0].i and not self.breaks_between(first[0].i, f.i)
                and self.preposition_before(f) in (None, "با")]

    def subject(self, trig: Trigger, persons: list[Found]) -> list[Found]:
        """The person the event is about: the first before the trigger that is not inside a prepositional phrase
        ("به دعوت X", "با X"), else the nearest before it, else the first after it."""
        start = self.t.sent_range[self.t.sent_of[trig.i]].start
        ends = {f.j for f in persons}
        # "X گفت که Y … سفر کند": Y travels; but in "X که … سفر کرده است" که opens a relative clause about X
        ke = [m for m in range(start, trig.i) if self.t.word(m) == "که" and m not in ends]
        before = [f for f in persons if f.j <= trig.i and (not ke or f.i > ke[-1])] or \
            [f for f in persons if f.j <= trig.i]
        free = [f for f in before if self.preposition_before(f) is None]
        if free:
            return self.coordinated(free[0], persons)
        if before:
            return [before[-1]]
        return persons[:1]

    def coordinated(self, first: Found, persons: list[Found]) -> list[Found]:
        """The person and those joined to it by "و" or a comma: "X و Y … خواهند آمد"."""
        out, end = [first], first.j
        for f in sorted(persons, key=lambda f: f.i):
            if f is not first and first.i <= f.i < first.j and f.key not in [o.key for o in out]:
                out.append(f)  # one plural title for several ("وزرای خارجه X، Y و Z")
                continue
            if f.i > end and all(self.t.word(m) in {"و", ","} for m in range(end, f.i)) and f.i - end <= 1:
                out.append(f)
                end = f.j
        return out

    def preposition_before(self, f: Found) -> str | None:
        k = f.i - 1
        while self.t.word(k) in QUOTES:
            k -= 1
        w = self.t.word(k)
        return w if w in {"با", "از", "به", "دعوت", "همراه", "توسط"} else None

    def speaker(self, trig: Trigger, actors: list[Found]) -> list[Found]:
        before = [f for f in actors if f.j <= trig.i]
        persons = [f for f in before if f.kind == "Person"]
        if persons and (lead := self.subject_before(persons[0], before)):
            return [lead]  # "وزارت خارجه ترکیه از سفر امروز ظریف … خبر داد": the ministry speaks, not Zarif
        if persons:
            out = [persons[0]]
            for f in persons[1:]:  # "X و Y … گفتند": each of the joined subjects speaks
                if f.i != out[-1].j + 1 or self.t.word(out[-1].j) != "و":
                    break
                out.append(f)
            return self.joined_before(out, before) + out
        govs = [f for f in before if f.kind == "Organization" and self.is_government(f.key)]
        if govs:
            return govs[-1:]
        orgs = [f for f in before if f.kind == "Organization" and self.preposition_before(f) is None]
        if orgs:  # "اتحادیه اروپا … واکنش نشان داد"
            chain = self.coordinated(orgs[-1], orgs)
            return self.joined_before(chain, before) + chain
        countries = [f for f in before if f.kind == "Country" and self.clause_subject(f)]
        if countries:  # "آذربایجان اعلام کرد", "ایران و چین … با صدور بیانیه‌ای"
            return self.coordinated(countries[0], [f for f in before if f.kind == "Country"])
        noun = " " not in trig.word.form and not trig.word.form.endswith(("د", "ت"))  # not a past verb
        after = [f for f in actors if trig.j <= f.i <= trig.j + 1
                 and (f.kind == "Person" or self.is_government(f.key) or (noun and f.kind == "Country"))
                 and "که" not in [self.t.word(m) for m in range(trig.j, f.i)]]
        return after[:1]  # "طبق اعلام وزارت امور خارجه X"; not "گفته که X …": X is what was said

    def subject_before(self, person: Found, before: list[Found]) -> Found | None:
        """The first body or country named before the first person (not itself after a preposition), when that
        person stands in a prepositional phrase after it ("X از سفر Y خبر داد", "X با Y …"): the subject."""
        lead = next((f for f in before if self.preposition_before(f) is None), None)
        if lead is None or lead.kind not in ("Organization", "Country") or lead.j > person.i or any(
                f.kind == "Person" for f in before if lead.j <= f.i < person.i):
            return None
        between = [self.t.word(m) for m in range(lead.j, person.i)]
        return lead if any(w in SPEAKER_PREPS for w in between) and not CLAUSE_BREAKS & set(between) else None

    def joined_before(self, chain: list[Found], before: list[Found]) -> list[Found]:
        """Organizations joined by "و" right before the first speaker ("عفو بین‌الملل و اتحادیه اروپا و دبیرکل
        سازمان ملل … واکنش نشان دادند"): they speak too, each."""
        ends = {f.j: f for f in before if f.kind == "Organization" and self.preposition_before(f) is None}
        out: list[Found] = []
        k = chain[0].i
        while self.t.word(k - 1) == "و" and (f := ends.get(k - 1)) is not None:
            out.insert(0, f)
            k = f.i
        return out

    def clause_subject(self, f: Found) -> bool:
        """The mention opens its clause (sentence start, or after a clause break), as a subject does."""
        return self.opens_clause(f.i)

    def opens_clause(self, i: int) -> bool:
        """Token i opens its clause: sentence start or a clause break before it (quotes and "این" aside)."""
        start = self.t.sent_range[self.t.sent_of[i]].start
        k = i - 1
        while k >= start and (self.t.word(k) in QUOTES or self.t.word(k) == THIS):
            k -= 1
        return k < start or self.t.word(k) in CLAUSE_BREAKS

    def is_government(self, key: str) -> bool:
        e = self.entity_of(key)
        return e is not None and e.subtype == "GovernmentOrganization"

    def place(self, d: Draft, mentions: list[Found], trig: Trigger) -> str | None:
        """City after "به" (destination of a visit) or "در" (where it happened), nearest to the trigger."""
        how = self.rule[d.type].place
        if how == "none":
            return None
        inside = {k for f in mentions if f.kind == "Mission" and f.how != "coref" for k in range(f.i, f.j)}
        best, rank = None, (9, 10**9)
        for f in mentions:
            if f.kind not in ("City", "Country") or f.i in inside:
                continue
            prep = self.t.word(f.i - 1)
            right_after = how == "destination" and any(f.i == tr.j for tr in d.triggers)  # "عازم باکو شد"
            if f.kind == "Country" and (how != "destination" or (prep != "به" and not right_after)):
                continue
            if prep not in PLACE_PREPS and not right_after and not (f.kind == "City" and prep == "شهر"):
                continue
            r = (0 if f.kind == "City" else 1, abs(f.i - trig.i))
            if r < rank:
                best, rank = f.key, r
        if best is None:
            missions = [f for f in mentions if f.kind == "Mission"]
            e = self.entity_of(missions[0].key) if missions else None
            best = e.city if e else None
        return best




def unique_found(fs: list[Found]) -> list[Found]:
    out: list[Found] = []
    for f in fs:
        if f.key not in [o.key for o in out]:
            out.append(f)
    return out


def unique(keys) -> list[str]:
    out: list[str] = []
    for k in keys:
        if k not in out:
            out.append(k)
    return out


GUESSED_SLACK = 7  # days: a headline's unstated date (the report's) may stand for a day stated this near it


def stated(d: DateInfo | None) -> bool:
    return d is not None and bool(d.as_stated)


def compatible(a: DateInfo | None, b: DateInfo | None) -> bool:
    """Dates that can be one occasion's: overlapping, or one only guessed from the report and the other stated
    within a week of it."""
    if a is None or b is None or (a.earliest <= b.latest and b.earliest <= a.latest):
        return True
    if stated(a) == stated(b) or not (lead_guess(a) or lead_guess(b)):
        return False
    return abs((a.earliest - b.earliest).days) <= GUESSED_SLACK


def lead_guess(d: DateInfo) -> bool:
    """The publication date given to a headline or lead that states none (kg.extract.steps.dates.lead_date)."""
    return not d.as_stated and "headline/lead" in (d.note or "")


def same_occasion(o: Draft, d: Draft, rules: dict[str, EventType], speaks_for=None) -> bool:
    """Same type, modality (or planned in one place and told as happened in another) and kind of meeting,
    compatible dates, and the same key participant (or a shared person for events whose participants are
    persons)."""
    if o.type != d.type or o.multilateral != d.multilateral:
        return False
    if o.modality != d.modality and {o.modality, d.modality} != {None, "Planned"}:
        return False  # announced, then told as held: one occasion; hoped or demanded ones stay apart
    if not compatible(o.date, d.date) or not o.actors or not d.actors:
        return False
    on = rules[o.type].merge_on
    if o.actors[0] == d.actors[0] and (on != "person" or o.multilateral):  # one summit, one format
        return True
    if on == "first":
        a, b = o.actors[0], d.actors[0]
        return speaks_for is not None and (speaks_for(a, b) or speaks_for(b, a))
    if on == "person":  # a shared person (or party, when no person is named), and one side only or two shared
        shared = set(o.actors) & set(d.actors)
        if o.persons and d.persons and not set(o.persons) & set(d.persons):
            return False
        return bool(shared) and (min(len(o.actors), len(d.actors)) == 1 or len(shared) >= 2)
    return bool(set(o.actors) & set(d.actors))


def merge(drafts: list[Draft], rules: dict[str, EventType], speaks_for=None) -> list[Draft]:
    """Merge drafts of one occasion (headline, lead and body tell one event several times)."""
    out: list[Draft] = []
    for d in drafts:
        for o in out:
            ahead = told_ahead(o, d)
            if ahead is not None and same_occasion(o, ahead, rules, speaks_for):
                d = ahead  # "از سفر X در روز چهارشنبه خبر داد" under a headline that announces it: the coming Wednesday
            if same_occasion(o, d, rules, speaks_for):
                if o.modality != d.modality:
                    o.modality = None  # it was planned and it happened
                o.actors = unique(o.actors + d.actors)
                o.persons = unique(o.persons + d.persons)
                o.place = o.place or d.place
                # a date of its own beats one the event is told after; then a day beats a month, a stated date a guess
                if d.date is not None and (o.date is None or (o.after and not d.after) or (
                        (o.after or not d.after) and ((d.date.precision == "Day" and o.date.precision != "Day")
                                                      or (stated(d.date) and not stated(o.date))))):
                    o.date, o.after = d.date, d.after
                o.evidence.append(d.sentence)
                o.triggers += d.triggers
                break
        else:
            out.append(d)
    return out


def told_ahead(o: Draft, d: Draft) -> Draft | None:
    """`d` read as planned on its weekday's coming date, when `o` announces the same kind of event as planned."""
    if o.modality != "Planned" or d.modality is not None or d.date is None or d.date.if_future is None:
        return None
    return replace(d, date=d.date.if_future, modality="Planned")


def to_event(d: Draft, t: Text) -> Event:
    trig = d.triggers[0]
    span = t.span(trig.i, trig.j)
    sent = t.sentences[d.sentence]
    conf = 0.9 if d.actors and d.date else 0.7 if d.actors else 0.5
    return Event(type=d.type, trigger=span, sentence=sent, actors=list(d.actors), place=d.place, date=d.date,
                 modality=d.modality, cameo=trig.word.cameo, confidence=conf,
                 evidence=[t.sentences[s] for s in sorted(set(d.evidence)) if s != d.sentence])


__all__ = ["EventFinder", "Span", "to_event"]
