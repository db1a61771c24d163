"""The vocabulary of dipkg graphs as rdflib namespaces, built from the one table of names (kg.graph.names).

`DIP` lists every term that `ontology/dipkg.ttl` defines, with `_fail = True`: a misspelt term is an
AttributeError, not a new IRI. `tests/test_vocab.py` keeps the list and the ontology in sync both ways. PROV, ORG,
SKOS, TIME, SCHEMA and SH are closed the same way, with the term lists of rdflib's namespaces (`PROV.wasDerivedFromm`
raises); NIF, ITSRDF, SEM, CAMEO and WD have no such list and stay open.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rdflib import Graph, Namespace
from rdflib.namespace import ORG as _ORG
from rdflib.namespace import OWL as OWL  # re-exported: kg.graph.occurrences imports RDFS from here
from rdflib.namespace import PROV as _PROV
from rdflib.namespace import RDF as RDF
from rdflib.namespace import RDFS as RDFS
from rdflib.namespace import SDO as _SDO
from rdflib.namespace import SH as _SH
from rdflib.namespace import SKOS as _SKOS
from rdflib.namespace import TIME as _TIME
from rdflib.namespace import XSD as XSD
from rdflib.namespace import DefinedNamespace
from rdflib.term import URIRef

from kg.graph.names import GRAPH_PREFIXES, NAMESPACES

ONTOLOGY_DIR = Path(__file__).resolve().parent.parent / "ontology"
ONTOLOGY_FILES = ("dipkg.ttl", "cameo.ttl")
SHAPES_FILE = ONTOLOGY_DIR / "shapes.ttl"


class DIP(DefinedNamespace):
    """dipkg ontology: event classes, diplomatic missions, roles, modalities, date precisions."""

    _fail = True
    _NS = Namespace(NAMESPACES["dip"])

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
    post: URIRef
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
            self._check(name)
            made = self._made[key] = super().term(name)
        return made

    def _check(self, name: str) -> None:
        pass

    def __getattr__(self, name: str) -> URIRef:
        if name.startswith("__"):
            raise AttributeError(name)
        return self.term(name)


class _Closed(_Terms):
    """`_Terms` limited to the terms of one of rdflib's closed namespaces (and `extra` ones it lacks): any other
    name is an AttributeError, as with rdflib's own, but each term is still made once."""

    _known: ClassVar[dict[str, frozenset[str]]] = {}

    def __new__(cls, defined: type[DefinedNamespace] | str, extra: tuple[str, ...] = ()):
        if isinstance(defined, str):  # unpickling (the table is filled at import)
            return super().__new__(cls, defined)
        ns = super().__new__(cls, str(defined._NS))
        cls._known[str(ns)] = frozenset(defined.__annotations__) | frozenset(defined._extras) | frozenset(extra)
        return ns

    def _check(self, name: str) -> None:
        if name not in self._known[str(self)]:
            raise AttributeError(f"term {name!r} not in namespace {str(self)!r}")


def _open(prefix: str) -> _Terms:
    return _Terms(NAMESPACES[prefix])


DATA = Namespace(NAMESPACES["id"])
CAMEO = _open("cameo")
SEM = _open("sem")
NIF = _open("nif")
ITSRDF = _open("itsrdf")
ORG = _Closed(_ORG)  # W3C ORG has no Membership -> Post term: that link is dip:post (ontology/dipkg.ttl)
PROV = _Closed(_PROV)
SKOS = _Closed(_SKOS)
TIME = _Closed(_TIME)
WD = Namespace(NAMESPACES["wd"])
SCHEMA = _Closed(_SDO, extra=("PoliticalParty",))  # rdflib's schema.org list predates schema:PoliticalParty
SH = _Closed(_SH)
DSH = Namespace(NAMESPACES["dsh"])

# Prefixes bound on every graph we write, in this order (the serialiser sorts them anyway).
_BY_PREFIX = {"dip": DIP._NS, "id": DATA, "cameo": CAMEO, "schema": SCHEMA, "org": ORG, "sem": SEM, "prov": PROV,
              "nif": NIF, "itsrdf": ITSRDF, "time": TIME, "skos": SKOS, "wd": WD}
PREFIXES: dict[str, Namespace] = {p: _BY_PREFIX.get(p) or Namespace(NAMESPACES[p]) for p in GRAPH_PREFIXES}


def bind_prefixes(g: Graph) -> Graph:
    """Bind the project's prefixes on `g` (replacing any other binding of those prefixes) and return it."""
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns, override=True, replace=True)
    return g
