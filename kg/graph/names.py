"""The one table of each name dipkg graphs use (plain strings: importing this loads neither rdflib nor a parser).

    NAMESPACES        prefix -> namespace IRI, every namespace dipkg writes or reads
    GRAPH_PREFIXES    the prefixes bound on every graph dipkg writes and offered to every query, in this order
    EVENT_TYPES       local names of the dip: event classes (kg.model)
    ENTITY_CLASSES    entity kind -> its core class (CONTRACT.md), in the order that decides between two
    RDF_FORMATS       graph file extension -> format name (rdflib's parser names; `ox_format` gives pyoxigraph's)

kg.graph.vocab builds rdflib namespaces from these; kg.analyze, kg.report and kg.sparql read them as strings.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from kg.errors import InputError
from kg.model import EVENT_TYPES

__all__ = ["ENTITY_CLASSES", "EVENT_TYPES", "GRAPH_PREFIXES", "NAMESPACES", "RDF_FORMATS", "file_format",
           "ox_format"]

NAMESPACES: dict[str, str] = {
    "dip": "https://w3id.org/dipkg/ontology#",
    "id": "https://w3id.org/dipkg/id/",
    "cameo": "https://w3id.org/dipkg/cameo/",
    "schema": "https://schema.org/",
    "org": "http://www.w3.org/ns/org#",
    "sem": "http://semanticweb.cs.vu.nl/2009/11/sem/",
    "prov": "http://www.w3.org/ns/prov#",
    "nif": "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#",
    "itsrdf": "http://www.w3.org/2005/11/its/rdf#",
    "time": "http://www.w3.org/2006/time#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "wd": "http://www.wikidata.org/entity/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "sh": "http://www.w3.org/ns/shacl#",
    "dsh": "https://w3id.org/dipkg/shapes#",
}
GRAPH_PREFIXES = ("dip", "id", "cameo", "schema", "org", "sem", "prov", "nif", "itsrdf", "time", "skos", "wd",
                  "rdf", "rdfs", "xsd", "owl")

DIP, SCHEMA = NAMESPACES["dip"], NAMESPACES["schema"]
ENTITY_CLASSES: dict[str, str] = {
    "Country": SCHEMA + "Country", "City": SCHEMA + "City", "Region": SCHEMA + "AdministrativeArea",
    "Person": SCHEMA + "Person", "Organization": SCHEMA + "Organization", "Mission": DIP + "DiplomaticMission",
}

RDF_FORMATS: dict[str, str] = {
    ".ttl": "turtle", ".turtle": "turtle", ".nt": "nt", ".ntriples": "nt", ".trig": "trig", ".nq": "nquads",
    ".nquads": "nquads", ".jsonld": "json-ld", ".json": "json-ld", ".rdf": "xml", ".owl": "xml",
}
_OX = {"turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "trig": ox.RdfFormat.TRIG,
       "nquads": ox.RdfFormat.N_QUADS, "json-ld": ox.RdfFormat.JSON_LD, "xml": ox.RdfFormat.RDF_XML}


def file_format(path: str | Path) -> str:
    """The format name of a graph file, by its extension (InputError naming the file if it has none of ours)."""
    path = Path(path)
    fmt = RDF_FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise InputError(str(path), f"unknown graph file extension {path.suffix or '(none)'!r}; "
                         f"use one of {', '.join(sorted(RDF_FORMATS))}")
    return fmt


def ox_format(fmt: str) -> ox.RdfFormat:
    """pyoxigraph's format for a format name of `RDF_FORMATS`."""
    return _OX[fmt]
