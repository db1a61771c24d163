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
from kg.graph.write import canonical_format as canonical
from kg.graph.write import serialize

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


@pytest.mark.parametrize("fmt", SEED_GRAPH_FORMATS)
def test_fast_export_is_the_same_graph_as_rdflibs(fmt, seed_ttl, tmp_path):
    """The seed's graph (no blank nodes) is exported through pyoxigraph and sorted lines; parsed back it is the graph
    rdflib's own export gives, and a second export of the result gives the same bytes again."""
    from kg.graph.export import _export_lines

    fast = _export_lines(Path(seed_ttl), canonical(fmt))
    assert fast is not None
    slow = serialize(load_graph(seed_ttl) if fmt in ("trig", "nq") else flatten(load_graph(seed_ttl)), fmt)
    a, b = tmp_path / f"fast{EXT[fmt]}", tmp_path / f"slow{EXT[fmt]}"
    a.write_bytes(fast)
    b.write_bytes(slow)
    assert isomorphic(flatten(load_graph(a)), flatten(load_graph(b)))
    assert len(flatten(load_graph(a))) == len(Graph().parse(seed_ttl)) > 500
    assert export(a, fmt) == fast


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


def test_blank_nodes_and_jsonld_go_through_rdflib(tmp_path):
    """A graph with a blank node is not exported by the line writer (its labels would change from run to run);
    rdflib still exports it. JSON-LD is always rdflib's."""
    from kg.graph.export import _export_lines

    src = tmp_path / "b.ttl"
    src.write_text('<http://x/a> <http://x/p> [ <http://x/q> "v" ] .\n', encoding="utf-8")
    assert _export_lines(src, "nt") is None
    assert len(Graph().parse(data=export(src, "nt").decode("utf-8"), format="nt")) == 2
    plain = tmp_path / "p.ttl"
    plain.write_text('<http://x/a> <http://x/p> "v" .\n', encoding="utf-8")
    assert _export_lines(plain, "json-ld") is None and _export_lines(plain, "nt") is not None


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


def test_validate_turbo_falls_back_for_jsonld_and_unparsable(tmp_path):
    """JSON-LD and files pyoxigraph rejects go the rdflib way (which names the file and line of a parse error)."""
    from kg.commands.validate import read_and_validate_turbo

    bad = tmp_path / "bad.ttl"
    bad.write_text("<http://x/a> <http://x/p> .\n", encoding="utf-8")
    assert read_and_validate_turbo(bad) is None
    assert read_and_validate_turbo(tmp_path / "g.jsonld") is None
    with pytest.raises(InputError, match=r"bad\.ttl"):
        run(validate_cmd, ["validate", str(bad), "--validator", "turbo"])
