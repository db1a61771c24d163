"""IRIs of what the lexicon does not know (kg/graph/slug.py, kg/graph/iris.py): short, readable, plain ASCII, one
per key whatever the corpus; and outlets named in metadata resolved to the lexicon's news organizations
(kg/extract/outlets.py). Names are made up for these tests."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import URIRef

from kg.build import build
from kg.errors import LexiconError
from kg.extract.outlets import outlet_key
from kg.extract.pipeline import extract_document
from kg.graph import iris
from kg.graph.rdf import extraction_to_graph, extractions_to_graph, serialize
from kg.graph.slug import romanize, shorten, slug
from kg.graph.vocab import SCHEMA
from kg.lexicon import load
from kg.model import Document

ID = "https://w3id.org/dipkg/id/"
MINTED = re.compile(r"^[a-z0-9_]+-[0-9a-f]{6}$")


@pytest.mark.parametrize(("text", "latin"), [
    ("بهرام کاظمی‌نژاد", "bhram_kazminzhad"),  # ZWNJ dropped as the matcher drops it
    ("کاوه", "kaveh"),  # و after ا is v; a final ه after a consonant is "eh"
    ("کوه", "kuh"),  # …but "uh" after و
    ("شاه", "shah"),
    ("روحانی", "ruhani"),  # و between consonants is u; final ی is i
    ("یونان", "yunan"),  # initial ی is y
    ("ایرانی", "irani"),  # initial ای is i
    ("سعید", "said"),  # ع between letters is a
    ("ربیع", "rbi"),  # …and nothing at the end of a word
    ("خدایی", "khdayi"),
    ("ژاله قزوینی", "zhaleh_qzvini"),  # ALA-LC: ژ zh, ق q
    ("اقتصاد۲۴", "aqtsad24"),  # Persian digits become ASCII ones
    ("Press TV", "press_tv"),  # Latin letters kept, lower case
    ("«آفتاب» / نیوز", "aftab_niuz"),  # anything else separates words
])
def test_romanisation_table(text, latin):
    """The letters of romanization.tsv, read by their place in the word."""
    assert romanize(text) == latin


@pytest.mark.parametrize(("kind", "key", "iri"), [
    ("Person", "person_بهرامکاظمینژاد", "person/bhram_kazminzhad-816838"),  # given name split off
    ("Person", "person_ژالهقزوینی", "person/zhalhqzvini-1bc0fe"),  # no given name known: one word
    ("Organization", "outlet_آفتابنیوز", "organization/aftabniuz-b1fe08"),
    ("Organization", "court_دادگاهتجدیدنظر_sweden", "organization/court_dadgahtjdidnzr_sweden-7a3b7e"),
    # negatives: plain ASCII keys (the lexicon's, and those made of them) are their own segment
    ("Country", "iran", "country/iran"),
    ("Mission", "mission_embassy_azerbaijan_tehran", "mission/mission_embassy_azerbaijan_tehran"),
    ("Organization", "outlet_reuters", "organization/outlet_reuters"),
])
def test_entity_iris(kind, key, iri):
    """Minted keys become romanised words and a hash of the key; plain ASCII keys stay as they are."""
    assert str(iris.entity_iri(kind, key)) == ID + iri


def test_a_person_the_text_names_gets_a_readable_iri():
    """"بهرام کاظمی‌نژاد" next to a title, with and without its joiner in two articles: one key, one IRI."""
    got = set()
    for i, name in enumerate(["بهرام کاظمی‌نژاد", "بهرام کاظمینژاد"]):
        x = extract_document(Document(f"d{i}", f"سخنگوی وزارت امور خارجه ایران {name} امروز گفت.", f"d{i}.txt"))
        got |= {str(iris.entity_iri(e.kind, k)) for k, e in x.entities.items() if e.kind == "Person"}
    assert got == {ID + "person/bhram_kazminzhad-816838"}


def test_names_that_romanise_alike_get_different_iris():
    """ثابت / سابت / صابت are all "sabt": the hash of each name keeps them apart."""
    made = [iris.entity_iri("Person", f"person_{n}") for n in ("ثابتی", "سابتی", "صابتی")]
    assert [str(m).rsplit("/", 1)[1] for m in made] == ["sabti-086ea5", "sabti-d5ab5f", "sabti-8b9d37"]
    assert len(set(made)) == 3


def test_iris_are_bounded():
    """A 200-letter name gives a segment of at most 47 characters, cut between words."""
    name = " ".join(["خبرگزاری", "بین‌المللی"] * 20)
    seg = iris.key_segment("organization", "outlet_" + name)
    assert seg == "khbrgzari_binalmlli_khbrgzari_binalmlli-c2fcbf" and len(seg) <= 47
    assert shorten("abc_defgh_ij", 10) == "abc_defgh"
    assert shorten("abcdefghijkl", 10) == "abcdefghij"
    assert slug("ک" * 100).startswith("k" * 40 + "-")


@settings(max_examples=80, deadline=None)
@given(st.text(min_size=1, max_size=60))
def test_any_key_gives_a_short_plain_segment(key):
    """Any key: the key itself when plain ASCII, else `words-hash` of at most 47 characters; the same each time."""
    seg = iris.key_segment("person", key)
    assert seg == iris.key_segment("person", key)
    if key.isascii() and iris.segment(key) == key:
        assert seg == key
    else:
        assert MINTED.match(seg) and len(seg) <= 47


ARTICLES = [
    {"id": "a1", "published": "2024-03-01", "outlet": "خبرگزاری دانا",
     "text": "سخنگوی وزارت امور خارجه ایران بهرام کاظمی‌نژاد امروز گفت ایران و ترکیه همکاری می‌کنند."},
    {"id": "a2", "published": "2024-03-02", "outlet": "IRNA",
     "text": "به گزارش دانا، بهرام کاظمی‌نژاد سخنگوی وزارت امور خارجه ایران امروز به آنکارا سفر کرد."},
    {"id": "a3", "published": "2024-03-03", "outlet": "ژاله نیوز",
     "text": "مریم قزوینی سفیر ایران در ترکیه امروز با وزیر امور خارجه ترکیه دیدار کرد."},
]


def test_same_input_same_iris_whatever_the_order():
    """The corpus graph of three articles is the same bytes in either order."""
    docs = [Document(r["id"], r["text"], f"{r['id']}.json", outlet=r["outlet"], published_raw=r["published"])
            for r in ARTICLES]
    forward = serialize(extractions_to_graph([extract_document(d) for d in docs]), "nt")
    backward = serialize(extractions_to_graph([extract_document(d) for d in reversed(docs)]), "nt")
    assert forward == backward


def test_built_corpus_iris(tmp_path):
    """A built corpus: the person, the metadata outlet the text also names (one node), IRNA from the lexicon."""
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in ARTICLES), encoding="utf-8")
    build([src], tmp_path / "out", report=False)
    text = (tmp_path / "out" / "graph.ttl").read_text(encoding="utf-8")
    entities = sorted(set(re.findall(ID + r"(?:person|organization)/[^>]+", text)))
    assert [e.removeprefix(ID) for e in entities] == [
        "organization/dana-5f2d54",  # a1's outlet "خبرگزاری دانا" and a2's "به گزارش دانا": one node
        "organization/irna",  # a2's outlet "IRNA"
        "organization/mfa_iran",
        "organization/zhalhniuz-c646c1",  # a3's outlet "ژاله نیوز", not in the lexicon
        "person/bhram_kazminzhad-816838",
        "person/fidan",
        "person/mrim_qzvini-70f4d7"]
    assert not re.search(r"<[^>]*%", text)  # nothing percent-encoded


@pytest.mark.parametrize(("outlet", "key"), [
    ("خبرگزاری ایرنا", "irna"),  # an alias
    ("ایرنا", "irna"),
    ("IRNA", "irna"),  # the key, in Latin letters
    ("Islamic Republic News Agency", "irna"),  # the English name
    ("irna.ir", "irna"),  # a web host (outlet_hosts.tsv)
    ("https://www.irna.ir/news/123", "irna"),
    ("en.irna.ir", "irna"),  # a subdomain
    ("مهر", "mehr_news"),  # a bare name that is also a word: in an outlet field it is the outlet
    ("خبرگزاری رسمی مهر", "mehr_news"),  # head and adjective, then the name
    ("روزنامه «کیهان»", "kayhan"),
    # negatives
    ("خبرگزاری دانا", None),
    ("news.example.org", None),
    ("وزارت امور خارجه ایران", None),  # an organization, but not a news organization
    ("", None),
])
def test_outlet_names_resolve_to_the_lexicon(outlet, key):
    """The `outlet` field: names, aliases, heads, Latin names and web hosts of the lexicon's news organizations."""
    assert outlet_key(load(), outlet) == key


@pytest.mark.parametrize(("outlet", "url", "publisher"), [
    ("خبرگزاری ایرنا", None, "organization/irna"),
    ("IRNA", None, "organization/irna"),
    ("خبرگزاری دانا", None, "organization/dana-5f2d54"),  # not in the lexicon: keyed by its name after the head
    ("دانا", None, "organization/dana-5f2d54"),
    (None, "https://www.tasnimnews.com/fa/news/1", "organization/tasnim"),  # no outlet: the url's host
    (None, "https://example.org/1", None),
])
def test_publisher_points_at_the_lexicon_entity(outlet, url, publisher):
    """schema:publisher of the article is the lexicon's news organization when it knows the outlet."""
    x = extract_document(Document("t1", "وزیر امور خارجه ایران امروز به باکو سفر کرد.", "t1.txt", outlet=outlet,
                                  url=url))
    g = extraction_to_graph(x)
    got = g.value(URIRef(ID + "article/t1"), SCHEMA.publisher)
    assert got == (URIRef(ID + publisher) if publisher else None)


def test_bad_host_row_names_its_line(tmp_path):
    """A host with "www." in outlet_hosts.tsv stops the lexicon with its file and line."""
    from kg.lexicon import DATA

    for f in DATA.iterdir():
        (tmp_path / f.name).write_bytes(f.read_bytes())
    (tmp_path / "outlet_hosts.tsv").write_text("host\tkey\tsource\nwww.irna.ir\tirna\ttest\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"outlet_hosts.tsv:2: host 'www.irna.ir'"):
        load(tmp_path)


@pytest.mark.parametrize(("text", "mention"), [
    ("روزنامه «جماران» نوشت وزیر امور خارجه ایران امروز به باکو سفر کرد.", ("جماران", "jamaran", "lexicon")),
    ("روزنامه «کیهان» نوشت وزیر امور خارجه ایران امروز به باکو سفر کرد.", ("کیهان", "kayhan", "lexicon")),
    # negative: a bare word the lexicon only knows as part of a longer name stays a minted outlet
    ("خبرگزاری مشرق نوشت وزیر امور خارجه ایران امروز به باکو سفر کرد.", ("مشرق", "outlet_مشرق", "pattern")),
])
def test_outlets_the_text_names_resolve_to_the_lexicon(text, mention):
    """An outlet found by its pattern ("روزنامه «X»") is the lexicon's news organization when X names one."""
    x = extract_document(Document("d", text, "d.txt"))
    assert [(m.text, m.entity, m.how) for m in x.mentions if m.entity in (mention[1],)] == [mention]
