"""The closed dip: vocabulary (kg.graph.vocab.DIP) and ontology/dipkg.ttl define the same terms."""

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SKOS

from kg.graph.vocab import CAMEO, DIP, ONTOLOGY_DIR
from kg.model import EVENT_TYPES, MODALITIES, PRECISIONS, ROLES

NS = str(DIP._NS)


def ontology_terms() -> set[str]:
    g = Graph().parse(ONTOLOGY_DIR / "dipkg.ttl")
    nodes = {n for t in g for n in t if isinstance(n, URIRef) and str(n).startswith(NS)}
    return {str(n)[len(NS):] for n in nodes if (n, RDF.type, None) in g}


def test_every_ontology_term_is_in_DIP():
    """A term defined in dipkg.ttl but missing from DIP would be unusable (DIP fails on unknown names)."""
    assert ontology_terms() - set(DIP.__annotations__) == set()


def test_every_DIP_term_is_defined_in_the_ontology():
    """A DIP name the ontology does not define would mint IRIs nobody can look up."""
    assert set(DIP.__annotations__) - ontology_terms() == set()


def test_every_ontology_subject_in_dip_is_typed():
    """Every dip: term used as a subject has an rdf:type (so the sync check above sees it)."""
    g = Graph().parse(ONTOLOGY_DIR / "dipkg.ttl")
    untyped = {s for s in g.subjects() if str(s).startswith(NS) and (s, RDF.type, None) not in g}
    assert untyped == set()


@pytest.mark.parametrize("name", ["Visit", "ForeignMinister", "Planned", "Day", "accreditedTo", "defaultCameo"])
def test_known_terms_resolve(name):
    """Known terms resolve to IRIs in the dip: namespace."""
    assert str(getattr(DIP, name)) == NS + name


@pytest.mark.parametrize("name", ["Vist", "foreignMinister", "Rumoured", "hasActor"])
def test_misspelt_terms_fail(name):
    """A misspelt term is an error, not a new IRI."""
    with pytest.raises(AttributeError):
        getattr(DIP, name)


def test_model_lists_are_covered_by_the_ontology():
    """Every event type, role, modality and precision of kg.model has its dip: term."""
    assert set(EVENT_TYPES + ROLES + MODALITIES + PRECISIONS) <= set(DIP.__annotations__)


def test_every_event_class_has_a_default_cameo_concept():
    """Each of the twelve event classes maps to a CAMEO concept that cameo.ttl defines."""
    from kg.graph.rdf import default_cameo

    cameo = Graph().parse(ONTOLOGY_DIR / "cameo.ttl")
    got = default_cameo()
    assert set(got) == set(EVENT_TYPES)
    assert got == {"Visit": "042", "Meeting": "040", "PhoneCall": "041", "Statement": "010", "Attack": "180",
                   "MissionSuspension": "161", "MissionResumption": "050", "LegalProceeding": "173",
                   "Summons": "111", "Expulsion": "174", "Appointment": "010", "Agreement": "057"}
    for code in got.values():
        assert (CAMEO[code], RDF.type, SKOS.Concept) in cameo


def test_cameo_concepts_are_complete_and_rooted():
    """Every CAMEO concept has label@en, notation equal to its code, the scheme, and a two-digit root."""
    g = Graph().parse(ONTOLOGY_DIR / "cameo.ttl")
    concepts = set(g.subjects(RDF.type, SKOS.Concept))
    codes = {str(c)[len(str(CAMEO)):] for c in concepts}
    assert codes == {"01", "02", "03", "04", "05", "11", "16", "17", "18", "19", "010", "012", "013", "018", "020",
                     "036", "040", "041", "042", "043", "044", "046", "050", "057", "111", "161", "173", "174",
                     "180", "183", "186", "190"}
    for c in concepts:
        code = str(c)[len(str(CAMEO)):]
        assert str(g.value(c, SKOS.notation)) == code
        assert g.value(c, SKOS.prefLabel).language == "en"
        assert g.value(c, SKOS.inScheme) == CAMEO.CAMEO
        if len(code) == 3:
            assert g.value(c, SKOS.broader) == CAMEO[code[:2]]
