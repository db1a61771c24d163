"""Events: triggers from the lexicon of event words, participants, place, date and modality from the sentence.

One event per (type, sentence, kind of meeting); events of the same type that share their key participant and
have compatible dates are merged across the article (headline, lead and body tell one event several times).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from kg.extract.entities import QUOTES, THIS, Found
from kg.extract.plural import salient_countries
from kg.extract.text import Text
from kg.lexicon import EventWord, Lexicon
from kg.model import DateInfo, Event, Span

ACTOR_KINDS = {"Person", "Organization", "Mission", "Country"}
NEWS = "NewsMediaOrganization"
MULTILATERAL = {"IntergovernmentalOrganization", "Format"}
CLAUSE_BREAKS = {",", ";", ":", "«", "»", "(", ")"}
PLACE_PREPS = {"به": "to", "در": "in", "وارد": "to"}  # "وارد مسکو شد": arrived in Moscow
# Types a headline or lead reports as the day's news: with no date of their own they take the report's date.
NEWS_TYPES = {"Statement", "Meeting", "Visit", "PhoneCall", "Summons", "Agreement", "Appointment", "Expulsion"}


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


class EventFinder:
    def __init__(self, lex: Lexicon, entity_of):
        self.lex = lex
        self.entity_of = entity_of  # key -> Entity | None

    def run(self, t: Text, found: list[Found], dates_by_sentence: dict[int, list[tuple[int, DateInfo]]],
            default_date) -> list[Draft]:
        self.t, self.found = t, found
        self.break_count = [0]  # clause breaks among tokens [0, k): breaks_between in constant time
        for tok in t.tokens:
            self.break_count.append(self.break_count[-1] + (tok.text in CLAUSE_BREAKS))
        self.by_sentence: dict[int, list[Found]] = {}
        for f in found:
            self.by_sentence.setdefault(t.sent_of[f.i], []).append(f)
        drafts: list[Draft] = []
        for si in range(len(t.sentences)):
            drafts += self.sentence_events(si, dates_by_sentence.get(si, []), default_date(si))
        return merge(drafts)

    # ---- triggers --------------------------------------------------------------------------------------
    def triggers(self, toks: range) -> list[Trigger]:
        out, k = [], toks.start
        referred: set[str] = set()
        while k < toks.stop:
            hit = self.t.longest(k, self.lex.event_words, suffixes=True)
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
                referred.add(word.type)  # "در این دیدار … رایزنی کردند": the meeting told before
            k = j
        end = toks.stop - (1 if self.t.word(toks.stop - 1) == "." else 0)
        return [tr for tr in out if tr.word.type not in referred or tr.j < end - 1]  # only its clause-final verb

    def clause_start(self, i: int, toks: range) -> int:
        """The first token of the clause that ends at token i (at most 8 words back)."""
        k = i
        while k > max(toks.start, i - 8) and self.t.word(k - 1) not in CLAUSE_BREAKS:
            k -= 1
        return k

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
        effect = self.cue(self.lex.cues_before, clause)
        if self.blocked_before(trig, before) or self.cue(self.lex.cues_after, [trig.j]) == "block":
            return True
        effect = None if effect == "block" else effect
        if trig.modality is None and trig.word.type != "Statement":
            after = self.clause_after(trig.j, toks)
            trig.modality = self.cue(self.lex.cues_after, after) or effect
        return False

    def clause_after(self, j: int, toks: range) -> range:
        """Tokens after a trigger up to the end of its clause (at most 10)."""
        end = j
        while end < min(toks.stop, j + 10) and self.t.word(end) not in CLAUSE_BREAKS | {"."}:
            end += 1
        return range(j, end)

    # ---- one sentence ----------------------------------------------------------------------------------
    def sentence_events(self, si: int, dates: list[tuple[int, DateInfo]], default: DateInfo | None) -> list[Draft]:
        toks = self.t.sentence_tokens(si)
        trigs = self.triggers(toks)
        mentions = [f for f in self.by_sentence.get(si, []) if f.kind in ACTOR_KINDS | {"City", "Region"}]
        by_key: dict[tuple, Draft] = {}
        for trig in trigs:
            wtype = trig.word.type
            if wtype == "Meeting" and self.interview(trig, mentions):
                wtype = "Statement"  # "در گفت‌وگو با ریانووستی": an interview is a statement
            if wtype == "Meeting":
                trig.multilateral = self.multilateral_org(trig, mentions)
            key = (wtype, trig.multilateral is not None)
            d = by_key.get(key)
            if d is None:
                d = by_key[key] = Draft(wtype, si, evidence=[si], multilateral=key[1])
            if not d.triggers and wtype != "Statement":
                d.modality = trig.modality  # a Statement that hopes or demands still happened
            d.triggers.append(trig)
        self.carry_modality(trigs, by_key)
        if any(k[0] == "PhoneCall" for k in by_key):  # "در تماس تلفنی … گفت‌وگو کرد": one call, not a meeting
            by_key.pop(("Meeting", False), None)
        attached = self.attach_dates(trigs, dates)
        out = []
        for d in by_key.values():
            self.fill(d, mentions, toks)
        self.margins(by_key)
        for d in by_key.values():
            own = [attached[id(tr)] for tr in d.triggers if id(tr) in attached] or self.earlier(d, trigs, attached)
            d.date = own[0] if own else (default if d.type in NEWS_TYPES or default is None or default.span else None)
            if d.modality == "Planned" and d.date is not None and d.date.if_future is not None:
                d.date = d.date.if_future  # "جمعه به استانبول خواهد رفت": the coming Friday
            if d.type == "Visit" and d.place is None:
                continue  # "X آمد" with no destination is not a visit
            if d.type in ("MissionSuspension", "MissionResumption") and not self.has_mission(d):
                continue  # "تعلیق" of something that is not a mission
            if d.type == "Statement" and len(d.actors) > 1:  # one statement per speaker
                out += [replace(d, actors=[a], persons=[a] if a in d.persons else []) for a in d.actors]
            elif d.actors or d.type in ("LegalProceeding",):
                out.append(d)
        return out

    def carry_modality(self, trigs: list[Trigger], by_key: dict[tuple, Draft]) -> None:
        """"X ابراز امیدواری کرد که Y به تهران سفر کند": what is hoped or demanded did not (yet) happen."""
        for d in by_key.values():
            if d.type == "Statement" or d.modality:
                continue
            first = d.triggers[0].i
            for tr in trigs:
                if (tr.word.type == "Statement" and tr.word.modality in ("Hoped", "Demanded") and tr.i < first
                        and "که" in [self.t.word(m) for m in range(tr.j, first)]):
                    d.modality = tr.word.modality

    def margins(self, by_key: dict[tuple, Draft]) -> None:
        """"X و Y در حاشیه اجلاس Z دیدار کردند": the summit's participants include those who met in its margins."""
        multi, bi = by_key.get(("Meeting", True)), by_key.get(("Meeting", False))
        if multi and bi and bi.persons and self.t.word(multi.triggers[0].i - 1) == "حاشیه":
            multi.actors = unique(multi.actors[:1] + bi.persons)
            multi.persons = list(bi.persons)

    def attach_dates(self, trigs: list[Trigger], dates: list[tuple[int, DateInfo]]) -> dict[int, DateInfo]:
        """Each date of the sentence belongs to its nearest trigger; crossing a clause boundary costs 10 words."""
        out: dict[int, DateInfo] = {}
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
        if d.type == "Statement":  # what a speaker says is dated by what it is about, not the other way round
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
        return any((e := self.entity_of(k)) is not None and e.kind == "Mission" for k in d.actors)

    def interview(self, trig: Trigger, mentions: list[Found]) -> bool:
        if self.t.word(trig.j) != "با":
            return False
        nxt = [f for f in mentions if f.i in (trig.j + 1, trig.j + 2)]
        return any((e := self.entity_of(f.key)) is not None and e.subtype == NEWS for f in nxt)

    def multilateral_org(self, trig: Trigger, mentions: list[Found]) -> str | None:
        for f in mentions:
            e = self.entity_of(f.key)
            if trig.j <= f.i <= trig.j + 4 and e is not None and e.subtype in MULTILATERAL:
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
            if w in ("گزارش", "نقل"):
                return True
        return False

    def fill(self, d: Draft, mentions: list[Found], toks: range) -> None:
        trig = d.triggers[0]
        actors = [f for f in mentions if self.actor_ok(f)]
        place = self.place(d, mentions, trig)
        if place:
            actors = [f for f in actors if f.key != place or f.kind != "Country"]
        persons = [f for f in actors if f.kind == "Person"]
        if d.type == "Statement":
            chosen = self.speaker(trig, actors)
        elif d.type in ("Attack", "MissionSuspension", "MissionResumption"):
            chosen = [f for f in actors if f.kind == "Mission"] or [f for f in actors if f.kind == "Country"]
            if d.type == "MissionSuspension":
                chosen += [f for f in actors if f.kind == "Country" and f.i < trig.i]
        elif d.type == "Meeting" and trig.multilateral:
            org = next(f for f in mentions if f.key == trig.multilateral)
            before = [f for f in persons if f.j <= trig.i]
            chosen = [org, *(self.named_after(trig, persons) or before[-1:] or persons[:1])]
        elif d.type in ("Meeting", "PhoneCall") and self.named_after(trig, persons):
            chosen = self.named_after(trig, persons)  # "دیدار اخیر رؤسای جمهور دو کشور": who met is named after
            if self.t.word(trig.j) == "با":  # "دیدارش با X": the one who met X is the subject
                chosen = unique_found(self.subject(trig, persons) + chosen)
        elif d.type == "Visit":
            chosen = (self.named_after(trig, persons)[:1] or self.subject(trig, persons)
                      or [f for f in actors if f.kind == "Organization"])
        else:
            chosen = persons + [f for f in actors if f.kind in ("Organization", "Mission")]
            if not chosen:
                chosen = [f for f in actors if f.kind == "Country"]
        if d.type in ("Expulsion", "Agreement") or (
                d.type == "Summons" and not any(f.kind in ("Person", "Mission") for f in chosen)):
            chosen = chosen + [f for f in actors if f.kind == "Country" and f not in chosen]  # whose diplomats
        if not chosen and d.type in ("Agreement", "Meeting", "PhoneCall", "Expulsion"):
            chosen = self.both_countries(toks)  # "دو کشور تفاهم‌نامه … امضا کردند"
        d.actors = unique(f.key for f in chosen)
        d.persons = [k for k in d.actors if self.entity_of(k) is not None and self.entity_of(k).kind == "Person"]
        d.place = place

    def both_countries(self, toks: range) -> list[Found]:
        """"دو کشور" in the sentence: the two countries the article names most."""
        for k in toks:
            if self.t.word(k) == "دو" and self.t.word(k + 1) == "کشور":
                return [Found(k, k + 2, c, "Country", "coref") for c in salient_countries(self.found, k)]
        return []

    def named_after(self, trig: Trigger, persons: list[Found]) -> list[Found]:
        """Persons right after a noun trigger (within two words, same clause): "دیدار [اخیر] X و Y"."""
        if " " in trig.word.form.strip():
            return []
        first = [f for f in persons if trig.j <= f.i <= trig.j + 2 and not self.breaks_between(trig.j, f.i)]
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
        if persons:
            out = [persons[0]]
            for f in persons[1:]:  # "X و Y … گفتند": each of the joined subjects speaks
                if f.i != out[-1].j + 1 or self.t.word(out[-1].j) != "و":
                    break
                out.append(f)
            return out
        govs = [f for f in before if f.kind == "Organization" and self.is_government(f.key)]
        if govs:
            return govs[-1:]
        after = [f for f in actors if trig.j <= f.i <= trig.j + 1 and (f.kind == "Person" or self.is_government(f.key))]
        return after[:1]  # "طبق اعلام وزارت امور خارجه X"

    def is_government(self, key: str) -> bool:
        e = self.entity_of(key)
        return e is not None and e.subtype == "GovernmentOrganization"

    def place(self, d: Draft, mentions: list[Found], trig: Trigger) -> str | None:
        """City after "به" (destination of a visit) or "در" (where it happened), nearest to the trigger."""
        if d.type == "Statement":
            return None
        inside = {k for f in mentions if f.kind == "Mission" and f.how != "coref" for k in range(f.i, f.j)}
        best, rank = None, (9, 10**9)
        for f in mentions:
            if f.kind not in ("City", "Country") or f.i in inside:
                continue
            prep = self.t.word(f.i - 1)
            right_after = d.type == "Visit" and any(f.i == tr.j for tr in d.triggers)  # "عازم باکو شد"
            if f.kind == "Country" and (d.type != "Visit" or (prep != "به" and not right_after)):
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


def compatible(a: DateInfo | None, b: DateInfo | None) -> bool:
    return a is None or b is None or (a.earliest <= b.latest and b.earliest <= a.latest)


def same_occasion(o: Draft, d: Draft) -> bool:
    """Same type, modality (or planned in one place and told as happened in another) and kind of meeting,
    compatible dates, and the same key participant (or a shared person for events whose participants are
    persons)."""
    if o.type != d.type or o.multilateral != d.multilateral:
        return False
    if o.modality != d.modality and {o.modality, d.modality} != {None, "Planned"}:
        return False  # announced, then told as held: one occasion; hoped or demanded ones stay apart
    if not compatible(o.date, d.date) or not o.actors or not d.actors:
        return False
    if o.actors[0] == d.actors[0]:
        return True
    if o.type in ("Statement",):
        return False
    if o.type in ("Meeting", "Visit", "PhoneCall"):
        return bool(set(o.persons) & set(d.persons))
    return bool(set(o.actors) & set(d.actors))


def merge(drafts: list[Draft]) -> list[Draft]:
    """Merge drafts of one occasion (headline, lead and body tell one event several times)."""
    out: list[Draft] = []
    for d in drafts:
        for o in out:
            if same_occasion(o, d):
                if o.modality != d.modality:
                    o.modality = None  # it was planned and it happened
                o.actors = unique(o.actors + d.actors)
                o.persons = unique(o.persons + d.persons)
                o.place = o.place or d.place
                if o.date is None or (d.date is not None and d.date.precision == "Day" and o.date.precision != "Day"):
                    o.date = d.date or o.date
                o.evidence.append(d.sentence)
                o.triggers += d.triggers
                break
        else:
            out.append(d)
    return out


def to_event(d: Draft, t: Text) -> Event:
    trig = d.triggers[0]
    span = t.span(trig.i, trig.j)
    sent = t.sentences[d.sentence]
    conf = 0.9 if d.actors and d.date else 0.7 if d.actors else 0.5
    return Event(type=d.type, trigger=span, sentence=sent, actors=list(d.actors), place=d.place, date=d.date,
                 modality=d.modality, cameo=trig.word.cameo, confidence=conf,
                 evidence=[t.sentences[s] for s in sorted(set(d.evidence)) if s != d.sentence])


__all__ = ["EventFinder", "Span", "to_event"]
