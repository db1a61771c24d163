"""One event node per real occurrence (kg/graph/occurrences.py): reports of one occurrence in several articles
joined, with their corroboration; different occurrences kept apart. Short articles of our own."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.build import build
from kg.graph.occurrences import Joiner, Places, Report, occurrence_lines
from kg.sparql.query import run, run_saved
from kg.sparql.store import open_graph

ID = "https://w3id.org/dipkg/id/"
DIP = "https://w3id.org/dipkg/ontology#"

# The Iranian foreign minister's visit to Baku on 2024-03-02 (12 Esfand 1402), told three ways.
PLANNED = {"id": "a1", "published": "2024-03-01", "outlet": "خبرگزاری الف",
           "text": "وزیر امور خارجه ایران فردا به باکو سفر خواهد کرد."}
HAPPENED = {"id": "a2", "published": "2024-03-02", "outlet": "روزنامه ب",
            "text": "وزیر امور خارجه ایران امروز به باکو سفر کرد."}
MONTH_ONLY = {"id": "a3", "published": "2024-03-25", "outlet": "روزنامه ب",
              "text": "وزیر امور خارجه ایران در اسفند ۱۴۰۲ به باکو سفر کرد."}
# The same trip said to be on another day (15 Esfand 1402 = 2024-03-05): contradicts a1/a2.
OTHER_DAY = {"id": "a4", "published": "2024-03-07", "outlet": "روزنامه ج",
             "text": "وزیر امور خارجه ایران ۱۵ اسفند ۱۴۰۲ به باکو سفر کرد."}
# Two meetings in Tehran on one day (2024-05-10): with Russia's foreign minister (two outlets), with Turkey's.
WITH_RUSSIA = {"id": "b1", "published": "2024-05-10", "outlet": "خبرگزاری الف",
               "text": "وزیر امور خارجه ایران امروز در تهران با وزیر امور خارجه روسیه دیدار کرد."}
WITH_RUSSIA_2 = {"id": "b2", "published": "2024-05-10", "outlet": "روزنامه ب",
                 "text": "وزیر امور خارجه روسیه امروز در تهران با وزیر امور خارجه ایران دیدار کرد."}
WITH_TURKEY = {"id": "b3", "published": "2024-05-10", "outlet": "روزنامه ج",
               "text": "وزیر امور خارجه ایران امروز در تهران با وزیر امور خارجه ترکیه دیدار کرد."}

VISIT = ID + "event/a1/Visit-35-48"


def write(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def built(tmp: Path, records: list[dict], name: str = "in") -> ox.Store:
    out = tmp / f"out-{name}"
    res = build([write(tmp / f"{name}.jsonl", records)], out, report=False)
    assert res.conforms, [r.describe() for r in res.validation.results if r.severity == "Violation"]
    return open_graph(out / "graph.ttl")


def values(store, query: str) -> list[tuple[str, ...]]:
    res = run(store, query)
    return [tuple("" if t is None else t.value.removeprefix(ID).removeprefix(DIP) for t in row) for row in res.rows]


def occurrences(store, type_: str) -> list[tuple[str, ...]]:
    """(event, reports, outlets, earliest, latest, modality) of every event of `type_`."""
    return values(store, f"""SELECT ?e ?n ?o ?lo ?hi ?m WHERE {{ ?e a dip:{type_} ; dip:reportCount ?n ;
        dip:outletCount ?o . OPTIONAL {{ ?e sem:hasEarliestBeginTimeStamp ?lo ; sem:hasLatestBeginTimeStamp ?hi }}
        OPTIONAL {{ ?e dip:modality ?m }} }} ORDER BY ?e""")


@pytest.fixture(scope="module")
def three(tmp_path_factory) -> ox.Store:
    return built(tmp_path_factory.mktemp("three"), [PLANNED, HAPPENED, MONTH_ONLY])


def test_three_articles_one_visit(three):
    """Planned (a1), happened (a2), month-only (a3): one Visit, on the day (the day refines the month), which
    happened (one article says so); three articles, two outlets (a2 and a3 share a publisher)."""
    assert occurrences(three, "Visit") == [("event/a1/Visit-35-48", "3", "2", "2024-03-02", "2024-03-02", "")]
    assert values(three, f"SELECT ?p WHERE {{ <{VISIT}> dip:datePrecision ?p }}") == [("Day",)]


def test_each_article_stays_traceable(three):
    """Each report keeps what its article said: modality, date as written, date bounds."""
    got = values(three, f"""SELECT ?a ?m ?d ?lo ?hi WHERE {{ <{VISIT}> dip:hasReport ?r . ?r dip:inArticle ?a ;
        dip:reportOf <{VISIT}> ; dip:dateAsStated ?d ; dip:reportedEarliest ?lo ; dip:reportedLatest ?hi .
        OPTIONAL {{ ?r dip:modality ?m }} }} ORDER BY ?a""")
    assert got == [("article/a1", "Planned", "فردا", "2024-03-02", "2024-03-02"),
                   ("article/a2", "", "امروز", "2024-03-02", "2024-03-02"),
                   ("article/a3", "", "اسفند ۱۴۰۲", "2024-02-20", "2024-03-19")]


def test_sources_of_lists_every_article(three):
    """sources-of on the occurrence gives the spans of all three articles (sentence and trigger of each)."""
    res = run_saved(three, "sources-of", {"fact": VISIT})
    i, j = res.variables.index("article"), res.variables.index("anchor")
    assert [(r[i].value.removeprefix(ID), r[j].value) for r in res.rows] == [
        ("article/a1", PLANNED["text"]), ("article/a1", "سفر خواهد کرد"),
        ("article/a2", HAPPENED["text"]), ("article/a2", "سفر کرد"),
        ("article/a3", MONTH_ONLY["text"]), ("article/a3", "سفر کرد")]


def test_corroborated_events_rows(three):
    """The saved query: one row per reporting article, with its outlet, modality and date as written."""
    res = run_saved(three, "corroborated-events", {})  # by default: two outlets or more
    cols = ["event", "outlets", "reports", "article", "publisherName", "modality", "dateAsStated"]
    idx = [res.variables.index(c) for c in cols]
    assert [tuple("" if r[k] is None else r[k].value.removeprefix(ID).removeprefix(DIP) for k in idx)
            for r in res.rows] == [
        ("event/a1/Visit-35-48", "2", "3", "article/a1", "خبرگزاری الف", "Planned", "فردا"),
        ("event/a1/Visit-35-48", "2", "3", "article/a2", "روزنامه ب", "", "امروز"),
        ("event/a1/Visit-35-48", "2", "3", "article/a3", "روزنامه ب", "", "اسفند ۱۴۰۲")]
    assert run_saved(three, "corroborated-events", {"min": "3"}).rows == []


def test_two_meetings_of_one_day_stay_apart(tmp_path):
    """Tehran, one day, Iran's foreign minister twice: with Russia's (two articles, one node), with Turkey's."""
    store = built(tmp_path, [WITH_RUSSIA, WITH_TURKEY, WITH_RUSSIA_2])
    assert occurrences(store, "Meeting") == [("event/b1/Meeting-62-71", "2", "2", "2024-05-10", "2024-05-10", ""),
                                             ("event/b3/Meeting-62-71", "1", "1", "2024-05-10", "2024-05-10", "")]


def test_contradicting_days_are_not_joined(tmp_path):
    """12 and 15 Esfand: two visits; the month-only report fits both equally and joins neither."""
    store = built(tmp_path, [HAPPENED, OTHER_DAY, MONTH_ONLY])
    assert occurrences(store, "Visit") == [("event/a2/Visit-36-43", "1", "1", "2024-03-02", "2024-03-02", ""),
                                           ("event/a3/Visit-44-51", "1", "1", "2024-02-20", "2024-03-19", ""),
                                           ("event/a4/Visit-44-51", "1", "1", "2024-03-05", "2024-03-05", "")]


def test_input_order_does_not_change_the_graph(tmp_path):
    """The same articles in another order: byte-identical graph.ttl."""
    records = [PLANNED, WITH_RUSSIA, HAPPENED, WITH_TURKEY, MONTH_ONLY, WITH_RUSSIA_2]
    build([write(tmp_path / "x.jsonl", records)], tmp_path / "x", report=False)
    build([write(tmp_path / "y.jsonl", records[::-1])], tmp_path / "y", report=False)
    assert (tmp_path / "x" / "graph.ttl").read_bytes() == (tmp_path / "y" / "graph.ttl").read_bytes()


def test_one_article_alone_keeps_its_events(tmp_path):
    """Built alone, each article's event is its own occurrence, with the IRI it always had."""
    store = built(tmp_path, [HAPPENED])
    assert occurrences(store, "Visit") == [("event/a2/Visit-36-43", "1", "1", "2024-03-02", "2024-03-02", "")]


def test_incremental_store_joins_new_reports(tmp_path):
    """`kg build NEW --store DIR`: a later article joins the occurrence already in the store, which then says
    what a build of all articles at once says; re-building an article replaces its report, never doubles it."""
    st = tmp_path / "store"
    build([write(tmp_path / "1.jsonl", [PLANNED, HAPPENED])], tmp_path / "o1", store=st, report=False)
    build([write(tmp_path / "2.jsonl", [MONTH_ONLY])], tmp_path / "o2", store=st, report=False)
    build([write(tmp_path / "3.jsonl", [MONTH_ONLY])], tmp_path / "o3", store=st, report=False)
    from kg.sparql.store import open_store

    store = open_store(st, read_only=True).ox
    assert occurrences(store, "Visit") == [("event/a1/Visit-35-48", "3", "2", "2024-03-02", "2024-03-02", "")]
    full = built(tmp_path, [PLANNED, HAPPENED, MONTH_ONLY], "full")
    q = f"CONSTRUCT {{ <{VISIT}> ?p ?o }} WHERE {{ <{VISIT}> ?p ?o }}"
    assert set(store.query(q)) == set(full.query(q))
    # the default graph stays the union of the named graphs (kg.sparql.store), nothing stale left in it
    union = {q.triple for g in store.named_graphs() for q in store.quads_for_pattern(None, None, None, g)}
    assert {q.triple for q in store.quads_for_pattern(None, None, None, ox.DefaultGraph())} == union


def test_incremental_store_renames_when_an_earlier_report_arrives(tmp_path):
    """The occurrence is named by its earliest-published report: an older article arriving later renames it,
    leaving no trace of the old name."""
    st = tmp_path / "store"
    build([write(tmp_path / "1.jsonl", [HAPPENED])], tmp_path / "o1", store=st, report=False)
    build([write(tmp_path / "2.jsonl", [PLANNED])], tmp_path / "o2", store=st, report=False)
    from kg.sparql.store import open_store

    store = open_store(st, read_only=True).ox
    assert occurrences(store, "Visit") == [("event/a1/Visit-35-48", "2", "2", "2024-03-02", "2024-03-02", "")]
    assert values(store, f"SELECT ?p ?o WHERE {{ <{ID}event/a2/Visit-36-43> ?p ?o }}") == []


# ---------------------------------------------------------------- the joiner on plain reports

IRAN, RUSSIA, TURKEY = ID + "country/iran", ID + "country/russia", ID + "country/turkey"
FM_IR, FM_RU, FM_TR = ID + "person/fm_ir", ID + "person/fm_ru", ID + "person/fm_tr"
PRES_IR = ID + "person/pres_ir"
TEHRAN, MOSCOW = ID + "city/tehran", ID + "city/moscow"
PLACES = Places({IRAN: IRAN, RUSSIA: RUSSIA, TURKEY: TURKEY, FM_IR: IRAN, FM_RU: RUSSIA, FM_TR: TURKEY,
                 PRES_IR: IRAN},
                {TEHRAN: IRAN, MOSCOW: RUSSIA}, set())


def report(doc: str, day: date | None, actors=(FM_IR, FM_RU), place=TEHRAN, **kw) -> Report:
    return Report(doc=doc, event=f"{ID}event/{doc}/Meeting-0-5", type="Meeting", cameo="040", actors=actors,
                  place=place, lo=day, hi=day, precision="Day" if day else None,
                  spans=(f"{ID}article/{doc}/text#char=0,5",), published=kw.pop("published", day), **kw)


def groups(reports) -> list[list[str]]:
    j = Joiner(PLACES)
    j.add(reports)
    return sorted(sorted(r.doc for r in o.reports) for o in j.occurrences)


def test_a_country_contains_its_city():
    """One article says Tehran, the other Iran: the same place."""
    assert groups([report("x", date(2024, 5, 10)), report("y", date(2024, 5, 10), place=IRAN)]) == [["x", "y"]]


def test_a_conflicting_place_is_joined_and_flagged():
    """Same day, same two ministers, one article says Moscow: joined (strong evidence), the report flagged, the
    occurrence keeps the place the others agree on."""
    j = Joiner(PLACES)
    j.add([report("x", date(2024, 5, 10)), report("y", date(2024, 5, 10), place=MOSCOW)])
    [occ] = j.occurrences
    assert occ.conflicts == {f"{ID}report/y/Meeting-0-5": {"http://semanticweb.cs.vu.nl/2009/11/sem/hasPlace"}}
    lines = occurrence_lines(occ, PLACES)
    assert f"<{ID}event/x/Meeting-0-5> <http://semanticweb.cs.vu.nl/2009/11/sem/hasPlace> <{TEHRAN}> .\n" in lines
    assert (f"<{ID}report/y/Meeting-0-5> <{DIP}conflictsOn> <http://semanticweb.cs.vu.nl/2009/11/sem/hasPlace> .\n"
            in lines)


def test_a_weak_match_in_another_place_is_not_joined():
    """Only one shared participant and another city: two meetings."""
    a = report("x", date(2024, 5, 10), actors=(FM_IR, FM_RU))
    b = report("y", date(2024, 5, 10), actors=(PRES_IR, FM_RU), place=MOSCOW)
    assert groups([a, b]) == [["x"], ["y"]]


def test_other_countries_are_another_occurrence():
    """Iran's minister named alone joins his meeting with Russia's (Iran is part of Iran+Russia); his meetings
    with Russia's and with Turkey's share him but not their countries: two occurrences."""
    assert groups([report("x", date(2024, 5, 10)), report("y", date(2024, 5, 10), actors=(FM_IR,))]) == [["x", "y"]]
    assert groups([report("x", date(2024, 5, 10)), report("y", date(2024, 5, 10), actors=(FM_IR, FM_TR))]) == [
        ["x"], ["y"]]


def test_undated_reports_join_only_on_strong_evidence():
    """An undated report published two days after the meeting, both ministers named: joined; with one of them
    only: not; published a month later: not."""
    day = date(2024, 5, 10)
    assert groups([report("x", day), report("y", None, published=date(2024, 5, 12))]) == [["x", "y"]]
    assert groups([report("x", day), report("y", None, actors=(FM_IR,), published=date(2024, 5, 12))]) == [
        ["x"], ["y"]]
    assert groups([report("x", day), report("y", None, published=date(2024, 6, 12))]) == [["x"], ["y"]]


def test_negated_never_joins_asserted():
    """"Did not meet" and "met" on the same day are not one occurrence."""
    assert groups([report("x", date(2024, 5, 10)), report("y", date(2024, 5, 10), modality="Negated")]) == [
        ["x"], ["y"]]


def test_one_article_never_joins_itself():
    """Two reports of one article are the extractor's business: never joined here."""
    a = report("x", date(2024, 5, 10))
    b = Report(**{**a.__dict__, "event": f"{ID}event/x/Meeting-9-14"})
    assert groups([a, b]) == [["x"], ["x"]]


def test_joining_does_not_depend_on_order():
    """Any order of the same reports gives the same occurrences."""
    rs = [report("x", date(2024, 5, 10)), report("y", None, published=date(2024, 5, 11)),
          report("z", date(2024, 5, 10), place=IRAN), report("w", date(2024, 5, 11), place=MOSCOW)]
    assert groups(rs) == groups(rs[::-1]) == [["w"], ["x", "y", "z"]]


def test_report_counts_occurrences_not_reports(tmp_path):
    """kg report (written by the build): one event, three reports of it, one event corroborated by 2+ outlets."""
    out = tmp_path / "out"
    build([write(tmp_path / "in.jsonl", [PLANNED, HAPPENED, MONTH_ONLY])], out)
    md = (out / "report" / "report.md").read_text(encoding="utf-8")
    assert "| events | 1 |" in md
    assert "| event reports | 3 |" in md
    assert "| events told by 2+ independent outlets | 1 |" in md


def test_a_fresh_store_holds_the_whole_graph(tmp_path):
    """Built into an empty store, the store's graphs together hold exactly graph.ttl's triples (the occurrences
    in their own graph, the articles' reports in theirs)."""
    st = tmp_path / "store"
    build([write(tmp_path / "in.jsonl", [PLANNED, HAPPENED, MONTH_ONLY, WITH_RUSSIA])], tmp_path / "out", store=st,
          report=False)
    from kg.sparql.store import open_store

    store = open_store(st, read_only=True).ox
    assert ox.NamedNode(f"{ID}graph/occurrences") in set(store.named_graphs())
    ttl = ox.Store()
    ttl.bulk_load(path=str(tmp_path / "out" / "graph.ttl"), format=ox.RdfFormat.TURTLE)
    assert {q.triple for q in store} == {q.triple for q in ttl}


def test_batches_validate_as_the_whole_graph(tmp_path, monkeypatch):
    """Validated one article a batch, an occurrence whose participant only another article names (Russia's
    minister) gives what validating the whole graph gives: the batch holds that participant's description."""
    import kg.build
    from kg.validate import validate

    both = {"id": "a5", "published": "2024-03-02", "outlet": "روزنامه ج",
            "text": "وزیر امور خارجه ایران و وزیر امور خارجه روسیه امروز به باکو سفر کردند."}
    monkeypatch.setitem(kg.build.BATCH, "pyshacl", 1)
    res = build([write(tmp_path / "in.jsonl", [HAPPENED, both])], tmp_path / "out", report=False)
    store = open_graph(tmp_path / "out" / "graph.ttl")
    assert occurrences(store, "Visit") == [("event/a2/Visit-36-43", "2", "2", "2024-03-02", "2024-03-02", "")]
    from rdflib import Graph

    whole = validate(Graph().parse(tmp_path / "out" / "graph.ttl"))
    assert res.conforms and sorted(map(str, res.validation.results)) == sorted(map(str, whole.results))
