"""Entity mentions on the toy lexicon: names, variants, titles, persons next to titles, references."""

import pytest

from kg.extract.entities import EntityFinder
from kg.extract.text import Text


def find(lex, text, home="alefland"):
    t = Text.of(text)
    finder = EntityFinder(lex, home)
    found, titles, minted = finder.run(t)
    return t, finder.pronouns(found), titles, minted


def surfaces(t, found, how=None):
    return [(t.surface(f.i, f.j), f.key) for f in found if how is None or f.how == how]


CASES = [
    # (sentence, expected (surface, key) pairs among the mentions; negatives: what must not be found)
    ("سفر به الف‌ستان", [("الف‌ستان", "alefland")], []),
    ("سفر به الفستان", [("الفستان", "alefland")], []),  # joiner lost
    ("سفر به الف ستان", [("الف ستان", "alefland")], []),  # joiner replaced by a space
    ("بهار سپهریف و بهار سپهری اف", [("بهار سپهریف", "bahar_sepehri"), ("بهار سپهری اف", "bahar_sepehri")], []),
    ("جمهوري الف‌ستان", [("جمهوري الف‌ستان", "alefland")], []),  # Arabic yeh
    ("الف‌ستانی‌ها آمدند", [], ["alefland"]),  # a longer word is not the country
]


@pytest.mark.parametrize(("text", "expected", "absent"), CASES)
def test_lexicon_names(toy_lex, text, expected, absent):
    """Names are found whatever the joiners, spaces and Arabic letters; longer words do not match."""
    t, found, _, _ = find(toy_lex, text)
    got = surfaces(t, found)
    for pair in expected:
        assert pair in got
    assert not [k for _, k in got if k in absent]


def test_title_then_unknown_name_mints_person(toy_lex):
    """"سخنگوی وزارت امور خارجه نیما پارسا": a person not in the lexicon is found next to a title."""
    t, found, titles, minted = find(toy_lex, "سخنگوی وزارت امور خارجه نیما پارسا گفت.")
    assert ("نیما پارسا", "person_نیماپارسا") in surfaces(t, found, "title+name")
    assert minted["person_نیماپارسا"].name_fa == "نیما پارسا"
    assert titles[0].person == "person_نیماپارسا"


def test_name_then_title(toy_lex):
    """"سارا نیکو، سفیر بستان": name before a title, across a comma."""
    t, found, titles, _ = find(toy_lex, "امروز سارا نیکو، سفیر بستان در الف‌آباد احضار شد.")
    assert ("سارا نیکو", "person_سارانیکو") in surfaces(t, found)
    assert titles[0].country == "beland"


def test_unknown_first_name_is_not_a_person(toy_lex):
    """Next to a title, two words whose first is not a given name are not taken for a person."""
    _, found, _, minted = find(toy_lex, "سخنگوی وزارت امور خارجه روز گذشته گفت.")
    assert not minted.get("person_روزگذشته")
    assert not [f for f in found if f.kind == "Person"]


def test_surname_and_pronoun_refer_to_the_person(toy_lex):
    """The surname alone and "وی" after the full name point at the same person."""
    t, found, _, _ = find(toy_lex, "سخنگوی وزارت امور خارجه نیما پارسا گفت. پارسا افزود. وی گفت.")
    keys = [(t.surface(f.i, f.j), f.how) for f in found if f.key == "person_نیماپارسا"]
    assert keys == [("نیما پارسا", "title+name"), ("پارسا", "surname"), ("وی", "coref")]


def test_this_country_skips_the_coordinated_and_home_country(toy_lex):
    """"الف‌ستان و این کشور" after a mention of بستان: this country is بستان."""
    t, found, _, _ = find(toy_lex, "سفارت بستان بسته شد. روابط الف‌ستان و این کشور خوب است.")
    assert ("این کشور", "beland") in surfaces(t, found, "coref")


def test_mission_with_sender_and_city(toy_lex):
    """"سفارت جمهوری بستان در الف‌آباد" is one mission with its sender and city; "این سفارتخانه" refers to it."""
    t, found, _, minted = find(toy_lex, "حمله به سفارت جمهوری بستان در الف‌آباد. این سفارتخانه بسته شد.")
    key = "mission_embassy_beland_alefabad"
    assert ("سفارت جمهوری بستان در الف‌آباد", key) in surfaces(t, found)
    assert ("این سفارتخانه", key) in surfaces(t, found, "coref")
    m = minted[key]
    assert (m.sender, m.host, m.city, m.name_fa) == ("beland", "alefland", "alefabad", "سفارت بِستان در الف‌آباد")


def test_unqualified_ministry_is_the_home_ministry(toy_lex):
    """A bare "وزارت امور خارجه" is the home country's ministry."""
    t, found, _, _ = find(toy_lex, "وی به وزارت امور خارجه احضار شد.")
    assert ("وزارت امور خارجه", "mfa_alefland") in surfaces(t, found)


def test_pronoun_in_possessive_position_is_not_resolved(toy_lex):
    """"وکلای وی" (his lawyers) is not a subject: no reference is drawn from it."""
    _, found, _, _ = find(toy_lex, "دارا کمانی آمد. متهم و وکلای وی حاضر شدند.")
    assert [f.how for f in found if f.kind == "Person"] == ["lexicon"]


def test_present_office_after_now(toy_lex):
    """"X در حال حاضر / هم‌اکنون TITLE است": X holds the title; a name further back does not."""
    _, _, titles, _ = find(toy_lex, "دارا کمانی در حال حاضر وزیر امور خارجه است.")
    assert [(ta.title.role, ta.person) for ta in titles] == [("ForeignMinister", "dara_kamani")]
    _, _, titles, _ = find(toy_lex, "دارا کمانی هم‌اکنون سفیر بستان است.")
    assert [(ta.title.role, ta.person) for ta in titles] == [("Ambassador", "dara_kamani")]
    _, _, titles, _ = find(toy_lex, "دارا کمانی گفت که در حال حاضر وزیر امور خارجه در سفر است.")
    assert [ta.person for ta in titles] == [None]


def test_rank_and_surname_before_a_title(toy_lex):
    """"سردار پارسا، سفیر بستان": a rank (honorifics.tsv) and a surname before a title name a person by the
    surname; without the rank a lone word is not taken for a name."""
    t, found, titles, minted = find(toy_lex, "سردار پارسا، سفیر بستان گفت.")
    assert ("پارسا", "person_پارسا") in surfaces(t, found, "title+name")
    assert titles[0].person == "person_پارسا" and minted["person_پارسا"].name_fa == "پارسا"
    _, _, titles, _ = find(toy_lex, "امروز پارسا، سفیر بستان گفت.")
    assert titles[0].person is None
