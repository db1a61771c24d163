"""Turtle from N-Triples lines, as text: what `kg build` writes graph.ttl with.

    turtle(lines, prefixes) -> bytes
    dipkg_turtle(lines) -> bytes      with the project's prefixes (what graph.ttl and `kg export` use)

The lines come grouped by subject (each article's lines sorted, then the entities'), so the writer only has to
abbreviate: a repeated subject continues with ';', a repeated predicate with ',', IRIs in a known namespace become
prefixed names when their local part is a plain name, rdf:type becomes 'a'. N-Triples terms are valid Turtle as
they are (IRIs, and literals with their escapes), so nothing else is rewritten. On a million triples this is
several times faster than parsing the lines into pyoxigraph objects and serialising them again (the time goes
into making one Python object per term), and the output is the same graph: tests/test_turtle.py parses it back.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from kg.graph.vocab import PREFIXES

RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
# A local part written as a prefixed name; anything else (slashes, '#', '=', ',', %-escapes) stays an IRI.
_LOCAL = re.compile(r"[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_-])?")


class _Names:
    """IRI → prefixed name (or the IRI as it is), remembered."""

    def __init__(self, prefixes: dict[str, str]):
        self.spaces = sorted(((ns, p) for p, ns in prefixes.items()), key=lambda x: -len(x[0]))
        self.made: dict[str, str] = {}

    def iri(self, term: str) -> str:
        out = self.made.get(term)
        if out is None and term.startswith("_:"):
            return term
        if out is None:
            out = term
            iri = term[1:-1]
            for ns, p in self.spaces:
                if iri.startswith(ns) and _LOCAL.fullmatch(iri[len(ns):]):
                    out = f"{p}:{iri[len(ns):]}"
                    break
            if len(self.made) < 200_000:
                self.made[term] = out
        return out

    def pred(self, term: str) -> str:
        return "a" if term == RDF_TYPE else self.iri(term)

    def obj(self, term: str) -> str:
        if term.startswith(("<", "_:")):
            return self.iri(term)
        k = term.rfind('"')
        if term.startswith("^^<", k + 1):
            return term[:k + 3] + self.iri(term[k + 3:])
        return term


def turtle(lines: Iterable[str], prefixes: dict[str, str]) -> bytes:
    """The N-Triples `lines` (each 'S P O .' and a newline) as Turtle, with `prefixes` (the @prefix lines sorted).
    Blank nodes are written with their labels, as they are."""
    names = _Names(prefixes)
    done: list[bytes] = []  # encoded every so many lines: the text is never held twice whole
    out: list[str] = [f"@prefix {p}: <{ns}> .\n" for p, ns in sorted(prefixes.items())]
    out.append("\n")
    last_s = last_p = None
    for line in lines:
        i = line.index(" ")  # the subject: an IRI or a blank node label, neither holds a space
        s = line[:i]
        j = line.index("> ", i + 1) + 1
        p = line[i + 1:j]
        o = line[j + 1:-3] if line.endswith(" .\n") else line[j + 1:].rstrip().removesuffix(".").rstrip()
        if s == last_s:
            if p == last_p:
                out.append(f" , {names.obj(o)}")
            else:
                out.append(f" ;\n\t{names.pred(p)} {names.obj(o)}")
        else:
            if last_s is not None:
                out.append(" .\n")
            out.append(f"{names.iri(s)} {names.pred(p)} {names.obj(o)}")
        last_s, last_p = s, p
        if len(out) >= 65536:
            done.append("".join(out).encode("utf-8"))
            out.clear()
    if last_s is not None:
        out.append(" .\n")
    done.append("".join(out).encode("utf-8"))
    return b"".join(done)


def dipkg_turtle(lines: Iterable[str]) -> bytes:
    """`turtle` with the project's prefixes (`kg.graph.vocab.PREFIXES`) but id:: minted IRIs are written whole, their
    local parts ('article/ID/text#char=3,9') would need escapes as prefixed names."""
    return turtle(lines, {k: str(v) for k, v in PREFIXES.items() if k != "id"})
