"""Persons not in the lexicon named in several articles under spelling variants (kg/graph/persons.py): one node
on strong evidence (same surname up to its spelling, same office of the same country), apart otherwise."""

from __future__ import annotations

import json

from kg.build import build
from kg.graph.persons import person_aliases, rename_persons
from kg.model import Document, Entity, Extraction, Post, Span
from kg.sparql.query import run
from kg.sparql.store import open_graph

ID = "https://w3id.org/dipkg/id/"
OV = {"اف", "وف", "اوف"}

# An Azerbaijani deputy foreign minister the lexicon does not know, spelt two ways; another person of that
# surname with another first name, in the same office; and one of the first spelling in another office.
DEPUTY_AF = {"id": "p1", "published": "2024-04-01",
             "text": "خلف خلف‌اف معاون وزیر امور خارجه جمهوری آذربایجان امروز به تهران سفر کرد."}
DEPUTY_OV = {"id": "p2", "published": "2024-04-02",
             "text": "خلف خلفوف معاون وزیر امور خارجه جمهوری آذربایجان امروز در تهران سخنرانی کرد."}
OTHER_FIRST = {"id": "p3", "published": "2024-04-02",
               "text": "رضا خلفوف معاون وزیر امور خارجه جمهوری آذربایجان امروز سخنرانی کرد."}
AMBASSADOR = {"id": "p4", "published": "2024-04-03",
              "text": "خلف خلفوف سفیر جمهوری آذربایجان در ترکیه امروز سخنرانی کرد."}


def persons(tmp_path, records) -> list[tuple[str, str]]:
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    build([src], tmp_path / "out", report=False)
    store = open_graph(tmp_path / "out" / "graph.ttl")
    res = run(store, """SELECT ?p (GROUP_CONCAT(DISTINCT STR(?a) ; separator="|") AS ?articles) WHERE {
        ?p a schema:Person . ?m itsrdf:taIdentRef ?p ; nif:referenceContext ?c . ?c prov:wasDerivedFrom ?a }
        GROUP BY ?p ORDER BY ?p""")
    return [(r[0].value.removeprefix(ID), "|".join(sorted(a.removeprefix(ID) for a in r[1].value.split("|"))))
            for r in res.rows]


def test_spelling_variants_with_the_same_office_are_one_person(tmp_path):
    """خلف‌اف and خلفوف, both Azerbaijan's deputy foreign minister: one node, mentioned in both articles, with
    both names."""
    got = persons(tmp_path, [DEPUTY_OV, DEPUTY_AF])
    assert got == [("person/khlf_khlfaf-5bb744", "article/p1|article/p2")]  # person_خلفخلفاف
    store = open_graph(tmp_path / "out" / "graph.ttl")
    names = run(store, "SELECT ?n WHERE { ?p a schema:Person ; schema:name|schema:alternateName ?n }")
    assert sorted(r[0].value for r in names.rows) == ["خلف خلفوف", "خلف خلف\u200cاف"]


def test_another_first_name_or_another_office_stays_apart(tmp_path):
    """رضا خلفوف (same office, another first name) and خلف خلفوف the ambassador (another office): three nodes."""
    got = persons(tmp_path, [DEPUTY_AF, OTHER_FIRST, AMBASSADOR])
    assert [articles for _p, articles in got] == ["article/p1", "article/p4", "article/p3"]


def extraction(doc: str, key: str, name: str, role: str = "DeputyForeignMinister", country: str = "azerbaijan"):
    x = Extraction(Document(doc, "x", doc))
    x.entities[key] = Entity(key, "Person", name)
    x.posts.append(Post(key, role, country, "معاون وزیر", Span(0, 1)))
    return x


def test_a_name_without_first_name_joins_the_full_name():
    """The surname alone (another spelling) and the full name, same office: the full name's key is kept."""
    xs = [extraction("a", "person_خلفوف", "خلفوف"), extraction("b", "person_خلفخلفاف", "خلف خلف‌اف")]
    assert person_aliases(xs, OV) == {"person_خلفوف": "person_خلفخلفاف"}
    renamed = rename_persons(xs[0], person_aliases(xs, OV))
    assert list(renamed.entities) == ["person_خلفخلفاف"] and renamed.posts[0].person == "person_خلفخلفاف"


def test_a_surname_alone_never_bridges_two_first_names():
    """خلفوف alone, خلف خلف‌اف and رضا خلفوف, all in one office: the surname joins one of them, never both."""
    xs = [extraction("a", "person_خلفوف", "خلفوف"), extraction("b", "person_خلفخلفاف", "خلف خلف‌اف"),
          extraction("c", "person_رضاخلفوف", "رضا خلفوف")]
    aliases = person_aliases(xs, OV)
    assert len(set(aliases.values()) | (set(aliases) - set(aliases.values()))) == 2
    assert "person_رضاخلفوف" not in aliases or "person_خلفخلفاف" not in aliases


def test_same_office_of_another_country_is_not_evidence():
    """The same spelling variants, deputy foreign ministers of two different countries: apart."""
    xs = [extraction("a", "person_خلفخلفوف", "خلف خلفوف"),
          extraction("b", "person_خلفخلفاف", "خلف خلف‌اف", country="iran")]
    assert person_aliases(xs, OV) == {}
