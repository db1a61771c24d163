"""One event node per real occurrence: reports of the same occurrence in several articles joined into one node.

    reports_of(x, ents) -> [Report]             what each article says about each of its events (worker side)
    report_lines(r) -> [str]                    the per-article report node, N-Triples (in the article's lines)
    Places(entities) / Places.from_maps(...)    the country of each actor and the container of each place
    Joiner(places).add(reports) -> occurrences  reports grouped into occurrences, deterministically
    occurrence_lines(occ) -> [str]              the occurrence node (merged) and its links to its reports

Each extracted event is a *report* (`dip:EventReport`, IRI id/report/{doc}/{Type}-{start}-{end}): what one article
says, kept as it says it (participants, place, date as stated, modality, confidence, its spans). Reports are
grouped into *occurrences* (`dip:Event` and its class, IRI of the canonical report's event, id/event/…): one node
with the participants of all its reports, the most precise date they agree on, the place, the spans of every
report (`prov:wasDerivedFrom`), `dip:reportCount` (articles) and `dip:outletCount` (independent outlets: the agency
an article quotes, else its publisher, else the article itself).

Two reports join when they are of one type, in different articles, of compatible modality (happened or planned;
any other modality only with the same), with overlapping dates (a day refines a month; two different days never
join; a date of a year or more is too vague to join anything), places that agree (equal, or one inside the other),
and the same principal participants (at least one shared and the countries they stand for compatible: one side's
countries inside the other's, or half of them shared). Undated reports join only on strong evidence: two shared
participants, the same countries, a publication date within a week after the occurrence. A report whose place or
acting/acted-upon participants differ from the occurrence's while everything else agrees strongly is joined and
flagged (`dip:conflictsOn` the property), its own values kept on the report, never overwritten. A report that
fits several occurrences joins the best fit; when two fit equally well it joins neither (a guess is not evidence).

Determinism: reports are joined in an order that depends only on what they say (precision, date, article id,
IRI), never on the input order; the canonical report (its event IRI names the occurrence) is the earliest
published, then the smallest article id.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from rdflib import URIRef
from rdflib.namespace import RDFS

from kg.graph import iris
from kg.graph.rdf_text import default_cameo, event_label, nt_term, outlets_of, xdecimal
from kg.graph.vocab import DATA, DIP, NIF, PROV, SCHEMA, SEM
from kg.model import Entity, Extraction

_EVENT = str(DATA) + "event/"
_REPORT = str(DATA) + "report/"
RANK = {"Day": 0, "Month": 1, "Year": 2, None: 3}
JOINABLE = timedelta(days=31)  # a report joins only when its date is a month or finer
UNDATED_WINDOW = timedelta(days=7)  # an undated report: the occurrence began at most this long before publication


@dataclass(frozen=True)
class Report:
    """What one article says about one event (plain data: IRIs and values, picklable)."""

    doc: str
    event: str  # the per-article event IRI (also the occurrence IRI when this report is canonical)
    type: str
    cameo: str
    actors: tuple[str, ...] = ()
    source: tuple[str, ...] = ()
    target: tuple[str, ...] = ()
    place: str | None = None
    lo: date | None = None
    hi: date | None = None
    precision: str | None = None
    as_stated: str | None = None
    note: str | None = None
    date_span: str | None = None
    modality: str | None = None
    confidence: float = 1.0
    spans: tuple[str, ...] = ()
    label: str = ""
    published: date | None = None
    outlet: str = ""  # IRI standing for the independent source (agency quoted, publisher, or the article)

    @property
    def iri(self) -> str:
        return _REPORT + self.event[len(_EVENT):]

    @property
    def article(self) -> str:
        return str(iris.article_iri(self.doc))

    def order(self) -> tuple:
        """Joining order: the most precise first, then by date, article and IRI (content only)."""
        return (RANK[self.precision], self.lo or date.max, self.doc, self.event)

    def canon(self) -> tuple:
        return (self.published or date.max, self.doc, self.event)


def reports_of(x: Extraction, ents: dict[str, Entity]) -> list[Report]:
    """The reports of an article's events, IRIs as `kg.graph.rdf` mints them (`ents`: the article's entities,
    outlets included)."""
    def iri(key: str) -> str:
        e = ents[key]
        return str(iris.entity_iri(e.kind, e.key))

    publisher, agency = outlets_of(x, ents)
    outlet = iri(agency.key) if agency and agency.key in ents else (
        iri(publisher.key) if publisher and publisher.key in ents else str(iris.article_iri(x.doc.id)))
    seen: set[URIRef] = set()
    out = []
    for ev in x.events:
        n = iris.disambiguate(iris.event_iri(x.doc.id, ev.type, ev.trigger.start, ev.trigger.end), seen)
        spans = [ev.sentence, ev.trigger, *ev.evidence]
        d = ev.date
        out.append(Report(
            doc=x.doc.id, event=str(n), type=ev.type, cameo=ev.cameo or default_cameo()[ev.type],
            actors=tuple(iri(k) for k in dict.fromkeys([*ev.actors, *ev.source, *ev.target])),
            source=tuple(iri(k) for k in ev.source), target=tuple(iri(k) for k in ev.target),
            place=iri(ev.place) if ev.place else None,
            lo=d.earliest if d else None, hi=d.latest if d else None, precision=d.precision if d else None,
            as_stated=d.as_stated if d else None, note=d.note if d else None,
            date_span=str(iris.span_iri(x.doc.id, d.span.start, d.span.end)) if d and d.span else None,
            modality=ev.modality, confidence=ev.confidence,
            spans=tuple(dict.fromkeys(str(iris.span_iri(x.doc.id, s.start, s.end)) for s in spans)),
            label=event_label(ev, ents), published=x.published, outlet=outlet))
    return out


# ---------------------------------------------------------------- N-Triples

def _i(iri: str) -> str:
    return f"<{iri}>"


_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


def _lit(value: str) -> str:
    """A plain string literal in N-Triples (what rdflib's writer makes of `Literal(value)`)."""
    return '"' + value.translate(_ESCAPES) + '"'



def _date(d: date) -> str:
    return f'"{d.isoformat()}"^^<http://www.w3.org/2001/XMLSchema#date>'


def _dec(x: float) -> str:
    return nt_term(xdecimal(x))


def _count(n: int) -> str:
    return f'"{n}"^^<http://www.w3.org/2001/XMLSchema#nonNegativeInteger>'


T = {name: _i(str(term)) for name, term in {
    "type": URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), "label": RDFS.label,
    "Event": DIP.Event, "EventReport": DIP.EventReport, "hasActor": SEM.hasActor, "source": DIP.source,
    "target": DIP.target, "place": SEM.hasPlace, "earliest": SEM.hasEarliestBeginTimeStamp,
    "latest": SEM.hasLatestBeginTimeStamp, "start": SCHEMA.startDate, "precision": DIP.datePrecision,
    "asStated": DIP.dateAsStated, "note": DIP.dateNote, "dateSpan": DIP.dateSpan, "modality": DIP.modality,
    "eventType": SEM.eventType, "derived": PROV.wasDerivedFrom, "confidence": DIP.confidence,
    "reportCount": DIP.reportCount, "outletCount": DIP.outletCount, "hasReport": DIP.hasReport,
    "reportOf": DIP.reportOf, "inArticle": DIP.inArticle, "reportedType": DIP.reportedType,
    "reportedActor": DIP.reportedActor, "reportedSource": DIP.reportedSource,
    "reportedTarget": DIP.reportedTarget, "reportedPlace": DIP.reportedPlace,
    "reportedEarliest": DIP.reportedEarliest, "reportedLatest": DIP.reportedLatest,
    "conflictsOn": DIP.conflictsOn, "Phrase": NIF.Phrase}.items()}
_CAMEO = "https://w3id.org/dipkg/cameo/"


def report_lines(r: Report) -> list[str]:
    """The report node: what this article says, as it says it."""
    s = _i(r.iri)
    out = [(T["type"], T["EventReport"]), (T["reportedType"], _i(str(DIP[r.type]))), (T["inArticle"], _i(r.article)),
           (T["confidence"], _dec(r.confidence)), (T["label"], _lit(r.label))]
    out += [(T["reportedActor"], _i(a)) for a in r.actors]
    out += [(T["reportedSource"], _i(a)) for a in r.source]
    out += [(T["reportedTarget"], _i(a)) for a in r.target]
    out += [(T["derived"], _i(sp)) for sp in r.spans]
    if r.place:
        out.append((T["reportedPlace"], _i(r.place)))
    if r.lo:
        out += [(T["reportedEarliest"], _date(r.lo)), (T["reportedLatest"], _date(r.hi)),
                (T["precision"], _i(str(DIP[r.precision])))]
        if r.as_stated is not None:
            out.append((T["asStated"], _lit(r.as_stated)))
        if r.note:
            out.append((T["note"], _lit(r.note)))
        if r.date_span:
            out.append((T["dateSpan"], _i(r.date_span)))
    if r.modality:
        out.append((T["modality"], _i(str(DIP[r.modality]))))
    return sorted({f"{s} {p} {o} .\n" for p, o in out})


# ---------------------------------------------------------------- places and countries

class Places:
    """The country an actor stands for, and the place a place lies in (entity IRIs)."""

    def __init__(self, country_of: dict[str, str], container_of: dict[str, str], multilateral: set[str]):
        self.country_of, self.container_of = country_of, container_of
        self.multilateral = multilateral  # organizations of no one country (formats, international organizations)

    @classmethod
    def of_entities(cls, entities: dict[str, Entity]) -> Places:
        def iri(key: str) -> str | None:
            e = entities.get(key)
            return str(iris.entity_iri(e.kind, e.key)) if e else None

        country_of, container_of, multilateral = {}, {}, set()
        for e in entities.values():
            me = iri(e.key)
            if e.kind == "Organization" and not e.country:
                multilateral.add(me)
            if e.kind == "Country":
                country_of[me] = me
            elif e.kind == "Mission":
                if iri(e.sender or ""):
                    country_of[me] = iri(e.sender)
            elif iri(e.country or ""):
                country_of[me] = iri(e.country)
            if e.kind in ("City", "Region") and iri(e.country or ""):
                container_of[me] = iri(e.country)
        return cls(country_of, container_of, multilateral)

    def countries(self, actors: Iterable[str]) -> set[str]:
        return {self.country_of[a] for a in actors if a in self.country_of}

    def within(self, inner: str, outer: str) -> bool:
        seen = set()
        while inner is not None and inner not in seen:
            if inner == outer:
                return True
            seen.add(inner)
            inner = self.container_of.get(inner)
        return False

    def compatible(self, a: str | None, b: str | None) -> bool:
        return a is None or b is None or self.within(a, b) or self.within(b, a)


# ---------------------------------------------------------------- joining

@dataclass
class Occurrence:
    """Reports of one real occurrence, with what they agree on."""

    reports: list[Report] = field(default_factory=list)
    conflicts: dict[str, set[str]] = field(default_factory=dict)  # report IRI → properties it conflicts on
    was: str | None = None  # the IRI it had in a store before this build (incremental ingest)
    _memo: dict = field(default_factory=dict, repr=False, compare=False)  # what the joiner asks again and again

    def add(self, r: Report, conflicts: set[str] | None = None) -> None:
        self.reports.append(r)
        if conflicts:
            self.conflicts[r.iri] = conflicts
        self._memo.clear()

    def _get(self, name: str, make):
        out = self._memo.get(name, self)
        if out is self:
            out = self._memo[name] = make()
        return out

    @property
    def type(self) -> str:
        return self.reports[0].type

    @property
    def docs(self) -> set[str]:
        return self._get("docs", lambda: {r.doc for r in self.reports})

    @property
    def canonical(self) -> Report:
        return self._get("canonical", lambda: min(self.reports, key=Report.canon))

    @property
    def iri(self) -> str:
        return self.canonical.event

    def interval(self) -> tuple[date, date] | None:
        def make():
            dated = [r for r in self.reports if r.lo]
            return (max(r.lo for r in dated), min(r.hi for r in dated)) if dated else None
        return self._get("interval", make)

    def agreed(self) -> list[Report]:
        """The reports that do not conflict with the occurrence."""
        return self._get("agreed", lambda: [r for r in self.reports if not self.conflicts.get(r.iri)])

    def actors(self) -> set[str]:
        return self._get("actors", lambda: {a for r in self.agreed() for a in r.actors})

    def place(self, places: Places) -> str | None:
        """The most specific place the agreeing reports give (a city over its country)."""
        found = sorted({r.place for r in self.agreed() if r.place})
        for p in found:
            if all(places.within(p, q) for q in found):
                return p
        return found[0] if found else None

    def modality(self) -> str | None:
        mods = {r.modality for r in self.reports}
        if None in mods:
            return None  # one article says it happened: it happened
        return min(mods, key=lambda m: (m != "Planned", m))


def _modality_group(m: str | None) -> str:
    return "asserted" if m in (None, "Planned") else m


def _jaccard(a: set, b: set) -> float:
    return len(a & b) / len(a | b) if a | b else 0.0


class Joiner:
    """Groups reports into occurrences. `add` may be called again with more reports (incremental ingest): a new
    report joins an existing occurrence or starts one; existing occurrences are never split."""

    def __init__(self, places: Places):
        self.places = places
        self.occurrences: list[Occurrence] = []
        self._index: dict[tuple, list[int]] = defaultdict(list)  # (type, modality group, month) → occurrences
        self._undated: dict[tuple, list[int]] = defaultdict(list)  # (type, modality group) → undated occurrences

    def seed(self, occ: Occurrence) -> None:
        """An occurrence already known (from the store)."""
        self.occurrences.append(occ)
        self._register(len(self.occurrences) - 1)

    def add(self, reports: Iterable[Report]) -> set[int]:
        """Join `reports` in; returns the indices of the occurrences they went to."""
        touched = set()
        for r in sorted(reports, key=Report.order):
            fits = []
            for i in self._candidates(r):
                found = self._score(r, self.occurrences[i])
                if found is not None:
                    fits.append((-found[0], self.occurrences[i].iri, i, found[1]))
            fits.sort()
            # two occurrences fitting equally well (a month-only report, two visits that month): a guess, not joined
            best = fits[0] if fits and (len(fits) == 1 or fits[1][0] != fits[0][0]) else None
            if best is None:
                self.occurrences.append(Occurrence([r]))
                i = len(self.occurrences) - 1
            else:
                i = best[2]
                self.occurrences[i].add(r, best[3])
            self._register(i)
            touched.add(i)
        return touched

    def _months(self, lo: date, hi: date) -> list[tuple[int, int]]:
        out, y, m = [], lo.year, lo.month
        while (y, m) <= (hi.year, hi.month) and len(out) < 3:
            out.append((y, m))
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        return out

    def _register(self, i: int) -> None:
        occ = self.occurrences[i]
        key = (occ.type, _modality_group(occ.reports[0].modality))
        span = occ.interval()
        if span is None:
            if i not in self._undated[key]:
                self._undated[key].append(i)
            return
        lo, hi = span
        if hi - lo > 2 * JOINABLE:
            return  # too vague to be joined
        for ym in self._months(lo, hi):
            bucket = self._index[(*key, ym)]
            if i not in bucket:
                bucket.append(i)

    def _window(self, r: Report) -> tuple[date, date] | None:
        if r.lo:
            return r.lo, r.hi
        if r.published:
            return r.published - UNDATED_WINDOW, r.published
        return None

    def _candidates(self, r: Report) -> list[int]:
        key = (r.type, _modality_group(r.modality))
        win = self._window(r)
        if win is None or (r.lo and r.hi - r.lo > JOINABLE):
            return []
        found = set()
        for ym in self._months(*win):
            found.update(self._index.get((*key, ym), ()))
        if r.lo is None:
            found.update(self._undated.get(key, ()))
        return sorted(found)

    def _score(self, r: Report, occ: Occurrence) -> tuple[float, set[str]] | None:
        """How well `r` fits `occ` (higher is better) and the properties it conflicts on; None when it cannot join."""
        if r.doc in occ.docs or r.type != occ.type:
            return None
        if _modality_group(r.modality) != _modality_group(occ.reports[0].modality):
            return None
        span = occ.interval()
        mine, theirs = set(r.actors), occ.actors()
        shared = mine & theirs
        if not shared:
            return None
        mc, tc = self.places.countries(mine), self.places.countries(theirs)
        # a shared organization of no one country (a format, an international organization): a gathering whose
        # attendees each article lists differently; otherwise the countries the participants stand for must agree
        gathering = bool(shared & self.places.multilateral)
        if mc and tc and not gathering and not (mc <= tc or tc <= mc or _jaccard(mc, tc) >= 0.5):
            return None
        strong = len(shared) >= 2 or (mine == theirs) or ((mine <= theirs or theirs <= mine) and mc == tc)
        exact_day = False
        if r.lo and span:
            lo, hi = max(r.lo, span[0]), min(r.hi, span[1])
            if lo > hi:
                return None  # the dates contradict each other
            exact_day = r.precision == "Day" and r.lo == span[0] == span[1]
        elif not strong or (mc != tc):
            return None  # an undated side: strong evidence only
        elif r.lo is None and span:
            if not r.published or not (span[0] <= r.published <= span[1] + UNDATED_WINDOW):
                return None
        elif span is None and r.lo:
            pubs = [o.published for o in occ.reports if o.published]
            if not pubs or not all(r.lo <= p <= r.hi + UNDATED_WINDOW for p in pubs):
                return None
        else:  # both undated: published within a week of each other
            pubs = [o.published for o in occ.reports if o.published]
            if not r.published or not pubs or max(abs((r.published - p).days) for p in pubs) > UNDATED_WINDOW.days:
                return None
        conflicts = set()
        place = occ.place(self.places)
        if not self.places.compatible(r.place, place):
            if not (exact_day and strong and mc == tc):
                return None
            conflicts.add(str(SEM.hasPlace))
        for prop, mine_role, attr in ((str(DIP.source), set(r.source), "source"),
                                      (str(DIP.target), set(r.target), "target")):
            theirs_role = {a for o in occ.agreed() for a in getattr(o, attr)}
            if mine_role and theirs_role and not mine_role & theirs_role:
                conflicts.add(prop)
        score = 2 * _jaccard(mine, theirs) + _jaccard(mc, tc) + exact_day
        score += r.place is not None and r.place == place
        return score, conflicts


# ---------------------------------------------------------------- the occurrence node

def occurrence_lines(occ: Occurrence, places: Places) -> list[str]:
    """The occurrence node (sorted N-Triples lines) and the links between it and its reports."""
    s = _i(occ.iri)
    reports = sorted(occ.reports, key=Report.canon)
    canon, agreed = reports[0], [r for r in reports if not occ.conflicts.get(r.iri)]
    out = [(T["type"], _i(str(DIP[canon.type]))), (T["type"], T["Event"]),
           (T["eventType"], _i(_CAMEO + canon.cameo)), (T["label"], _lit(canon.label)),
           (T["confidence"], _dec(max(r.confidence for r in reports))),
           (T["reportCount"], _count(len(occ.docs))),
           (T["outletCount"], _count(len({r.outlet for r in reports})))]
    for r in reports:
        out += [(T["derived"], _i(sp)) for sp in r.spans]
        out.append((T["hasReport"], _i(r.iri)))
    out += [(T["hasActor"], _i(a)) for r in reports for a in r.actors]
    out += [(T["source"], _i(a)) for r in agreed for a in r.source]
    out += [(T["target"], _i(a)) for r in agreed for a in r.target]
    place = occ.place(places)
    if place:
        out.append((T["place"], _i(place)))
    span = occ.interval()
    if span:
        lo, hi = span
        best = min((r for r in reports if r.lo), key=lambda r: (RANK[r.precision], r.hi - r.lo, r.canon()))
        precision = best.precision if (lo, hi) == (best.lo, best.hi) else "Day" if lo == hi else best.precision
        out += [(T["earliest"], _date(lo)), (T["latest"], _date(hi)), (T["precision"], _i(str(DIP[precision])))]
        if precision == "Day":
            out.append((T["start"], _date(lo)))
        if best.as_stated is not None:
            out.append((T["asStated"], _lit(best.as_stated)))
        if best.note:
            out.append((T["note"], _lit(best.note)))
        if best.date_span:
            out.append((T["dateSpan"], _i(best.date_span)))
    modality = occ.modality()
    if modality:
        out.append((T["modality"], _i(str(DIP[modality]))))
    lines = {f"{s} {p} {o} .\n" for p, o in out}
    for r in reports:
        lines.add(f"{_i(r.iri)} {T['reportOf']} {s} .\n")
        for prop in sorted(occ.conflicts.get(r.iri, ())):
            lines.add(f"{_i(r.iri)} {T['conflictsOn']} {_i(prop)} .\n")
    return sorted(lines)


def occurrence_terms(occ: Occurrence) -> set[URIRef]:
    """The ontology terms an occurrence's lines use as objects (classes, CAMEO code, precision, modality), for
    validation batches (`kg.validate.ontology_refs`)."""
    out = {DIP[occ.type], DIP.Event, DIP.EventReport, URIRef(_CAMEO + occ.canonical.cameo)}
    out |= {DIP[r.precision] for r in occ.reports if r.precision} | {DIP[r.modality] for r in occ.reports if r.modality}
    return out


def join(reports: Iterable[Report], places: Places) -> list[Occurrence]:
    """Every report in an occurrence, the occurrences sorted by IRI."""
    j = Joiner(places)
    j.add(reports)
    return sorted(j.occurrences, key=lambda o: o.iri)


def is_event_line(line: str) -> bool:
    """A line about a per-article event node (replaced by the occurrence and report lines)."""
    return line.startswith("<" + _EVENT)
