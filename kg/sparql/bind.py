"""Where a query's parameters are bound: the group of each WHERE clause, found by reading the query's tokens.

`kg.sparql.query.inline_values` binds parameters with a `VALUES` block (RDF terms serialised by pyoxigraph) that
opens the group pattern of the query's WHERE clause and of every sub-SELECT's. Oxigraph's own initial bindings
(`substitutions`) only take variables of the SELECT projection, and parameters are mostly not projected, so VALUES
it is; its place is found here by a lexer that skips strings, IRIs and comments, so a `WHERE {` inside a literal
("… WHERE { …") is never taken for the clause, and a query without the optional keyword WHERE
(`SELECT ?x { … }`, `ASK { … }`, `CONSTRUCT WHERE { … }`, `DESCRIBE ?x`) is bound too.
"""

from __future__ import annotations

import re

from kg.errors import QueryError

# Tokens that may hold braces or keywords without being them, and those that matter. Order matters: long strings
# before short ones, IRIs before the '<' operator.
_TOKEN = re.compile(r'''
    (?P<skip>
        \#[^\n]*                                       # comment
      | """(?:[^"\\]|\\.|"(?!""))*"""                  # long strings
      | \'\'\'(?:[^'\\]|\\.|'(?!''))*\'\'\'
      | "(?:[^"\\\n]|\\.)*"                            # strings
      | '(?:[^'\\\n]|\\.)*'
      | <[^<>"{}|^`\\\x00-\x20]*>                      # IRIs
      | [?$][\w\u00b7\u0300-\u036f\u203f-\u2040]+      # variables (?select is not SELECT)
      | [\w.-]*:[\w.:%-]*                              # prefixed names (dip:select is not SELECT)
    )
  | (?P<word>[A-Za-z]+)
  | (?P<brace>[{}])
''', re.VERBOSE)
FORMS = {"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"}


def where_groups(text: str) -> tuple[list[int], bool]:
    """Offsets just after the `{` opening each WHERE clause's group (the query's and each sub-SELECT's), and
    whether the query is a DESCRIBE without any (then the caller adds `WHERE { … }` at its end)."""
    out: list[int] = []
    waiting: list[str] = []  # query forms whose WHERE group is still to come
    seen_where = False
    describe_without = False
    for m in _TOKEN.finditer(text):
        if m.group("skip"):
            continue
        word = (m.group("word") or "").upper()
        if word in FORMS:
            waiting.append(word)
            seen_where = False
        elif word == "WHERE":
            seen_where = True
        elif m.group("brace") == "{" and waiting:
            form = waiting[-1]
            if form == "CONSTRUCT" and not seen_where:
                waiting[-1] = "CONSTRUCT-TEMPLATE"  # the template's braces; the WHERE group follows it
                continue
            if form == "CONSTRUCT-TEMPLATE":
                continue
            waiting.pop()
            out.append(m.end())
        elif m.group("brace") == "}" and waiting and waiting[-1] == "CONSTRUCT-TEMPLATE":
            waiting[-1] = "CONSTRUCT"
            seen_where = False
    if waiting and waiting[-1] == "DESCRIBE" and not out:
        describe_without = True
    return out, describe_without


def insert_values(text: str, block: str) -> str:
    """`text` with ` BLOCK ` right inside each WHERE group (see `where_groups`)."""
    spots, describe_without = where_groups(text)
    if describe_without:
        return f"{text.rstrip()}\nWHERE {{ {block} }}"
    if not spots:
        raise QueryError("cannot bind parameters: no WHERE clause found in the query")
    parts, last = [], 0
    for at in spots:
        parts += [text[last:at], f" {block} "]
        last = at
    parts.append(text[last:])
    return "".join(parts)
