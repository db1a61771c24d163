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
from kg.export import PARSERS, export, flatten, load_graph
from kg.rdf import extraction_to_graph, write_graph

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
