"""The vocabulary of dipkg graphs: the closed `dip:` namespace and the other namespaces of CONTRACT.md.

`DIP` lists every term that `ontology/dipkg.ttl` defines, with `_fail = True`: a misspelt term is an
AttributeError, not a new IRI. `tests/test_vocab.py` keeps the list and the ontology in sync both ways.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rdflib import Graph, Namespace
from rdflib.namespace import OWL, RDF, RDFS, XSD, DefinedNamespace
from rdflib.term import URIRef

ONTOLOGY_DIR = Path(__file__).resolve().parent.parent / "ontology"
ONTOLOGY_FILES = ("dipkg.ttl", "cameo.ttl")
SHAPES_FILE = ONTOLOGY_DIR / "shapes.ttl"


class DIP(DefinedNamespace):
    """dipkg ontology: event classes, diplomatic missions, roles, modalities, date precisions."""

    _fail = True
    _NS = Namespace("https://w3id.org/dipkg/ontology#")

    # classes
    Event: URIRef
    Visit: URIRef
    Meeting: URIRef
    PhoneCall: URIRef
    Statement: URIRef
    Attack: URIRef
    MissionSuspension: URIRef
    MissionResumption: URIRef
    LegalProceeding: URIRef
    Summons: URIRef
    Expulsion: URIRef
    Appointment: URIRef
    Agreement: URIRef
    DiplomaticMission: URIRef
    IntergovernmentalOrganization: URIRef
    RegionalFormat: URIRef
    Court: URIRef
    Parliament: URIRef
    Modality: URIRef
    DatePrecision: URIRef
    EventReport: URIRef

    # concept schemes
    Roles: URIRef
    Modalities: URIRef
    Precisions: URIRef

    # roles (kg.model.ROLES)
    HeadOfState: URIRef
    HeadOfGovernment: URIRef
    ForeignMinister: URIRef
    DeputyForeignMinister: URIRef
    Spokesperson: URIRef
    Ambassador: URIRef
    Minister: URIRef
    Official: URIRef

    # modalities (kg.model.MODALITIES)
    Planned: URIRef
    Hoped: URIRef
    Demanded: URIRef
    Negated: URIRef
    Hypothetical: URIRef

    # date precisions (kg.model.PRECISIONS)
    Day: URIRef
    Month: URIRef
    Year: URIRef

    # properties
    country: URIRef
    accreditedTo: URIRef
    attestedOn: URIRef
    modality: URIRef
    datePrecision: URIRef
    dateAsStated: URIRef
    dateProblem: URIRef
    dateNote: URIRef
    dateSpan: URIRef
    confidence: URIRef
    source: URIRef
    target: URIRef
    sender: URIRef
    host: URIRef
    publishedHow: URIRef
    byRole: URIRef
    mentionHow: URIRef
    defaultCameo: URIRef
    # occurrences and their reports (kg.graph.occurrences)
    reportCount: URIRef
    outletCount: URIRef
    hasReport: URIRef
    reportOf: URIRef
    inArticle: URIRef
    reportedType: URIRef
    reportedActor: URIRef
    reportedSource: URIRef
    reportedTarget: URIRef
    reportedPlace: URIRef
    reportedEarliest: URIRef
    reportedLatest: URIRef
    conflictsOn: URIRef


class _Terms(Namespace):
    """A Namespace that makes each of its terms once (rdflib's makes and checks a new URIRef on every access,
    a measurable part of building a graph)."""

    _made: ClassVar[dict[tuple[str, str], URIRef]] = {}

    def term(self, name: str) -> URIRef:
        key = (str(self), name)
        made = self._made.get(key)
        if made is None:
            made = self._made[key] = super().term(name)
        return made

    def __getattr__(self, name: str) -> URIRef:
        if name.startswith("__"):
            raise AttributeError(name)
        return self.term(name)


DATA = Namespace("https://w3id.org/dipkg/id/")
CAMEO = _Terms("https://w3id.org/dipkg/cameo/")
SEM = _Terms("http://semanticweb.cs.vu.nl/2009/11/sem/")
NIF = _Terms("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
ITSRDF = _Terms("http://www.w3.org/2005/11/its/rdf#")
ORG = _Terms("http://www.w3.org/ns/org#")
PROV = _Terms("http://www.w3.org/ns/prov#")
SKOS = _Terms("http://www.w3.org/2004/02/skos/core#")
TIME = Namespace("http://www.w3.org/2006/time#")
WD = Namespace("http://www.wikidata.org/entity/")
SCHEMA = _Terms("https://schema.org/")
SH = Namespace("http://www.w3.org/ns/shacl#")
DSH = Namespace("https://w3id.org/dipkg/shapes#")

# Prefixes bound on every graph we write, in this order (the serialiser sorts them anyway).
PREFIXES: dict[str, Namespace] = {
    "dip": Namespace(str(DIP._NS)), "id": DATA, "cameo": CAMEO, "schema": SCHEMA, "org": ORG, "sem": SEM,
    "prov": PROV, "nif": NIF, "itsrdf": ITSRDF, "time": TIME, "skos": SKOS, "wd": WD,
    "rdf": Namespace(str(RDF)), "rdfs": Namespace(str(RDFS)), "xsd": Namespace(str(XSD)),
    "owl": Namespace(str(OWL)),
}


def bind_prefixes(g: Graph) -> Graph:
    """Bind the project's prefixes on `g` (replacing any other binding of those prefixes) and return it."""
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns, override=True, replace=True)
    return g
