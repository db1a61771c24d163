"""Every saved query run on the seed article's graph, with the rows a careful reader of the seed expects.

The seed (seeds/000_b8878e3335182e53.txt, published Sunday 29 Bahman 1402 = 2024-02-18) says: Ali Bagheri Kani,
Iran's political deputy foreign minister, spoke today; armed attack on the Azerbaijani embassy in Tehran on
7 Bahman 1401 (2023-01-27), after which Azerbaijan closed it; Amir-Abdollahian went to Baku in Tir 1402
(2023-06-22 … 2023-07-22) for the Non-Aligned meeting and met Azerbaijan's president and foreign minister;
Azerbaijan's foreign minister came to Tehran for the 3+3 meeting on 1 Aban (2023-10-23); the trial hearing of the
attacker on 7 Bahman 1402 (2024-01-27); spokesman Nasser Kanaani on 9 Bahman (2024-01-29) hoped the embassy
would resume its work.

Rows are compared on their meaning (entity IRIs by path, classes by local name, literals by value); event IRIs,
which carry character offsets, are left out. Where today's extractor reads the seed differently from a careful
reader, the test is `xfail(strict=True)` with the difference as its reason: fixing the extractor turns it into an
XPASS failure, and the marker is then removed.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.sparql.query import list_saved, run_saved
from kg.sparql.store import open_graph

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_b8878e3335182e53.txt"

ID = "https://w3id.org/dipkg/id/"
DIP = "https://w3id.org/dipkg/ontology#"
TIR = ("2023-06-22", "2023-07-22")


@pytest.fixture(scope="session")
def seed_store(tmp_path_factory) -> ox.Store:
    from kg.build import build

    out = tmp_path_factory.mktemp("seed")
    build([SEED], out, report=False)
    return open_graph(out / "graph.ttl")


def short(term) -> str:
    """An IRI as its path under id/ or its local name; a literal as its value; unbound as ''."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        v = term.value
        return v[len(ID):] if v.startswith(ID) else v.rsplit("#", 1)[-1].rsplit("/", 1)[-1]
    return term.value


def rows(store, name, cols, **params) -> list[tuple[str, ...]]:
    res = run_saved(store, name, params)
    idx = [res.variables.index(c) for c in cols]
    return [tuple(short(r[i]) for i in idx) for r in res.rows]


def test_every_saved_query_is_tested():
    """A new saved query needs rows here too."""
    assert sorted(q.name for q in list_saved()) == sorted(TESTED)


def test_persons_by_country(seed_store):
    """The four office holders the seed names or designates by title, with their countries and roles."""
    assert sorted(rows(seed_store, "persons-by-country", ("country", "person", "role", "attestations"))) == [
        ("country/azerbaijan", "person/bayramov", "ForeignMinister", "1"),
        ("country/azerbaijan", "person/ilham_aliyev", "HeadOfState", "1"),
        ("country/iran", "person/bagheri_kani", "DeputyForeignMinister", "1"),
        ("country/iran", "person/kanaani", "Spokesperson", "1"),
    ]


def test_persons_by_country_param(seed_store):
    """?country by its Persian name keeps only Azerbaijan's officials."""
    got = rows(seed_store, "persons-by-country", ("person", "role"), country="جمهوری آذربایجان")
    assert sorted(got) == [("person/bayramov", "ForeignMinister"), ("person/ilham_aliyev", "HeadOfState")]


def test_office_holders_on_publication_day(seed_store):
    """On 29 Bahman 1402: Bagheri Kani attested that day, Kanaani on 9 Bahman; Aliyev and Bayramov by role."""
    got = rows(seed_store, "office-holders-on", ("person", "role", "country", "basis"), date="1402-11-29")
    assert sorted(got) == [
        ("person/bagheri_kani", "DeputyForeignMinister", "country/iran", "attested"),
        ("person/bayramov", "ForeignMinister", "country/azerbaijan", "attested"),
        ("person/ilham_aliyev", "HeadOfState", "country/azerbaijan", "attested"),
        ("person/kanaani", "Spokesperson", "country/iran", "attested"),
    ]


def test_office_holders_on_kanaani_day(seed_store):
    """On 9 Bahman 1402 only Kanaani's post is attested by then (the others are read from the 29 Bahman text)."""
    got = rows(seed_store, "office-holders-on", ("person", "role", "attested"), date="2024-01-29",
               onlyCountry="ایران")
    assert got == [("person/kanaani", "Spokesperson", "2024-01-29")]


@pytest.mark.xfail(strict=True, reason="extractor: a post read in a dated sentence is attested on the publication "
                   "day; Bayramov is foreign minister in the sentence dated 1 Aban 1402 (2023-10-23)")
def test_office_holders_on_3p3_day(seed_store):
    """On 1 Aban 1402 the seed attests Bayramov as Azerbaijan's foreign minister."""
    got = rows(seed_store, "office-holders-on", ("person", "role"), date="1402-08-01", onlyCountry="جمهوری آذربایجان")
    assert ("person/bayramov", "ForeignMinister") in got


def test_embassy_status(seed_store):
    """Attack on 7 Bahman 1401, the closure after it (told as done by the publication, 29 Bahman 1402), then the
    resumption Kanaani hoped for on 9 Bahman 1402."""
    got = rows(seed_store, "embassy-status", ("mission", "type", "earliest", "latest", "modality"))
    m = "mission/mission_embassy_azerbaijan_tehran"
    assert got == [
        (m, "Attack", "2023-01-27", "2023-01-27", ""),
        (m, "MissionSuspension", "2023-01-27", "2024-02-18", ""),
        (m, "MissionResumption", "2024-01-29", "2024-01-29", "Hoped"),
    ]


def test_embassy_status_between(seed_store):
    """?a/?b by name select the same three events; a country with no mission in the text gives none."""
    cols = ("type",)
    assert rows(seed_store, "embassy-status", cols, a="ایران", b="جمهوری آذربایجان") == [
        ("Attack",), ("MissionSuspension",), ("MissionResumption",)]
    assert rows(seed_store, "embassy-status", cols, a="ایران", b="id:country/turkey") == []


def test_events_between_mission_events(seed_store):
    """Everything that happened to Azerbaijan's embassy in Tehran is between Iran and Azerbaijan."""
    got = rows(seed_store, "events-between", ("type", "earliest", "latest", "placeName", "modality"),
               a="ایران", b="جمهوری آذربایجان")
    for row in [("Attack", "2023-01-27", "2023-01-27", "تهران", ""),
                ("MissionSuspension", "2023-01-27", "2024-02-18", "تهران", ""),
                ("LegalProceeding", "2024-01-27", "2024-01-27", "تهران", ""),
                ("MissionResumption", "2024-01-29", "2024-01-29", "تهران", "Hoped")]:
        assert row in got


@pytest.mark.xfail(strict=True, reason="extractor: visits carry only the visitor (no host country among the "
                   "actors), 'دیدارش' is not resolved to Amir-Abdollahian, and Amir-Abdollahian (named without "
                   "title) gets no membership, so the visits and meetings of Tir and Aban 1402 are not found")
def test_events_between_visits(seed_store):
    """The two visits and the two meetings between Iranian and Azerbaijani officials are between the countries."""
    got = rows(seed_store, "events-between", ("type", "earliest", "latest", "placeName"),
               a="ایران", b="جمهوری آذربایجان")
    assert sorted(got) == sorted([
        ("Attack", "2023-01-27", "2023-01-27", "تهران"),
        ("MissionSuspension", "2023-01-27", "2024-02-18", "تهران"),
        ("Visit", *TIR, "باکو"),
        ("Meeting", *TIR, "باکو"),
        ("Visit", "2023-10-23", "2023-10-23", "تهران"),
        ("Meeting", "2023-10-23", "2023-10-23", "تهران"),
        ("LegalProceeding", "2024-01-27", "2024-01-27", "تهران"),
        ("MissionResumption", "2024-01-29", "2024-01-29", "تهران"),
    ])


def test_who_met_whom_nam_and_3p3(seed_store):
    """Amir-Abdollahian at the Non-Aligned meeting in Baku (Tir 1402); Bayramov at the 3+3 in Tehran (1 Aban)."""
    got = rows(seed_store, "who-met-whom", ("type", "a", "b", "earliest", "latest", "placeName"))
    assert ("Meeting", "organization/nam", "person/amir_abdollahian", *TIR, "باکو") in got
    assert ("Meeting", "organization/platform_3p3", "person/bayramov", "2023-10-23", "2023-10-23", "تهران") in got


def test_who_met_whom_baku_meeting(seed_store):
    """In Baku Amir-Abdollahian met President Aliyev and Foreign Minister Bayramov."""
    got = rows(seed_store, "who-met-whom", ("type", "a", "b", "placeName"), actor="حسین امیرعبداللهیان")
    assert ("Meeting", "person/amir_abdollahian", "person/ilham_aliyev", "باکو") in got
    assert ("Meeting", "person/amir_abdollahian", "person/bayramov", "باکو") in got


def test_who_met_whom_period(seed_store):
    """?from/?to in Jalali keep only the meetings of Aban 1402."""
    got = rows(seed_store, "who-met-whom", ("a", "b"), **{"from": "1402-08-01", "to": "1402-08-30"})
    assert got == [("organization/platform_3p3", "person/bayramov")]


def test_statements_by(seed_store):
    """Kanaani spoke on 9 Bahman 1402 (with the hope of resumption); Bagheri Kani on 29 Bahman 1402."""
    got = set(rows(seed_store, "statements-by", ("speaker", "earliest", "latest")))
    assert got == {("person/kanaani", "2024-01-29", "2024-01-29"),
                   ("person/bagheri_kani", "2024-02-18", "2024-02-18")}


def test_statements_by_speaker(seed_store):
    """?speaker by name; every anchor is a sentence or phrase of the seed."""
    res = run_saved(seed_store, "statements-by", {"speaker": "ناصر کنعانی"})
    text = SEED.read_text(encoding="utf-8")
    speakers = {short(r[res.variables.index("speaker")]) for r in res.rows}
    anchors = [r[res.variables.index("anchor")].value for r in res.rows]
    assert speakers == {"person/kanaani"}
    assert anchors and all(a in text for a in anchors)


def test_sources_of_entity(seed_store):
    """Kanaani's two mentions, with offsets that slice exactly his name out of the seed."""
    text = SEED.read_text(encoding="utf-8")
    full = text.index("ناصر کنعانی")
    bare = text.index("کنعانی نسبت")
    got = rows(seed_store, "sources-of", ("anchor", "begin", "end", "article", "published"), fact="id:person/kanaani")
    art = "article/000_b8878e3335182e53"
    assert got == [("ناصر کنعانی", str(full), str(full + 11), art, "2024-02-18"),
                   ("کنعانی", str(bare), str(bare + 6), art, "2024-02-18")]


def test_sources_of_unknown(seed_store):
    """An IRI the graph does not have gives no rows."""
    assert rows(seed_store, "sources-of", ("anchor",), fact="id:person/nobody") == []


def test_entities_without_wikidata(seed_store):
    """Entities of the seed with no verified Wikidata id, most mentioned first, with their mention counts."""
    got = rows(seed_store, "entities-without-wikidata", ("entity", "kind", "mentions"))
    assert got == [
        ("mission/mission_embassy_azerbaijan_tehran", "DiplomaticMission", "6"),
        ("person/bagheri_kani", "Person", "5"),
        ("organization/mfa_iran", "Organization", "3"),
        ("person/bayramov", "Person", "2"),
        ("person/kanaani", "Person", "2"),
        ("organization/aran_news", "Organization", "1"),
        ("organization/gov_azerbaijan", "Organization", "1"),
        ("organization/iscanews", "Organization", "1"),
        ("organization/platform_3p3", "Organization", "1"),
        ("person/amir_abdollahian", "Person", "1"),
        ("person/ilham_aliyev", "Person", "1"),
    ]


def test_events_per_month(seed_store):
    """Events by month of their earliest begin: Bahman 1401, Tir 1402, Aban 1402, Bahman 1402."""
    assert rows(seed_store, "events-per-month", ("month", "type", "events")) == [
        ("2023-01", "Attack", "1"), ("2023-01", "MissionSuspension", "1"),
        ("2023-06", "Meeting", "2"), ("2023-06", "Visit", "1"),
        ("2023-10", "Meeting", "1"), ("2023-10", "Visit", "1"),
        ("2024-01", "LegalProceeding", "1"), ("2024-01", "MissionResumption", "1"), ("2024-01", "Statement", "1"),
        ("2024-02", "Statement", "1"),
    ]


def test_events_per_month_type(seed_store):
    """?type dip:Visit: Amir-Abdollahian's visit in Tir and Bayramov's in Aban."""
    assert rows(seed_store, "events-per-month", ("month", "events"), type="dip:Visit") == [
        ("2023-06", "1"), ("2023-10", "1")]


def test_corroborated_events(seed_store):
    """One article alone: each of its events is told by one article of one outlet (the attack: the one row of
    its type), none by two outlets (the default lower bound)."""
    assert rows(seed_store, "corroborated-events", ("type", "outlets", "reports", "earliest", "article",
                                                    "dateAsStated"), type="dip:Attack", min="1") == [
        ("Attack", "1", "1", "2023-01-27", "article/000_b8878e3335182e53", "هفتم بهمن ۱۴۰۱")]
    assert rows(seed_store, "corroborated-events", ("event",)) == []  # by default: two outlets or more
    assert len(rows(seed_store, "corroborated-events", ("event",), min="1")) == 11


TESTED = ("persons-by-country", "office-holders-on", "embassy-status", "events-between", "who-met-whom",
          "statements-by", "sources-of", "entities-without-wikidata", "events-per-month", "corroborated-events")
