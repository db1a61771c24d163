"""Export: every format round-trips to an isomorphic graph, output is stable, named graphs survive TriG/N-Quads;
`kg validate` and `kg export` commands map results to output and exit codes."""

import argparse
from pathlib import Path

import pytest
from rdf_sample import sample_extraction
from rdflib import Dataset, Graph, URIRef
from rdflib.compare import isomorphic

from kg.commands import export as export_cmd
from kg.commands import validate as validate_cmd
from kg.errors import InputError, NotConforming
from kg.graph.export import PARSERS, export, flatten, load_graph
from kg.graph.rdf import extraction_to_graph, write_graph
from kg.validate import ENGINES

SHAPES = Path(__file__).parent / "shapes"
EXT = {"ttl": ".ttl", "nt": ".nt", "trig": ".trig", "jsonld": ".jsonld", "nq": ".nq"}


@pytest.fixture
def sample_ttl(tmp_path) -> Path:
    return write_graph(extraction_to_graph(sample_extraction()), tmp_path / "sample.ttl")


@pytest.mark.parametrize("fmt", sorted(EXT))
def test_round_trip_is_isomorphic(fmt, sample_ttl, tmp_path):
    """Export to a format, parse it back: the same graph."""
    out = tmp_path / f"out{EXT[fmt]}"
    out.write_bytes(export(sample_ttl, fmt))
    assert isomorphic(flatten(load_graph(out)), Graph().parse(sample_ttl))


@pytest.mark.parametrize("fmt", sorted(EXT))
def test_export_is_stable(fmt, sample_ttl):
    """Exporting twice gives the same bytes."""
    assert export(sample_ttl, fmt) == export(sample_ttl, fmt)


@pytest.mark.parametrize("fmt", ["trig", "nq"])
def test_named_graphs_survive_quad_formats(fmt, tmp_path):
    """TriG and N-Quads keep each triple in its named graph."""
    ds = Dataset()
    for doc in ("a1", "a2"):
        g = ds.graph(URIRef(f"https://w3id.org/dipkg/id/graph/{doc}"))
        for t in extraction_to_graph(sample_extraction(doc)):
            g.add(t)
    src = tmp_path / "in.trig"
    src.write_bytes(ds.serialize(format="trig", encoding="utf-8"))
    out = tmp_path / f"out{EXT[fmt]}"
    out.write_bytes(export(src, fmt))
    back = load_graph(out)
    names = {str(c.identifier) for c in back.graphs() if len(c)}
    assert names == {"https://w3id.org/dipkg/id/graph/a1", "https://w3id.org/dipkg/id/graph/a2"}
    for c in back.graphs():
        if len(c):
            assert isomorphic(Graph() + c, Graph() + ds.graph(c.identifier))


@pytest.mark.parametrize("name, content, match", [
    ("g.xyz", "", "unknown graph file extension"),
    ("missing.ttl", None, "no such file"),
    ("broken.ttl", "<a> <b> .", "cannot parse as turtle"),
])
def test_unreadable_graph_is_an_input_error(name, content, match, tmp_path):
    """Bad extensions, missing files and syntax errors are input errors naming the file."""
    path = tmp_path / name
    if content is not None:
        path.write_text(content)
    with pytest.raises(InputError, match=match) as err:
        load_graph(path)
    assert str(path) in str(err.value)


def test_parsers_cover_every_export_format():
    """Every format kg export writes can be read back by extension."""
    assert set(EXT.values()) <= set(PARSERS)


def run(module, argv):
    p = argparse.ArgumentParser(prog="kg")
    module.add_parser(p.add_subparsers(dest="command"))
    return module.run(p.parse_args(argv))


def test_validate_command_conforming(capsys):
    """kg validate on a good graph prints that it conforms and returns 0."""
    path = SHAPES / "good" / "minimal.ttl"
    assert run(validate_cmd, ["validate", str(path)]) == 0
    assert capsys.readouterr().out == f"{path}: conforms (0 violation(s), 0 warning(s))\n"


def test_validate_command_not_conforming(capsys):
    """kg validate on a bad graph prints the violation with its sentence and raises NotConforming (exit 1)."""
    path = SHAPES / "bad" / "EventShape__bad_modality.ttl"
    with pytest.raises(NotConforming) as err:
        run(validate_cmd, ["validate", str(path)])
    assert err.value.exit_code == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("violation: EventShape: https://w3id.org/dipkg/id/event/t1/Visit-20-23 ")
    assert out[0].endswith('— text: "دارا کمانی به بستان سفر کرد."')
    assert out[1] == f"{path}: DOES NOT CONFORM (1 violation(s), 0 warning(s))"


def test_validate_command_ttl_report(capsysbinary):
    """kg validate --format ttl prints the SHACL report as Turtle."""
    with pytest.raises(NotConforming):
        run(validate_cmd, ["validate", str(SHAPES / "bad" / "EventShape__bad_modality.ttl"), "--format", "ttl"])
    report = Graph().parse(data=capsysbinary.readouterr().out.decode(), format="turtle")
    assert len(report) == 12  # report: type, conforms, result; result: 9 triples


def test_export_command_writes_file_or_stdout(sample_ttl, tmp_path, capsysbinary):
    """kg export writes the same bytes to --out as to standard output."""
    assert run(export_cmd, ["export", str(sample_ttl), "--format", "nt", "--out", str(tmp_path / "o.nt")]) == 0
    assert run(export_cmd, ["export", str(sample_ttl), "--format", "nt"]) == 0
    assert capsysbinary.readouterr().out == (tmp_path / "o.nt").read_bytes() == export(sample_ttl, "nt")


SEED_GRAPH_FORMATS = ["ttl", "nt", "trig", "nq"]


@pytest.fixture(scope="module")
def seed_ttl(tmp_path_factory) -> Path:
    from kg.build import build

    out = tmp_path_factory.mktemp("seed-export")
    return build([Path(__file__).parent.parent / "seeds"], out, report=False).files["graph"]


@pytest.mark.parametrize("fmt", [*SEED_GRAPH_FORMATS, "jsonld"])
def test_seed_export_is_the_graph_rdflib_reads(fmt, seed_ttl, tmp_path):
    """The seed's graph exported (pyoxigraph reading, sorted lines) and parsed back by rdflib is the graph rdflib
    reads from graph.ttl, and exporting the result again gives the same bytes."""
    out = tmp_path / f"out{EXT[fmt]}"
    out.write_bytes(export(seed_ttl, fmt))
    back = Dataset().parse(out, format=PARSERS[EXT[fmt]]) if fmt in ("trig", "nq", "jsonld") \
        else Graph().parse(out, format=PARSERS[EXT[fmt]])
    assert isomorphic(flatten(back), Graph().parse(seed_ttl))
    assert len(flatten(back)) > 500
    assert export(out, fmt) == out.read_bytes()


def test_fast_export_lines_are_sorted_and_quads_keep_graphs(tmp_path):
    """N-Triples out: one line per triple, sorted, duplicates across graphs merged; N-Quads out: graph names kept."""
    src = tmp_path / "in.nq"
    src.write_text('<http://x/b> <http://x/p> "ب"@fa <http://x/g2> .\n'
                   '<http://x/a> <http://x/p> "1"^^<http://www.w3.org/2001/XMLSchema#integer> <http://x/g1> .\n'
                   '<http://x/b> <http://x/p> "ب"@fa <http://x/g1> .\n'
                   '<http://x/a> <http://x/p> "دو\\n" .\n', encoding="utf-8")
    assert export(src, "nt").decode("utf-8") == (
        '<http://x/a> <http://x/p> "1"^^<http://www.w3.org/2001/XMLSchema#integer> .\n'
        '<http://x/a> <http://x/p> "دو\\n" .\n'
        '<http://x/b> <http://x/p> "ب"@fa .\n')
    assert export(src, "nq").decode("utf-8") == (
        '<http://x/a> <http://x/p> "1"^^<http://www.w3.org/2001/XMLSchema#integer> <http://x/g1> .\n'
        '<http://x/a> <http://x/p> "دو\\n" .\n'
        '<http://x/b> <http://x/p> "ب"@fa <http://x/g1> .\n'
        '<http://x/b> <http://x/p> "ب"@fa <http://x/g2> .\n')


def test_blank_nodes_get_canonical_labels_and_stay_shared_across_graphs(tmp_path):
    """Blank nodes are relabelled by RDFC-1.0 (the same bytes in every run, whatever the labels in the file); one
    blank node in two named graphs stays one node in N-Quads and TriG."""
    import pyoxigraph as ox

    src = tmp_path / "b.trig"
    src.write_text('<http://x/g1> { <http://x/a> <http://x/p> _:shared . }\n'
                   '<http://x/g2> { _:shared <http://x/q> "v" . }\n', encoding="utf-8")
    renamed = tmp_path / "c.trig"
    renamed.write_text(src.read_text(encoding="utf-8").replace("_:shared", "_:other"), encoding="utf-8")
    assert export(src, "nq").decode("utf-8") == (
        '<http://x/a> <http://x/p> _:c14n0 <http://x/g1> .\n'
        '_:c14n0 <http://x/q> "v" <http://x/g2> .\n')
    assert export(renamed, "nq") == export(src, "nq")
    trig = export(src, "trig").decode("utf-8")
    assert trig.endswith('<http://x/g1> {\n<http://x/a> <http://x/p> _:c14n0 .\n}\n\n'
                         '<http://x/g2> {\n_:c14n0 <http://x/q> "v" .\n}\n')
    back = list(ox.parse(trig, format=ox.RdfFormat.TRIG))  # rdflib's TriG reader would split the node in two
    assert back[0].object == back[1].subject and isinstance(back[0].object, ox.BlankNode)


def test_trig_prefixes_of_two_graphs_do_not_mix(tmp_path):
    """Two graphs of a TriG file binding the same prefix to two namespaces: each triple keeps its namespace (the
    output uses one set of prefixes, the project's, for every graph)."""
    src = tmp_path / "p.trig"
    src.write_text("@prefix ex: <http://one/> .\n<http://x/g1> { ex:a ex:p ex:b . }\n"
                   "@prefix ex: <http://two/> .\n<http://x/g2> { ex:a ex:p ex:b . }\n", encoding="utf-8")
    out = tmp_path / "o.trig"
    out.write_bytes(export(src, "trig"))
    assert export(out, "nq").decode("utf-8") == (
        "<http://one/a> <http://one/p> <http://one/b> <http://x/g1> .\n"
        "<http://two/a> <http://two/p> <http://two/b> <http://x/g2> .\n")


@pytest.mark.parametrize("fmt", sorted(EXT))
def test_literals_keep_their_lexical_form(fmt, tmp_path):
    """"01"^^xsd:integer and "1."^^xsd:decimal are not rewritten to "1" (three distinct triples stay three)."""
    xsd = "http://www.w3.org/2001/XMLSchema#"
    lines = (f'<http://x/a> <http://x/p> "01"^^<{xsd}integer> .\n<http://x/a> <http://x/p> "1"^^<{xsd}integer> .\n'
             f'<http://x/a> <http://x/p> "1."^^<{xsd}decimal> .\n')
    src = tmp_path / "l.nt"
    src.write_text(lines, encoding="utf-8")
    out = tmp_path / f"o{EXT[fmt]}"
    out.write_bytes(export(src, fmt))
    assert export(out, "nt").decode("utf-8") == "".join(sorted(lines.splitlines(keepends=True)))


def test_jsonld_keeps_list_order(tmp_path):
    """An RDF list comes back in its order from JSON-LD (written as its rdf:first/rdf:rest nodes, never sorted)."""
    from rdflib.collection import Collection

    src = tmp_path / "l.ttl"
    src.write_text('<http://x/a> <http://x/p> ("c" "a" "b") .\n', encoding="utf-8")
    out = tmp_path / "o.jsonld"
    out.write_bytes(export(src, "jsonld"))
    g = Graph().parse(out, format="json-ld")
    head = g.value(URIRef("http://x/a"), URIRef("http://x/p"))
    assert [str(v) for v in Collection(g, head)] == ["c", "a", "b"]


# RFC 3986 section 5.4: reference → target, against the base http://a/b/c/d;p?q
RFC3986 = [("g", "http://a/b/c/g"), ("./g", "http://a/b/c/g"), ("g/", "http://a/b/c/g/"), ("/g", "http://a/g"),
           ("//g", "http://g"), ("?y", "http://a/b/c/d;p?y"), ("g?y", "http://a/b/c/g?y"),
           ("#s", "http://a/b/c/d;p?q#s"), (";x", "http://a/b/c/;x"), ("", "http://a/b/c/d;p?q"),
           (".", "http://a/b/c/"), ("..", "http://a/b/"), ("../g", "http://a/b/g"), ("../../g", "http://a/g"),
           ("../../../g", "http://a/g"), ("/./g", "http://a/g"), ("/../g", "http://a/g"), ("g.", "http://a/b/c/g."),
           ("..g", "http://a/b/c/..g"), ("./../g", "http://a/b/g"), ("g/../h", "http://a/b/c/h"),
           ("g;x=1/../y", "http://a/b/c/y"), ("g?y/./x", "http://a/b/c/g?y/./x"), ("g#s/../x", "http://a/b/c/g#s/../x")]


def test_relative_iris_are_resolved_by_rfc3986(tmp_path):
    """--base: relative IRIs are resolved against it as RFC 3986 says (its examples, section 5.4)."""
    src = tmp_path / "r.ttl"
    src.write_text("".join(f"<{ref}> <http://x/p> {n} .\n" for n, (ref, _t) in enumerate(RFC3986)), encoding="utf-8")
    out = export(src, "nt", base="http://a/b/c/d;p?q").decode("utf-8")
    got = {int(ln.split('"')[1]): ln.split(" ")[0][1:-1] for ln in out.splitlines()}
    assert [got[n] for n in range(len(RFC3986))] == [t for _r, t in RFC3986]


def test_relative_iris_default_to_the_file_uri(tmp_path):
    """Without --base a relative IRI is resolved against the file's own URI."""
    src = tmp_path / "r.ttl"
    src.write_text("<#a> <http://x/p> <../b> .\n", encoding="utf-8")
    assert export(src, "nt").decode("utf-8") == \
        f"<{src.as_uri()}#a> <http://x/p> <{tmp_path.parent.as_uri()}/b> .\n"


@pytest.mark.parametrize("fmt", sorted(EXT))
def test_line_break_characters_in_literals(fmt, tmp_path):
    """VT, FF, FS, NEL, U+2028, U+2029 in literals (legal in RDF): every format parses back, in pyoxigraph and
    rdflib, to the same graph."""
    import pyoxigraph as ox

    text = "الف\x0bب\x0cپ\x1cت\x85ث\u2028ج\u2029چ"
    src = tmp_path / "in.nt"
    src.write_text(f'<http://x/a> <http://x/p> "{text}"@fa .\n', encoding="utf-8")
    out = tmp_path / f"o{EXT[fmt]}"
    out.write_bytes(export(src, fmt))
    fmts = {"ttl": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "trig": ox.RdfFormat.TRIG,
            "nq": ox.RdfFormat.N_QUADS, "jsonld": ox.RdfFormat.JSON_LD}
    assert [q.object.value for q in ox.parse(path=str(out), format=fmts[fmt])] == [text]
    back = Dataset().parse(out, format=PARSERS[EXT[fmt]])
    assert [str(o) for _s, _p, o, _g in back.quads((None, None, None, None))] == [text]


@pytest.mark.parametrize("data", ['<http://x/a> <http://x/p> <<( <http://x/s> <http://x/p> <http://x/o> )>> .\n',
                                  '<http://x/a> <http://x/p> "x"@ar--rtl .\n'])
def test_rdf12_input_is_refused_clearly(data, tmp_path, capsys):
    """RDF 1.2 triple terms and directional strings: exit 2 with a message naming the file, no output."""
    from kg.cli import main

    src = tmp_path / "t.nt"
    src.write_text(data, encoding="utf-8")
    assert main(["export", str(src), "--format", "ttl", "--out", str(tmp_path / "o.ttl")]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"kg export: error: {src}: holds an RDF 1.2 ") and err.count("\n") == 1
    assert not (tmp_path / "o.ttl").exists()


@pytest.mark.parametrize("path", sorted((SHAPES / "bad").glob("*.ttl")) + sorted((SHAPES / "good").glob("*.ttl")),
                         ids=lambda p: p.name)
def test_validate_turbo_reads_with_pyoxigraph_same_output(path, capsys):
    """`kg validate --validator turbo` reads the file with pyoxigraph; it prints exactly what pySHACL's path
    (rdflib reading, pySHACL validating) prints, line for line, on good and broken graphs."""
    from kg.commands.validate import read_and_validate_turbo

    assert read_and_validate_turbo(path) is not None
    outs = []
    for engine in ("turbo", "pyshacl"):
        try:
            code = run(validate_cmd, ["validate", str(path), "--validator", engine])
        except NotConforming:
            code = 1
        outs.append((code, capsys.readouterr().out))
    assert outs[0] == outs[1]
    assert outs[0][1].count("\n") >= 1


def test_remote_jsonld_context_is_refused_without_network(tmp_path):
    """A JSON-LD file naming a remote @context: refused with a message saying why, nothing fetched."""
    src = tmp_path / "r.jsonld"
    src.write_text('{"@context": "https://schema.org/", "@id": "http://x/a", "name": "n"}', encoding="utf-8")
    with pytest.raises(InputError, match="remote @context, which kg does not fetch"):
        export(src, "nt")


def test_validate_reads_jsonld_and_names_a_parse_error(tmp_path, capsys):
    """Both engines read every format with pyoxigraph (JSON-LD too); a syntax error names the file and line."""
    from kg.commands.validate import read_and_validate_turbo

    bad = tmp_path / "bad.ttl"
    bad.write_text("<http://x/a> <http://x/p> .\n", encoding="utf-8")
    for engine in ENGINES:
        with pytest.raises(InputError, match=r"bad\.ttl:1: cannot parse as turtle: Parser error at line 1"):
            run(validate_cmd, ["validate", str(bad), "--validator", engine])
    good = tmp_path / "good.jsonld"
    good.write_bytes(export(SHAPES / "good" / "minimal.ttl", "jsonld"))
    assert read_and_validate_turbo(good).conforms
    assert run(validate_cmd, ["validate", str(good)]) == 0
