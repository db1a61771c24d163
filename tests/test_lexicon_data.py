"""The production lexicon data (kg/lexicon/data/*.tsv), read directly with the csv module (not through the loader).

These tests pin the data, not the code: the format of FORMAT.md, references that resolve, verified Wikidata ids
only, coherent terms of office, and names that designate one entity each.
"""

from __future__ import annotations

import csv
import re
from datetime import date
from functools import cache
from itertools import combinations
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.lexicon import COLUMNS
from kg.model import EVENT_TYPES, MODALITIES, ROLES
from kg.normalize import compact

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "kg" / "lexicon" / "data"
VERIFIED = ROOT.parent / "shared" / "contract" / "wikidata-verified.tsv"  # shared/ sits beside the repo (.ci/run)

HEADERS = {name: COLUMNS[name] for name in ("countries.tsv", "places.tsv", "organizations.tsv", "persons.tsv",
                                             "offices.tsv", "titles.tsv", "event_words.tsv", "ambiguous.tsv")}
ENTITY_FILES = ("countries.tsv", "places.tsv", "organizations.tsv", "persons.tsv")
CAMEO = {"Visit": "042", "Meeting": "040", "PhoneCall": "041", "Statement": "010", "Attack": "180",
         "MissionSuspension": "161", "MissionResumption": "050", "LegalProceeding": "173", "Summons": "111",
         "Expulsion": "174", "Appointment": "010", "Agreement": "057"}
ORG_PATTERNS = {"mfa", "gov", "presidency", "parliament"}
UN_SECTION = "# == UN member state"
KEY = re.compile(r"^[a-z0-9_]+$")


def lines(name: str) -> list[tuple[int, str]]:
    text = (DATA / name).read_text(encoding="utf-8")
    return list(enumerate(text.split("\n"), start=1))


@cache
def table(name: str) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """(header, [(line number, row)]) of a data file; comments and blank lines skipped."""
    body = [(n, line) for n, line in lines(name) if line.strip() and not line.startswith("#")]
    header = body[0][1].split("\t")
    rows = [(n, dict(zip(header, next(csv.reader([line], delimiter="\t", quoting=csv.QUOTE_NONE)), strict=False)))
            for n, line in body[1:]]
    return header, rows


def rows(name: str) -> list[dict[str, str]]:
    return [r for _, r in table(name)[1]]


def split(cell: str) -> list[str]:
    return [v for v in cell.split("|") if v]


@cache
def entities() -> dict[str, tuple[str, dict[str, str]]]:
    """key -> (file, row) over the four entity files."""
    out: dict[str, tuple[str, dict[str, str]]] = {}
    for name in ENTITY_FILES:
        for r in rows(name):
            out.setdefault(r["key"], (name, r))
    return out


@cache
def forms() -> dict[str, set[str]]:
    """compact name form -> keys of the entities that bear it (name_fa and aliases)."""
    out: dict[str, set[str]] = {}
    for key, (_, r) in entities().items():
        for f in [r["name_fa"], *split(r["aliases"])]:
            out.setdefault(compact(f), set()).add(key)
    return out


def verified() -> dict[str, str]:
    with VERIFIED.open(encoding="utf-8", newline="") as fh:
        return {r["qid"]: r["key"] for r in csv.DictReader(fh, delimiter="\t")}


def resolve(form: str) -> set[str]:
    return forms().get(compact(form), set())


# ---- format ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", sorted(HEADERS))
def test_header_is_exact(name):
    """Each file's header names the FORMAT.md columns, in order."""
    assert table(name)[0] == HEADERS[name]


@pytest.mark.parametrize("name", sorted(HEADERS))
def test_rows_have_all_columns_and_a_source(name):
    """Every row has exactly the header's column count and a non-empty source."""
    header, body = table(name)
    assert body, f"{name} has no rows"
    for n, line in lines(name):
        if line.strip() and not line.startswith("#") and n != 1:
            cells = line.split("\t")
            assert len(cells) == len(header) or cells == header, f"{name}:{n}: {len(cells)} columns"
    bad = [n for n, r in body if not r["source"].strip()]
    assert bad == [], f"{name}: rows without a source at lines {bad}"


@pytest.mark.parametrize("name", sorted(HEADERS))
def test_persian_cells_use_persian_letters(name):
    """No Arabic yeh/kaf (ي ك) in the data: Persian letters only, as FORMAT.md asks."""
    bad = [n for n, line in lines(name) if "ي" in line or "ك" in line]
    assert bad == []


def test_keys_are_ascii_slugs_unique_across_files():
    """Entity keys are lowercase ASCII slugs, and no key is defined twice in or across the entity files."""
    seen: dict[str, str] = {}
    for name in ENTITY_FILES:
        for n, r in table(name)[1]:
            assert KEY.match(r["key"]), f"{name}:{n}: bad key {r['key']!r}"
            assert r["key"] not in seen, f"{name}:{n}: {r['key']} already in {seen.get(r['key'])}"
            seen[r["key"]] = f"{name}:{n}"


# ---- coverage ---------------------------------------------------------------------------------------------------

def un_member_rows() -> list[str]:
    keys, inside = [], False
    for _, line in lines("countries.tsv"):
        if line.startswith("#"):
            inside = line.startswith(UN_SECTION) if line.startswith("# ==") else inside
        elif line.strip() and inside:
            keys.append(line.split("\t")[0])
    return keys


def test_exactly_193_un_member_states():
    """The 'UN member state' sections of countries.tsv hold exactly the 193 members, each once."""
    members = un_member_rows()
    assert len(members) == 193
    assert len(set(members)) == 193


@pytest.mark.parametrize("key, is_member", [
    ("iran", True), ("azerbaijan", True), ("armenia", True), ("turkey", True), ("russia", True), ("georgia", True),
    ("usa", True), ("uk", True), ("saudi_arabia", True), ("south_sudan", True), ("tuvalu", True),
    ("north_korea", True), ("dr_congo", True), ("san_marino", True), ("eswatini", True), ("timor_leste", True),
    ("palestine", False), ("vatican", False), ("kosovo", False), ("taiwan", False), ("soviet_union", False),
    ("yugoslavia", False),
])
def test_un_membership_of_sample_states(key, is_member):
    """Sample states are in the UN sections or, for observers/partially recognised/historical ones, outside."""
    assert key in entities()
    assert (key in un_member_rows()) is is_member


# ---- references and Wikidata ------------------------------------------------------------------------------------

def test_capitals_are_cities_of_their_country():
    """Every capital is a City in places.tsv whose country is the country naming it."""
    ents = entities()
    for r in rows("countries.tsv"):
        if r["capital"]:
            file, city = ents[r["capital"]]
            assert (file, city["kind"], city["country"]) == ("places.tsv", "City", r["key"]), r["key"]


@pytest.mark.parametrize("name, column", [("places.tsv", "country"), ("organizations.tsv", "country")])
def test_country_columns_name_countries(name, column):
    """A place's or organization's country column is empty or a key of countries.tsv."""
    ents = entities()
    bad = [r["key"] for r in rows(name) if r[column] and ents.get(r[column], ("",))[0] != "countries.tsv"]
    assert bad == []


def test_office_references_resolve():
    """Offices name a person, a country, an organization (or to:<host country>) that the lexicon defines."""
    ents = entities()
    for n, r in table("offices.tsv")[1]:
        assert ents[r["person"]][0] == "persons.tsv", n
        assert ents[r["country"]][0] == "countries.tsv", n
        org = r["organization"]
        if org.startswith("to:"):
            assert r["role"] == "Ambassador" and ents[org[3:]][0] == "countries.tsv", n
        elif org:
            assert ents[org][0] == "organizations.tsv", n


def test_every_qid_is_verified_and_on_the_same_key():
    """Only ids of wikidata-verified.tsv appear, each on the entity with that file's key."""
    ver = verified()
    used = {(r["key"], r["qid"]) for _, r in entities().values() if r["qid"]}
    assert {q for _, q in used} <= set(ver)
    assert all(ver[q] == k for k, q in used)


def test_every_verified_key_carries_its_qid():
    """Every key listed in wikidata-verified.tsv exists in the lexicon with its verified id."""
    ents = entities()
    assert {k: ents[k][1]["qid"] for k in verified().values()} == {k: q for q, k in verified().items()}


def test_mfa_and_gov_keys_follow_the_convention():
    """mfa_<country> and gov_<country> belong to <country> (the extractor finds a ministry by that name)."""
    for r in rows("organizations.tsv"):
        for prefix in ("mfa_", "gov_"):
            if r["key"].startswith(prefix):
                assert r["country"] == r["key"][len(prefix):], r["key"]


# ---- names ------------------------------------------------------------------------------------------------------

def test_no_form_names_two_entities():
    """After normalisation, every name form designates one entity only."""
    clashes = {f: sorted(k) for f, k in forms().items() if len(k) > 1}
    assert clashes == {}


def test_ambiguous_forms_are_not_plain_names():
    """A form of ambiguous.tsv is matched only in context: it is never also a plain name, and its key exists."""
    for r in rows("ambiguous.tsv"):
        assert resolve(r["form"]) == set(), r["form"]
        assert r["key"] in entities(), r["key"]


def test_demonyms_are_unique_and_not_names():
    """A demonym points at one country and is not itself a name form."""
    seen: dict[str, str] = {}
    for r in rows("countries.tsv"):
        for d in split(r["demonyms"]):
            assert seen.setdefault(compact(d), r["key"]) == r["key"], d
            assert resolve(d) == set(), d


@pytest.mark.parametrize("form, keys", [
    ("جمهوری آذربایجان", {"azerbaijan"}),
    ("آذربایجان", {"azerbaijan"}),
    ("آذربایجان شرقی", {"east_azerbaijan"}),  # the Iranian province, not the country
    ("جمهوری اسلامی ایران", {"iran"}),
    ("رژیم صهیونیستی", {"israel"}),
    ("انگلیس", {"uk"}),
    ("امریکا", {"usa"}),
    ("عربستان", {"saudi_arabia"}),
    ("شوروی", {"soviet_union"}),
    ("اردبیل", {"ardabil"}),  # the city; the province is "استان اردبیل"
    ("باکو", {"baku"}),
    ("قره باغ", {"karabakh"}),
    ("نخجوان", {"nakhchivan"}),
    ("وزارت خارجه جمهوری آذربایجان", {"mfa_azerbaijan"}),
    ("وزارت امور خارجه ایران", {"mfa_iran"}),
    ("فرمت ۳+۳", {"platform_3p3"}),
    ("3+3", {"platform_3p3"}),
    ("جنبش عدم تعهد", {"nam"}),
    ("ایسکا نیوز", {"iscanews"}),
    ("خبرگزاری مهر", {"mehr_news"}),
    ("علیف", {"ilham_aliyev"}),
    ("امیر عبداللهیان", {"amir_abdollahian"}),
    ("کنعانی", {"kanaani"}),
    ("علی باقری", {"bagheri_kani"}),
    ("چاووش اوغلو", {"cavusoglu"}),
    # negatives: references, common words and generic designations are not names
    ("کشورمان", set()),
    ("ترک", set()),
    ("مالی", set()),
    ("مهر", set()),
    ("دوشنبه", set()),
    ("آستانه", set()),
    ("وزارت امور خارجه", set()),
    ("وزارت خارجه", set()),
    ("دولت", set()),
    ("روحانی", set()),
    # officials and organizations of other states (surname aliases only where unambiguous)
    ("نتانیاهو", {"netanyahu"}),
    ("ماکرون", {"macron"}),
    ("جی‌شانکار", {"jaishankar"}),
    ("امیرخان متقی", {"muttaqi"}),
    ("فرانس‌پرس", {"afp"}),
    ("حزب‌الله", {"hezbollah"}),
    ("شورای همکاری خلیج فارس", {"gcc"}),
    ("کامرون", {"cameroon"}),  # the country, not David Cameron
    ("متقی", set()),  # Amir Khan Muttaqi and Manouchehr Mottaki
    ("لولا", set()),  # also 'hinge'
    ("مرسی", set()),  # also 'thanks'
    ("تراس", set()),  # also 'terrace'
    ("عصر ایران", set()),  # the outlet is named with its head only ('پایگاه خبری عصر ایران')
])
def test_forms_resolve(form, keys):
    """Sample name forms resolve to the expected entity, and non-names resolve to nothing."""
    assert resolve(form) == keys


# ---- offices ----------------------------------------------------------------------------------------------------

def terms() -> list[tuple[str, str, str, date | None, date | None]]:
    out = []
    for n, r in table("offices.tsv")[1]:
        start = date.fromisoformat(r["start"]) if r["start"] else None
        end = date.fromisoformat(r["end"]) if r["end"] else None
        assert not (start and end) or start <= end, f"offices.tsv:{n}: ends before it starts"
        assert r["role"] in ROLES, f"offices.tsv:{n}"
        out.append((r["person"], r["role"], r["country"], start, end))
    return out


def holders(role: str, country: str, day: date) -> set[str]:
    """Holders on `day`, terms read as half-open [start, end): the successor holds on the handover day."""
    return {p for p, ro, c, s, e in terms()
            if ro == role and c == country and (s is None or s <= day) and (e is None or day < e)}


@pytest.mark.parametrize("role, country, day, expected", [
    ("ForeignMinister", "iran", date(2024, 1, 29), {"amir_abdollahian"}),
    ("ForeignMinister", "iran", date(2024, 6, 15), {"bagheri_kani"}),
    ("ForeignMinister", "iran", date(2024, 8, 21), {"araghchi"}),
    ("ForeignMinister", "iran", date(2020, 1, 1), {"zarif"}),
    ("Spokesperson", "iran", date(2024, 1, 29), {"kanaani"}),
    ("DeputyForeignMinister", "iran", date(2024, 2, 18), {"bagheri_kani"}),
    ("HeadOfState", "iran", date(2024, 6, 1), {"mokhber"}),
    ("HeadOfState", "iran", date(2023, 7, 5), {"raisi"}),
    ("HeadOfState", "azerbaijan", date(2023, 7, 5), {"ilham_aliyev"}),
    ("ForeignMinister", "azerbaijan", date(2023, 10, 23), {"bayramov"}),
    ("ForeignMinister", "azerbaijan", date(2019, 1, 1), {"mammadyarov"}),
    ("ForeignMinister", "turkey", date(2023, 1, 1), {"cavusoglu"}),
    ("ForeignMinister", "turkey", date(2015, 8, 1), set()),  # the 2015 interval between Çavuşoğlu's two terms
    ("HeadOfState", "usa", date(2022, 1, 1), {"biden"}),
    ("HeadOfState", "usa", date(2025, 3, 1), {"trump"}),
    ("ForeignMinister", "china", date(2023, 3, 1), {"qin_gang"}),
    ("HeadOfGovernment", "uk", date(2023, 1, 1), {"sunak"}),
    ("HeadOfGovernment", "uk", date(2024, 7, 5), {"starmer"}),  # the handover day belongs to the successor
    ("ForeignMinister", "uk", date(2024, 1, 1), {"david_cameron"}),
    ("HeadOfGovernment", "germany", date(2019, 1, 1), {"merkel"}),
    ("ForeignMinister", "germany", date(2024, 1, 1), {"baerbock"}),
    ("HeadOfState", "france", date(2016, 1, 1), {"hollande"}),
    ("HeadOfState", "afghanistan", date(2022, 1, 1), {"akhundzada"}),
    ("ForeignMinister", "afghanistan", date(2023, 1, 1), {"muttaqi"}),
    ("HeadOfGovernment", "japan", date(2022, 6, 1), {"kishida"}),
    ("HeadOfState", "switzerland", date(2022, 6, 1), {"cassis"}),
    ("HeadOfGovernment", "iraq", date(2016, 1, 1), {"abadi"}),
    ("ForeignMinister", "saudi_arabia", date(2017, 1, 1), {"jubeir"}),
    ("HeadOfState", "south_korea", date(2017, 4, 1), set()),  # between Park's removal and Moon's inauguration
])
def test_holders_on_a_day(role, country, day, expected):
    """The lexicon says who held an office on a given day (negatives: nobody, or not the predecessor)."""
    assert holders(role, country, day) == expected


def test_term_dates_are_iso_and_ordered():
    """Every start/end is an ISO date or empty, and no term ends before it starts."""
    assert len(terms()) == len(rows("offices.tsv"))


SINGLE = ("HeadOfState", "HeadOfGovernment", "ForeignMinister", "Spokesperson")


@settings(max_examples=300, deadline=None)
@given(day=st.dates(min_value=date(1990, 1, 1), max_value=date(2026, 11, 30)),
       country=st.sampled_from(["iran", "azerbaijan", "armenia", "turkey", "russia", "usa", "china", "pakistan"]),
       role=st.sampled_from(SINGLE))
def test_single_holder_offices_have_one_holder_a_day(day, country, role):
    """Heads of state/government, foreign ministers and spokespersons never overlap within one country."""
    assert len(holders(role, country, day)) <= 1


def test_single_holder_terms_do_not_overlap():
    """No two terms of a single-holder office of one country overlap (checked pairwise over all terms)."""
    far = date(9999, 1, 1)
    for a, b in combinations(terms(), 2):
        if a[1] == b[1] and a[2] == b[2] and a[1] in SINGLE:
            a0, a1, b0, b1 = a[3] or date.min, a[4] or far, b[3] or date.min, b[4] or far
            assert a1 <= b0 or b1 <= a0, (a, b)


# ---- titles and event words -------------------------------------------------------------------------------------

def test_titles_have_known_roles_and_organizations():
    """A title's role is one of kg.model.ROLES; its organization is a pattern or an organization key."""
    ents = entities()
    for r in rows("titles.tsv"):
        assert r["role"] in ROLES, r["form"]
        assert r["scope"] in ("national", "qualified", "international"), r["form"]
        org = r["organization"]
        assert not org or org in ORG_PATTERNS or ents[org][0] == "organizations.tsv", r["form"]


@pytest.mark.parametrize("name, column", [("titles.tsv", "form"), ("event_words.tsv", "form")])
def test_word_forms_unique_after_normalisation(name, column):
    """No two rows of a word table share a normalised form (the loader would keep only the last)."""
    seen = [compact(r[column]) for r in rows(name)]
    assert len(seen) == len(set(seen))


def test_event_words_types_codes_modalities():
    """Event words carry a kg.model event type, the project's CAMEO code for it, and a known modality or none."""
    for r in rows("event_words.tsv"):
        assert r["type"] in EVENT_TYPES, r["form"]
        assert r["cameo"] == CAMEO[r["type"]], r["form"]
        assert not r["modality"] or r["modality"] in MODALITIES, r["form"]


def test_every_event_type_has_triggers():
    """Each of the twelve event types has at least three trigger words."""
    counts = {t: sum(r["type"] == t for r in rows("event_words.tsv")) for t in EVENT_TYPES}
    assert min(counts.values()) >= 3, counts


@pytest.mark.parametrize("form, expected", [
    ("سفر خواهد کرد", ("Visit", "Planned")),
    ("سفر", ("Visit", "")),
    ("دیدار و گفتگو", ("Meeting", "")),
    ("گفتگوی تلفنی", ("PhoneCall", "")),
    ("ابراز امیدواری کرد", ("Statement", "Hoped")),
    ("حمله مسلحانه", ("Attack", "")),
    ("آغاز مجدد فعالیت", ("MissionResumption", "")),
    ("ختم رسیدگی", ("LegalProceeding", "")),
    ("احضار", ("Summons", "")),
    ("عنصر نامطلوب", ("Expulsion", "")),
    ("منصوب شد", ("Appointment", "")),
    ("تفاهم نامه", ("Agreement", "")),
    ("کشور", None),  # negative: not a trigger
])
def test_event_words_table(form, expected):
    """Sample triggers map to their type and modality; ordinary words are not triggers."""
    found = {compact(r["form"]): (r["type"], r["modality"]) for r in rows("event_words.tsv")}
    assert found.get(compact(form)) == expected


@pytest.mark.parametrize("form, role", [
    ("رئیس‌جمهور", "HeadOfState"), ("رییس جمهوری", "HeadOfState"), ("وزیر امورخارجه", "ForeignMinister"),
    ("معاون سیاسی وزارت امور خارجه", "DeputyForeignMinister"), ("سخنگوی وزارت خارجه", "Spokesperson"),
    ("سفیر", "Ambassador"), ("کاردار", "Official"), ("وزیر نفت", "Minister"), ("نخست‌وزیر", "HeadOfGovernment"),
    ("وزیر", None),  # negative: a bare "minister" is not a title on its own
    ("رئیس‌الوزرا", "HeadOfGovernment"), ("معاون رئیس جمهوری", "Official"), ("دبیرکل ناتو", "Official"),
    ("وزیر اروپا و امور خارجه", "ForeignMinister"),
    ("امیر", "HeadOfState"),  # only with its country: scope "qualified" (also a given name: "امیر سعید ایروانی")
])
def test_titles_table(form, role):
    """Sample titles map to their role (a chargé d'affaires is not an ambassador)."""
    found = {compact(r["form"]): r["role"] for r in rows("titles.tsv")}
    assert found.get(compact(form)) == role


def test_titles_that_are_also_names_need_their_country():
    """The rulers' titles that also begin names are titles only with a country after them."""
    scope = {r["form"]: r["scope"] for r in rows("titles.tsv")}
    assert [scope[f] for f in ("امیر", "سلطان", "رئیس جمهور")] == ["qualified", "qualified", "national"]
