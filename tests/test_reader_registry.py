"""kg.read.registry: input readers chosen by file suffix; a new format is one registered function."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from kg.build import build
from kg.read import extensions, read_inputs
from kg.read.html import read_html
from kg.read.jsonl import read_json, read_jsonl
from kg.read.records import Failure, Read, to_document
from kg.read.registry import reader, reader_for, unregister
from kg.read.text import read_text

BUILT_IN = (".txt", ".md", ".json", ".jsonl", ".html", ".htm")
FA = "وزیر امور خارجه ایران امروز با همتای خود در باکو دیدار کرد."


def read_toy(path: Path, name: str, stem: str) -> Iterator[Read | Failure]:
    """A toy format: `ID<TAB>TEXT` a line; a line without a tab is a Failure."""
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if "\t" not in line:
            yield Failure(f"{name}:{n}", "no tab: give ID<TAB>TEXT")
            continue
        doc_id, text = line.split("\t", 1)
        yield to_document({"id": doc_id, "text": text}, f"{name}:{n}", f"{stem}-{n}")


@pytest.fixture
def toy():
    reader(".toy")(read_toy)
    try:
        yield
    finally:
        unregister(".toy")


def test_built_in_readers_by_suffix():
    assert extensions() == BUILT_IN
    assert [reader_for(s) for s in BUILT_IN] == [read_text, read_text, read_json, read_jsonl, read_html, read_html]
    assert reader_for(".TXT") is read_text  # suffixes are matched in any case
    assert reader_for(".doc") is None


def test_a_registered_reader_is_used_by_read_and_build(toy, tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "two.toy").write_text(f"toy-1\t{FA}\nno tab here\n", encoding="utf-8")
    (src / "skip.doc").write_text("not read", encoding="utf-8")
    assert extensions() == (*BUILT_IN, ".toy")
    docs, problems = read_inputs([src])  # found in a folder by its suffix; the .doc beside it is left alone
    assert [(d.id, d.source, d.text) for d in docs] == [("toy-1", f"{src}/two.toy:1", FA)]
    assert [str(p) for p in problems] == [f"{src}/two.toy:2: error: no tab: give ID<TAB>TEXT"]
    # the graph is the one the same article gives as JSON
    (tmp_path / "same.json").write_text(json.dumps({"id": "toy-1", "text": FA}, ensure_ascii=False),
                                        encoding="utf-8")
    toy_build = build([src / "two.toy"], tmp_path / "toy-out", report=False)
    json_build = build([tmp_path / "same.json"], tmp_path / "json-out", report=False)
    assert [x.doc.id for x in toy_build.extractions] == ["toy-1"]
    assert [str(p) for p in toy_build.problems] == [f"{src}/two.toy:2: error: no tab: give ID<TAB>TEXT"]
    assert (json_build.problems, toy_build.triples) == ([], json_build.triples)
    graph = (tmp_path / "toy-out" / "graph.ttl").read_bytes()
    assert b"<https://w3id.org/dipkg/id/article/toy-1>" in graph
    assert graph == (tmp_path / "json-out" / "graph.ttl").read_bytes()


def test_an_unregistered_suffix_is_unsupported_again(tmp_path):
    path = tmp_path / "a.toy"
    path.write_text(f"toy-1\t{FA}\n", encoding="utf-8")
    reader(".toy")(read_toy)
    unregister(".toy")
    assert extensions() == BUILT_IN
    docs, problems = read_inputs([path])
    assert docs == []
    assert [str(p) for p in problems] == [f"{path}: error: unsupported file type '.toy': give .txt, .md, .json, "
                                          ".jsonl, .html, .htm files"]


def test_a_taken_suffix_is_refused(toy):
    def other(path, name, stem):
        return iter(())

    with pytest.raises(ValueError, match=r"^'\.toy' is read by test_reader_registry\.read_toy already; "
                                         r"test_reader_registry\.test_a_taken_suffix_is_refused\.<locals>\.other "
                                         r"cannot take it \(unregister it first\)$"):
        reader(".toy")(other)
    with pytest.raises(ValueError, match=r"^'\.txt' is read by kg\.read\.text\.read_text already"):
        reader(".txt")(other)
    assert reader_for(".toy") is read_toy and reader_for(".txt") is read_text
    with pytest.raises(ValueError, match=r"reader suffix 'TOY': give one lower-case suffix with its dot"):
        reader("TOY")
