"""A VoID description of the graph (void.ttl), with IRIs rather than blank nodes for partitions."""

from __future__ import annotations

import hashlib

from kg.analyze.load import DATA, PREFIXES
from kg.analyze.output import Triples

VOID = "http://rdfs.org/ns/void#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
DATASET = DATA + "void/dataset"


def _slug(iri: str) -> str:
    for k, v in sorted(PREFIXES.items()):
        rest = iri[len(v):]
        if iri.startswith(v) and rest.replace("_", "").replace("-", "").isalnum():
            return f"{k}-{rest}"
    return hashlib.sha1(iri.encode("utf-8")).hexdigest()[:12]


def void_triples(stats: dict[str, object], entities: int) -> Triples:
    """`void:Dataset` with counts, one class partition per class, one property partition per property."""
    t = Triples()
    t.add(DATASET, RDF_TYPE, VOID + "Dataset")
    t.add(DATASET, VOID + "triples", stats["triples"])
    t.add(DATASET, VOID + "entities", entities)
    t.add(DATASET, VOID + "classes", len(stats["classes"]))
    t.add(DATASET, VOID + "properties", len(stats["properties"]))
    t.add(DATASET, VOID + "distinctSubjects", stats["distinct_subjects"])
    t.add(DATASET, VOID + "distinctObjects", stats["distinct_objects"])
    t.add(DATASET, VOID + "uriSpace", DATA + "")
    for cls, n in stats["classes"].items():
        part = f"{DATASET}/class/{_slug(cls)}"
        t.add(DATASET, VOID + "classPartition", part)
        t.add(part, VOID + "class", cls)
        t.add(part, VOID + "entities", n)
    for prop, n in stats["properties"].items():
        part = f"{DATASET}/property/{_slug(prop)}"
        t.add(DATASET, VOID + "propertyPartition", part)
        t.add(part, VOID + "property", prop)
        t.add(part, VOID + "triples", n)
    return t


def void_turtle(stats: dict[str, object], entities: int) -> str:
    """void.ttl: the triples of `void_triples`, sorted, as Turtle."""
    t = void_triples(stats, entities)
    head = f"@prefix void: <{VOID}> .\n@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n\n"
    lines = []
    for s, p, o in sorted(t.triples):
        p = f"void:{p[len(VOID) + 1:-1]}" if p.startswith(f"<{VOID}") else ("a" if p == f"<{RDF_TYPE}>" else p)
        o = f"void:{o[len(VOID) + 1:-1]}" if o.startswith(f"<{VOID}") else o
        value, sep, dt = o.rpartition("^^<http://www.w3.org/2001/XMLSchema#")
        lines.append(f"{s} {p} {value + '^^xsd:' + dt[:-1] if sep else o} .\n")
    return head + "".join(lines)
