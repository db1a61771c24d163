"""Saved and ad-hoc SPARQL queries over a graph file or a dipkg store.

Saved queries live in `ontology/queries/NAME.rq`, one per file. Their header says what they answer and which
parameters they take:

    # NAME: what it answers
    # param ?country entity: a country (IRI, wd:Q…, or its name)
    # param ?from date optional: first day of the period (YYYY-MM-DD; a Jalali year < 1700 is converted)

Parameters are bound by an inline `VALUES` block of RDF terms serialised with escaping (see `inline_values`),
placed by reading the query's tokens (`kg.sparql.bind`), never by pasting the user's text into the query.
An `entity` parameter given as a name is resolved to every node with that `schema:name`/`schema:alternateName`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from kg.errors import QueryError
from kg.sparql.bind import insert_values
from kg.sparql.results import PREFIXES, Result, Term, collect

QUERIES_DIR = Path(__file__).resolve().parent.parent / "ontology" / "queries"
PARAM_TYPES = ("entity", "iri", "date", "string", "integer")
XSD = "http://www.w3.org/2001/XMLSchema#"
PREFIX_BLOCK = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())

_HEADER = re.compile(r"#\s*([\w-]+):\s*(.+)")
_PARAM = re.compile(r"#\s*param\s+\?(\w+)\s+(\w+)(\s+optional)?\s*:\s*(.+)")
_NAME = re.compile(r"[a-z0-9][a-z0-9-]*")


@dataclass(frozen=True)
class Param:
    name: str
    type: str  # one of PARAM_TYPES
    optional: bool
    doc: str


@dataclass
class SavedQuery:
    name: str
    description: str
    text: str
    path: Path
    params: list[Param] = field(default_factory=list)


def parse_saved(path: Path) -> SavedQuery:
    """Read a saved query file and its header; errors name the file and line."""
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    m = _HEADER.fullmatch(lines[0].strip()) if lines else None
    if not m or m.group(1) != path.stem:
        raise QueryError(f"{path}:1: the first line must be '# {path.stem}: what it answers'")
    params = []
    for no, line in enumerate(lines[1:], start=2):
        if not line.lstrip().startswith("# param"):
            continue
        p = _PARAM.fullmatch(line.strip())
        if not p or p.group(2) not in PARAM_TYPES:
            raise QueryError(f"{path}:{no}: expected '# param ?name TYPE [optional]: what it is' "
                             f"with TYPE one of {', '.join(PARAM_TYPES)}")
        params.append(Param(p.group(1), p.group(2), bool(p.group(3)), p.group(4).strip()))
    return SavedQuery(path.stem, m.group(2).strip(), text, path, params)


def list_saved(directory: Path = QUERIES_DIR) -> list[SavedQuery]:
    """Every saved query, sorted by name."""
    return [parse_saved(p) for p in sorted(directory.glob("*.rq"))]


def load_saved(name: str, directory: Path = QUERIES_DIR) -> SavedQuery:
    path = directory / f"{name}.rq"
    if not _NAME.fullmatch(name) or not path.is_file():
        known = ", ".join(q.name for q in list_saved(directory))
        raise QueryError(f"no saved query named {name!r}; available: {known}")
    return parse_saved(path)


def parse_param_args(pairs: list[str]) -> dict[str, str]:
    """`["k=v", …]` from the command line → a dict; `?k=v` is accepted too."""
    out: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        key = key.strip().lstrip("?")
        if not sep or not re.fullmatch(r"\w+", key):
            raise QueryError(f"--param {pair!r}: expected NAME=VALUE")
        out[key] = value
    return out


# --- graphs -------------------------------------------------------------------------------------------------------


# --- parameters ---------------------------------------------------------------------------------------------------

_FA_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")


def date_term(value: str) -> ox.Literal:
    """`YYYY-MM-DD` (Persian digits accepted) as xsd:date; a year below 1700 is read as Jalali (Solar Hijri)."""
    v = value.strip().translate(_FA_DIGITS).replace("/", "-")
    m = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", v)
    if not m:
        raise QueryError(f"{value!r} is not a date: expected YYYY-MM-DD")
    y, mo, d = (int(g) for g in m.groups())
    try:
        if y < 1700:
            import jdatetime

            g = jdatetime.date(y, mo, d).togregorian()
        else:
            from datetime import date

            g = date(y, mo, d)
    except ValueError as exc:
        raise QueryError(f"{value!r} is not a valid date: {exc}") from exc
    return ox.Literal(g.isoformat(), datatype=ox.NamedNode(XSD + "date"))


def iri_term(value: str) -> ox.NamedNode:
    """A full IRI, `<IRI>`, or a prefixed name with one of the known prefixes."""
    v = value.strip().strip("<>")
    prefix, sep, local = v.partition(":")
    if sep and prefix in PREFIXES and not local.startswith("//"):
        v = PREFIXES[prefix] + local
    if not re.fullmatch(r"[a-zA-Z][\w+.-]*:[^\s<>\"{}|\\^`]*", v):
        raise QueryError(f"{value!r} is not an IRI")
    return ox.NamedNode(v)


def entity_terms(store: ox.Store, value: str) -> list[ox.NamedNode]:
    """An entity given as IRI or prefixed name, or by one of its names (every node so named).

    A name is looked up as written in Persian, English or untagged first (an index lookup; dipkg writes names so);
    only when no node has it so is every language and datatype tried (a scan of all names, slow on large graphs)."""
    v = value.strip()
    if v.startswith("<") or re.match(r"[a-zA-Z][\w+.-]*:\S", v):
        return [iri_term(v)]
    forms = " ".join(str(t) for t in (ox.Literal(v, language="fa"), ox.Literal(v, language="en"), ox.Literal(v)))
    q = (PREFIX_BLOCK + f"SELECT DISTINCT ?e WHERE {{ VALUES ?n {{ {forms} }} "
         "{ ?e schema:name ?n } UNION { ?e schema:alternateName ?n } } ORDER BY ?e")
    found = [s["e"] for s in store.query(q)]
    if not found:
        q = (PREFIX_BLOCK + "SELECT DISTINCT ?e ?name WHERE { { ?e schema:name ?n } "
             "UNION { ?e schema:alternateName ?n } FILTER(STR(?n) = ?name) } ORDER BY ?e")
        found = [s["e"] for s in store.query(q, substitutions={ox.Variable("name"): ox.Literal(v)})]
    if not found:
        raise QueryError(f"no entity named {v!r} in the graph (give its IRI, or a name it has)")
    return found


def to_terms(store: ox.Store, param: Param, value: str) -> list[ox.NamedNode | ox.Literal]:
    if param.type == "entity":
        return list(entity_terms(store, value))
    if param.type == "iri":
        return [iri_term(value)]
    if param.type == "date":
        return [date_term(value)]
    if param.type == "integer":
        if not re.fullmatch(r"[+-]?\d+", value.strip().translate(_FA_DIGITS)):
            raise QueryError(f"?{param.name}: {value!r} is not an integer")
        return [ox.Literal(value.strip().translate(_FA_DIGITS), datatype=ox.NamedNode(XSD + "integer"))]
    return [ox.Literal(value)]


def bind(store: ox.Store, params: list[Param], values: dict[str, str]) -> dict[ox.Variable, Term]:
    """The terms for the given parameters, checked against the declared `params`."""
    declared = {p.name: p for p in params}
    unknown = sorted(set(values) - set(declared))
    if unknown:
        names = ", ".join(f"?{n}" for n in declared) or "none"
        raise QueryError(f"unknown parameter(s) {', '.join('?' + n for n in unknown)}; this query takes: {names}")
    missing = [p.name for p in params if not p.optional and p.name not in values]
    if missing:
        raise QueryError(f"missing parameter(s): {', '.join('?' + n for n in missing)} (use --param NAME=VALUE)")
    out: dict[ox.Variable, Term] = {}
    for name in sorted(values):
        terms = to_terms(store, declared[name], values[name])
        if len(terms) > 1:
            raise QueryError(f"?{name}: {values[name]!r} names {len(terms)} nodes ({', '.join(str(t) for t in terms)});"
                             " give one IRI")
        out[ox.Variable(name)] = terms[0]
    return out


def inline_values(text: str, subs: dict[ox.Variable, Term]) -> str:
    """The query text with an inline `VALUES` block opening each of its WHERE groups: the query's own and every
    sub-SELECT's (terms serialised by pyoxigraph, with escaping; never the user's text; the groups found by
    `kg.sparql.bind`, which reads the query's tokens, so a "WHERE {" in a string or comment is left alone). A
    parameter is thus one value everywhere in the query: filters of the top-level group see it, and so does a
    sub-SELECT (which, by SPARQL's bottom-up evaluation, sees nothing of the outer query). A sub-SELECT that does not
    use a parameter gets a local binding that it does not project, which changes nothing. The same text runs on any
    SPARQL 1.1 endpoint."""
    if not subs:
        return text
    return insert_values(text, " ".join(f"VALUES ?{v.value} {{ {t} }}" for v, t in subs.items()))


def adhoc_params(text: str, values: dict[str, str]) -> list[Param]:
    """Parameters of an ad-hoc query: every given name must be a variable of the query; typed by its form."""
    out = []
    for name, value in values.items():
        if not re.search(rf"[?$]{name}\b", text):
            raise QueryError(f"?{name} does not occur in the query")
        kind = "date" if re.fullmatch(r"[\d۰-۹]{4}-[\d۰-۹]{1,2}-[\d۰-۹]{1,2}", value) else (
            "iri" if re.match(r"<|[a-zA-Z][\w+.-]*:\S", value) else "string")
        out.append(Param(name, kind, True, ""))
    return out


# --- running ------------------------------------------------------------------------------------------------------


def with_prefixes(text: str) -> str:
    """The query with the project's prefixes declared first (a query's own PREFIX lines still win)."""
    return PREFIX_BLOCK + text


def run(store: ox.Store, text: str, limit: int | None = None) -> Result:
    """Run a SPARQL query over the default graph (the union of all graphs, as a set: see `open_graph`); syntax
    errors become QueryError with the parser's words."""
    try:
        raw = store.query(text, prefixes=PREFIXES)
        return collect(raw, limit)
    except SyntaxError as exc:
        raise QueryError(f"SPARQL syntax error: {exc}") from exc
    except OSError as exc:
        raise QueryError(f"query failed: {exc}") from exc


def run_saved(store: ox.Store, name: str, values: dict[str, str] | None = None,
              directory: Path = QUERIES_DIR) -> Result:
    return run(store, bound_text(store, load_saved(name, directory), values))


def bound_text(store: ox.Store, q: SavedQuery, values: dict[str, str] | None = None) -> str:
    """The saved query's text with its parameters bound: what `run_saved` runs."""
    return inline_values(q.text, bind(store, q.params, values or {}))
