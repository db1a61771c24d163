"""The W3C RDF 1.1 suites (Turtle, TriG, N-Triples, N-Quads, RDF/XML; tests/w3c/rdf/, see tests/w3c/README.md)
through `kg export` to every format (JSON-LD both compacted, the default, and expanded) and back: each positive
syntax and evaluation case passes (the graph read back by pyoxigraph is isomorphic to the expected one) or is
refused with a one-line message; the harness is tests/w3c_rdf.py."""

from collections import Counter

import pytest
from w3c_rdf import FORMATS, cases, run

CASES = cases()


def test_the_suites_are_all_there():
    """657 positive cases: Turtle 132 eval + 77 syntax, TriG 136 + 96, N-Triples 41, N-Quads 53, RDF/XML 122 eval."""
    assert Counter(c.suite for c in CASES) == {"turtle": 209, "trig": 232, "ntriples": 41, "nquads": 53,
                                               "rdf-xml": 122}


# What the writers refuse, and why: JSON-LD readers drop a triple whose IRI is not a valid RFC 3987 IRI, and
# these two cases (read as Turtle/TriG, where the grammar takes it) have one with U+E01EF.
# RDF/XML with an XML literal is refused for every format: pyoxigraph's RDF/XML reader does not canonicalise it.
REFUSED = {(fmt, f"{suite}/localName_with_assigned_nfc_PN_CHARS_BASE_character_boundaries")
           for fmt in ("jsonld", "jsonld-expanded") for suite in ("turtle", "trig")} | {
    (fmt, f"rdf-xml/{name}") for fmt in FORMATS
    for name in ("xml-canon-test001", "rdf-containers-syntax-vs-schema-test004")}


@pytest.mark.parametrize("fmt", sorted(FORMATS))
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_case_through_export(case, fmt, tmp_path):
    outcome, detail = run(case, fmt, tmp_path)
    if (fmt, case.id) in REFUSED:
        assert outcome == "refused", detail
        assert ("cannot be written as JSON-LD" in detail and "RFC 3987" in detail) or "XML literal" in detail
    else:
        assert outcome == "pass", detail
