"""The lexicon: countries, places, organizations, persons, terms of office, titles and event words.

Data lives in tab-separated files (`kg/lexicon/data/*.tsv`, format in FORMAT.md). `load()` reads and checks them
once: a malformed row or a duplicate key stops with `LexiconError` naming the file and line, before any output is
written. Name forms are indexed by `kg.normalize.compact`, so spelling variants that differ only in joiners,
spaces, Arabic letters or digits need not be listed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

from kg.errors import LexiconError
from kg.lexicon.calendar import Names, builtin, load_names
from kg.lexicon.tsv import read_tsv
from kg.model import EVENT_TYPES, MODALITIES, ROLES, Entity
from kg.normalize import compact

DATA = Path(__file__).parent / "data"
_KEY = re.compile(r"^[a-z0-9_]+$")
_QID = re.compile(r"^Q[1-9][0-9]*$")
_HOST = re.compile(r"^(?!www\.)[a-z0-9-]+(\.[a-z0-9-]+)+$")

COLUMNS = {
    "countries.tsv": ["key", "name_fa", "name_en", "aliases", "demonyms", "capital", "qid", "source"],
    "places.tsv": ["key", "kind", "name_fa", "name_en", "aliases", "country", "qid", "source"],
    "organizations.tsv": ["key", "subtype", "name_fa", "name_en", "aliases", "country", "qid", "source"],
    "persons.tsv": ["key", "name_fa", "name_en", "aliases", "qid", "source"],
    "offices.tsv": ["person", "role", "country", "organization", "title_fa", "start", "end", "source"],
    "titles.tsv": ["form", "role", "organization", "scope", "source"],
    "event_words.tsv": ["form", "type", "cameo", "modality", "source"],
    "ambiguous.tsv": ["form", "key", "reason", "source"],
    "given_names.tsv": ["form", "source"],
    "org_heads.tsv": ["form", "kind", "source"],
    "function_words.tsv": ["form", "source"],
    "honorifics.tsv": ["form", "source"],
    "event_cues.tsv": ["form", "effect", "position", "source"],
    "plural_titles.tsv": ["form", "role", "source"],
    "event_types.tsv": ["type", "participants", "countries", "both", "needs", "alone", "place", "news_date",
                        "asserted", "merge_on", "absorbs", "outlet", "source"],
    "event_context.tsv": ["form", "kind", "source"],
    "entity_cues.tsv": ["form", "kind", "source"],
    "outlet_hosts.tsv": ["host", "key", "source"],
    "boilerplate.tsv": ["form", "source"],
}
# The forms of a file that must not repeat (after kg.normalize.compact): a repeated one is refused, not overwritten.
def _FORM(row: dict[str, str]) -> str:
    return compact(row["form"])


# national: the country is the qualifier, else the article's; qualified: only a stated qualifier ("امیر قطر"; the
# word alone is no title); international: the holder's office says the country
SCOPES = ("national", "qualified", "international")
UNIQUE = {"titles.tsv": _FORM, "event_words.tsv": _FORM, "ambiguous.tsv": _FORM, "given_names.tsv": _FORM,
          "org_heads.tsv": _FORM, "function_words.tsv": _FORM, "honorifics.tsv": _FORM, "plural_titles.tsv": _FORM,
          "event_cues.tsv": lambda row: (row["position"], compact(row["form"])),
          "entity_cues.tsv": lambda row: (row["kind"], compact(row["form"])),
          "event_context.tsv": lambda row: (row["kind"], compact(row["form"])),
          "outlet_hosts.tsv": lambda row: row["host"].lower(), "boilerplate.tsv": _FORM}
OPTIONAL = {"ambiguous.tsv", "given_names.tsv", "org_heads.tsv", "function_words.tsv", "plural_titles.tsv",
            "honorifics.tsv", "entity_cues.tsv", "event_context.tsv", "outlet_hosts.tsv", "boilerplate.tsv"}
HEAD_KINDS = {"mfa", "gov", "embassy", "consulate", "moi", "mod", "justice", "prosecutor", "police", "court", "cabinet"}
CUE_KINDS = {"pronoun", "surname_part", "surname_ending", "title_adjective", "former", "now", "source_cue",
             "source_skip", "outlet_head", "outlet_ending", "outlet_adjective", "naming", "city_word",
             "name_prefix", "arab_link", "counterpart", "surname_spelling", "as", "indefinite"}
# The values each column of event_types.tsv may take (meanings in that file's header).
EVENT_TYPE_VALUES = {
    "participants": {"speaker", "target", "parties", "traveller", "all"},
    "countries": {"never", "always", "before", "unless-person"},
    "both": {"no", "empty", "always"},
    "needs": {"actor", "place", "mission", "nothing"},
    "alone": {"yes", "person"},
    "place": {"none", "venue", "destination"},
    "news_date": {"yes", "no"},
    "asserted": {"yes", "no"},
    "merge_on": {"first", "person", "any"},
}
# Kinds of words around events (event_context.tsv; meanings in that file's header).
CONTEXT_KINDS = {"outlet", "both", "conveyed", "delegation", "joint", "relations", "decree", "clause_verb", "after",
                 "perfect", "margins"}
ORG_SUBTYPES = {"GovernmentOrganization", "NewsMediaOrganization", "IntergovernmentalOrganization", "Format",
                "Court", "Parliament", "PoliticalParty", "Organization"}


@dataclass(frozen=True)
class Office:
    person: str
    role: str
    country: str
    organization: str | None
    accredited_to: str | None
    title: str
    start: date | None
    end: date | None

    def held_during(self, lo: date, hi: date) -> bool:
        """True when the term overlaps [lo, hi]."""
        return (self.start is None or self.start <= hi) and (self.end is None or lo <= self.end)


@dataclass(frozen=True)
class Title:
    form: str
    role: str
    organization: str | None  # "mfa", "gov", "presidency", … or an organization key
    scope: str


@dataclass(frozen=True)
class EventWord:
    form: str
    type: str
    cameo: str
    modality: str | None


@dataclass(frozen=True)
class EventType:
    """How one event type is read: participants, what it needs, place, dating and merging (event_types.tsv)."""

    type: str
    participants: str
    countries: str
    both: str
    needs: str
    alone: str
    place: str
    news_date: bool
    asserted: bool
    merge_on: str
    absorbs: str | None
    outlet: str | None


@dataclass
class Lexicon:
    entities: dict[str, Entity] = field(default_factory=dict)
    forms: dict[str, list[str]] = field(default_factory=dict)  # compact form -> entity keys
    demonyms: dict[str, str] = field(default_factory=dict)  # compact demonym -> country key
    capitals: dict[str, str] = field(default_factory=dict)  # country key -> city key
    capital_of: dict[str, str] = field(default_factory=dict)  # city key -> the country it is the capital of
    offices: list[Office] = field(default_factory=list)
    titles: dict[str, Title] = field(default_factory=dict)  # compact form -> title
    event_words: dict[str, EventWord] = field(default_factory=dict)  # compact form -> event word
    event_types: dict[str, EventType] = field(default_factory=dict)  # type -> how it is read
    event_context: dict[str, dict[str, str]] = field(default_factory=dict)  # kind -> compact form -> form
    ambiguous: dict[str, str] = field(default_factory=dict)  # compact form -> entity key (needs context)
    given_names: set[str] = field(default_factory=set)  # compact given names
    org_heads: dict[str, str] = field(default_factory=dict)  # compact head form -> kind (mfa, gov, embassy…)
    function_words: set[str] = field(default_factory=set)  # compact words never part of a found name
    boilerplate: tuple[str, ...] = ()  # compact openings of a line after which a page is no longer the article
    honorifics: set[str] = field(default_factory=set)  # compact ranks and honorifics written before a surname
    plural_titles: dict[str, str] = field(default_factory=dict)  # compact plural title -> role
    hosts: dict[str, str] = field(default_factory=dict)  # web host (lower case, no "www.") -> news organization key
    cues: dict[str, set[str]] = field(default_factory=lambda: {k: set() for k in CUE_KINDS})  # entity_cues.tsv
    cue_tables: dict[str, dict[str, str]] = field(default_factory=dict)  # the cues as tables for Text.longest
    honorific_table: dict[str, str] = field(default_factory=dict)
    cues_before: dict[str, str] = field(default_factory=dict)  # compact form -> "block" or a modality
    cues_after: dict[str, str] = field(default_factory=dict)
    max_form_tokens: int = 8
    calendar: Names = field(default_factory=builtin)  # month and weekday names (months.tsv, weekdays.tsv)

    def holders(self, role: str, country: str, lo: date, hi: date) -> list[str]:
        """Persons who held `role` for `country` at some time in [lo, hi], in lexicon order."""
        seen: list[str] = []
        for o in self.offices:
            if o.role == role and o.country == country and o.held_during(lo, hi) and o.person not in seen:
                seen.append(o.person)
        return seen

    def offices_of(self, person: str) -> list[Office]:
        return [o for o in self.offices if o.person == person]

    def mfa_of(self, country: str) -> str | None:
        """The key of `country`'s foreign ministry, if the lexicon has it (convention: `mfa_<country>`)."""
        key = f"mfa_{country}"
        return key if key in self.entities else None


def _split(cell: str) -> list[str]:
    return [v.strip() for v in cell.split("|") if v.strip()]


def _date(cell: str, where: str) -> date | None:
    if not cell:
        return None
    try:
        return date.fromisoformat(cell)
    except ValueError:
        raise LexiconError(where, f"not an ISO date: {cell!r}") from None


class _Loader:
    def __init__(self, data: Path):
        self.data = data
        self.lex = Lexicon()
        self.where: dict[str, str] = {}  # key -> file:line of its definition
        self.refs: list[tuple[str, str]] = []  # (where, key) references to check at the end

    def path(self, name: str) -> Path:
        return self.data / name

    def rows(self, name: str):
        p = self.path(name)
        if not p.exists():
            if name in OPTIONAL:
                return
            raise LexiconError(str(p), "lexicon file missing")
        yield from read_tsv(p, COLUMNS[name], key=UNIQUE.get(name))

    def add_entity(self, where: str, row: dict[str, str], kind: str, **extra) -> Entity:
        key = row["key"]
        if not _KEY.match(key):
            raise LexiconError(where, f"key {key!r} is not a lowercase ASCII slug")
        if key in self.where:
            raise LexiconError(where, f"duplicate key {key!r} (first defined at {self.where[key]})")
        if not row.get("name_fa"):
            raise LexiconError(where, "name_fa is empty")
        if not row.get("source"):
            raise LexiconError(where, "source is empty: every row says where its facts come from")
        qid = row.get("qid") or None
        if qid and not _QID.match(qid):
            raise LexiconError(where, f"malformed Wikidata id {qid!r}")
        self.where[key] = where
        e = Entity(key=key, kind=kind, name_fa=row["name_fa"], name_en=row.get("name_en") or None,
                   alt_names=set(_split(row.get("aliases", ""))), qid=qid, in_lexicon=True, **extra)
        self.lex.entities[key] = e
        forms = [e.name_fa, *sorted(e.alt_names)]
        if kind == "Person":  # given name + every spelling of the surname: "الهام علیف" from "علیف"
            given = e.name_fa.split()[:-1]
            forms += [" ".join([*given, a]) for a in sorted(e.alt_names) if given and len(a.split()) == 1]
        for form in forms:
            keys = self.lex.forms.setdefault(compact(form), [])
            if key not in keys:
                keys.append(key)
        return e

    def ref(self, where: str, key: str | None) -> str | None:
        if key:
            self.refs.append((where, key))
        return key or None

    def load(self) -> Lexicon:
        for where, row in self.rows("countries.tsv"):
            self.add_entity(where, row, "Country")
            for d in _split(row["demonyms"]):
                self.lex.demonyms[compact(d)] = row["key"]
            if row["capital"]:
                self.lex.capitals[row["key"]] = self.ref(where, row["capital"]) or ""
        self.lex.capital_of = {city: c for c, city in sorted(self.lex.capitals.items()) if city}
        for where, row in self.rows("places.tsv"):
            if row["kind"] not in ("City", "Region"):
                raise LexiconError(where, f"kind must be City or Region, not {row['kind']!r}")
            self.add_entity(where, row, row["kind"], country=self.ref(where, row["country"]))
        for where, row in self.rows("organizations.tsv"):
            if row["subtype"] not in ORG_SUBTYPES:
                raise LexiconError(where, f"subtype {row['subtype']!r} not one of {sorted(ORG_SUBTYPES)}")
            self.add_entity(where, row, "Organization", subtype=row["subtype"], country=self.ref(where, row["country"]))
        for where, row in self.rows("persons.tsv"):
            self.add_entity(where, row, "Person")
        self.load_offices()
        self.load_words()
        self.check_refs()
        self.lex.calendar = builtin() if self.data == DATA else load_names(self.data)
        return self.lex

    def load_offices(self) -> None:
        for where, row in self.rows("offices.tsv"):
            if row["role"] not in ROLES:
                raise LexiconError(where, f"role {row['role']!r} not one of {', '.join(ROLES)}")
            org = row["organization"]
            to = org[3:] if org.startswith("to:") else None
            org = None if to else (org or None)
            start, end = _date(row["start"], where), _date(row["end"], where)
            if start and end and end < start:
                raise LexiconError(where, f"term ends ({end}) before it starts ({start})")
            for k in (row["person"], row["country"], org, to):
                self.ref(where, k)
            self.lex.offices.append(Office(row["person"], row["role"], row["country"], org, to,
                                           row["title_fa"], start, end))
            person = self.lex.entities.get(row["person"])
            if person is not None and person.country is None:
                person.country = row["country"]

    def load_words(self) -> None:
        for where, row in self.rows("titles.tsv"):
            if row["role"] not in ROLES:
                raise LexiconError(where, f"role {row['role']!r} not one of {', '.join(ROLES)}")
            if row["scope"] not in SCOPES:
                raise LexiconError(where, f"scope {row['scope']!r} not one of {', '.join(SCOPES)}")
            self.lex.titles[compact(row["form"])] = Title(row["form"], row["role"], row["organization"] or None,
                                                          row["scope"])
        for where, row in self.rows("event_words.tsv"):
            if row["type"] not in EVENT_TYPES:
                raise LexiconError(where, f"event type {row['type']!r} not one of {', '.join(EVENT_TYPES)}")
            if row["modality"] and row["modality"] not in MODALITIES:
                raise LexiconError(where, f"modality {row['modality']!r} not one of {', '.join(MODALITIES)}")
            self.lex.event_words[compact(row["form"])] = EventWord(row["form"], row["type"], row["cameo"],
                                                                   row["modality"] or None)
        self.load_event_types()
        self.lex.event_context = {k: {} for k in sorted(CONTEXT_KINDS)}
        for where, row in self.rows("event_context.tsv"):
            if row["kind"] not in CONTEXT_KINDS:
                raise LexiconError(where, f"kind {row['kind']!r} not one of {', '.join(sorted(CONTEXT_KINDS))}")
            if not row["source"]:
                raise LexiconError(where, "source is empty: every row says where its facts come from")
            self.lex.event_context[row["kind"]][compact(row["form"])] = row["form"]
        for where, row in self.rows("outlet_hosts.tsv"):
            host = row["host"].lower()
            if not _HOST.match(host):
                raise LexiconError(where, f"host {row['host']!r} is not a lower-case host name without 'www.'")
            self.lex.hosts[host] = self.ref(where, row["key"]) or ""
        for where, row in self.rows("ambiguous.tsv"):
            self.lex.ambiguous[compact(row["form"])] = self.ref(where, row["key"]) or ""
        for _, row in self.rows("given_names.tsv"):
            self.lex.given_names.add(compact(row["form"]))
        for where, row in self.rows("plural_titles.tsv"):
            if row["role"] not in ROLES:
                raise LexiconError(where, f"role {row['role']!r} not one of {', '.join(ROLES)}")
            self.lex.plural_titles[compact(row["form"])] = row["role"]
        for where, row in self.rows("event_cues.tsv"):
            if row["effect"] != "block" and row["effect"] not in MODALITIES:
                raise LexiconError(where, f"effect {row['effect']!r} must be block or one of {', '.join(MODALITIES)}")
            if row["position"] not in ("before", "after"):
                raise LexiconError(where, f"position must be before or after, not {row['position']!r}")
            table = self.lex.cues_before if row["position"] == "before" else self.lex.cues_after
            table[compact(row["form"])] = row["effect"]
        for _, row in self.rows("function_words.tsv"):
            self.lex.function_words.add(compact(row["form"]))
        self.lex.boilerplate = tuple(compact(row["form"]) for _, row in self.rows("boilerplate.tsv"))
        for _, row in self.rows("honorifics.tsv"):
            self.lex.honorifics.add(compact(row["form"]))
        for where, row in self.rows("entity_cues.tsv"):
            if row["kind"] not in CUE_KINDS:
                raise LexiconError(where, f"kind {row['kind']!r} not one of {sorted(CUE_KINDS)}")
            self.lex.cues[row["kind"]].add(compact(row["form"]))
        for where, row in self.rows("org_heads.tsv"):
            if row["kind"] not in HEAD_KINDS:
                raise LexiconError(where, f"kind {row['kind']!r} not one of {sorted(HEAD_KINDS)}")
            self.lex.org_heads[compact(row["form"])] = row["kind"]
        self.lex.cue_tables = {kind: {w: w for w in forms} for kind, forms in self.lex.cues.items()}
        self.lex.honorific_table = {h: h for h in self.lex.honorifics}

    def load_event_types(self) -> None:
        """event_types.tsv of this lexicon, else the one shipped with dipkg (how types are read is not a word list)."""
        p = self.path("event_types.tsv")
        where_of = p if p.exists() else DATA / "event_types.tsv"
        for where, row in read_tsv(where_of, COLUMNS["event_types.tsv"], key=lambda row: row["type"]):
            if row["type"] not in EVENT_TYPES:
                raise LexiconError(where, f"event type {row['type']!r} not one of {', '.join(EVENT_TYPES)}")
            for col, allowed in EVENT_TYPE_VALUES.items():
                if row[col] not in allowed:
                    raise LexiconError(where, f"{col} {row[col]!r} not one of {', '.join(sorted(allowed))}")
            for col in ("absorbs", "outlet"):
                if row[col] and row[col] not in EVENT_TYPES:
                    raise LexiconError(where, f"{col} {row[col]!r} not one of {', '.join(EVENT_TYPES)}")
            self.lex.event_types[row["type"]] = EventType(
                row["type"], row["participants"], row["countries"], row["both"], row["needs"], row["alone"],
                row["place"], row["news_date"] == "yes", row["asserted"] == "yes", row["merge_on"],
                row["absorbs"] or None, row["outlet"] or None)
        missing = [t for t in EVENT_TYPES if t not in self.lex.event_types]
        if missing:
            raise LexiconError(str(where_of), f"no row for event type(s) {', '.join(missing)}")

    def check_refs(self) -> None:
        for where, key in self.refs:
            if key not in self.lex.entities:
                raise LexiconError(where, f"refers to unknown key {key!r}")


def load(data: Path | str | None = None) -> Lexicon:
    """Load and check the lexicon in `data` (default: the production lexicon shipped with dipkg)."""
    return _cached(str(Path(data) if data else DATA))


@lru_cache(maxsize=8)
def _cached(data: str) -> Lexicon:
    return _Loader(Path(data)).load()
