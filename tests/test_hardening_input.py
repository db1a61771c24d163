"""Hostile inputs (issue 15, "Input"): each is reported with its file (and line) and skipped, never a traceback, a
hang or a MemoryError; the rest of the folder is built. docs/bad-input.md lists the same cases and messages."""

from __future__ import annotations

import codecs
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kg.read import read_inputs
from kg.read.jsonl import MAX_JSON_BYTES, MAX_LINE_BYTES

ROOT = Path(__file__).resolve().parent.parent
FA = "وزیر امور خارجه ایران امروز در تهران با سفیر ترکیه دیدار کرد."
NESTED = ("nested too deeply (lists or objects more than 64 levels deep): a record is 'field: value' pairs; remove "
          "the nesting")
REGULAR = "not a regular file: skipped (only regular files are read)"


def rec(**fields) -> str:
    return json.dumps(fields, ensure_ascii=False)


def probs(problems):
    return [(p.where, p.severity, p.message) for p in problems]


def one(tmp_path: Path, name: str | bytes, data: bytes):
    """Read a folder holding one file: (ids built, problems)."""
    d = tmp_path / "in"
    d.mkdir()
    path = os.path.join(os.fsencode(d), name) if isinstance(name, bytes) else d / name
    with open(path, "wb") as f:
        f.write(data)
    docs, problems = read_inputs([d])
    return [x.id for x in docs], [(w.removeprefix(f"{d}/"), s, m) for w, s, m in probs(problems)]


# Two lines of UTF-8; in the second, the two bytes of one letter (the س of سفیر) replaced by one bad byte 0xff.
AT = FA.index("سفیر")
BAD_AT = len(f"{FA}\n{FA[:AT]}".encode())
DAMAGED = f"{FA}\n{FA[:AT]}".encode() + b"\xff" + FA[AT + 1:].encode()
# A .jsonl whose second line has one bad byte (0xff instead of its 20th byte, an ASCII one).
LINE = (rec(text=FA) + "\n").encode()
BAD_LINES = LINE + LINE[:19] + b"\xff" + LINE[20:] + LINE * 8

CASES = [  # file name, bytes, ids built, problems (where relative to the folder)
    pytest.param("deep.md", ("---\nid: deep\nx: " + "[" * 400 + "]" * 400 + "\n---\n" + FA).encode(), [],
                 [("deep.md:2", "error", "invalid YAML front matter: nested too deeply (more than 64 levels): front "
                                         "matter is 'field: value' lines")], id="YAML front matter nested 400 levels"),
    pytest.param("deep.json", ("[" * 1000 + "]" * 1000).encode(), [], [("deep.json:1", "error", NESTED)],
                 id="JSON nested 1000 levels"),
    pytest.param("deep.json", ('[\n{"text": "x"},\n' + "[" * 1000 + "]" * 1000 + "\n]").encode(), [],
                 [("deep.json:3", "error", NESTED)], id="JSON nested 1000 levels: the line named"),
    pytest.param("deep.json", rec(text=FA, x=json.loads("[" * 100 + "]" * 100)).encode(), [],
                 [("deep.json", "error", NESTED)], id="JSON record nested 100 levels (parses, still refused)"),
    pytest.param("deep.jsonl", (rec(text=FA) + "\n" + '{"text": "x", "a": ' + "[" * 1000 + "]" * 1000 + "}\n"
                                + rec(text=FA) + "\n").encode(), ["deep-1", "deep-3"],
                 [("deep.jsonl:2", "error", NESTED)], id="JSONL line nested 1000 levels: that line skipped"),
    pytest.param("bad.txt", DAMAGED, [],
                 [("bad.txt:2", "error", f"not valid UTF-8 at byte {BAD_AT} (line 2, byte 0xff; 1 bad byte sequence(s) "
                                         "in all): the file is UTF-8 but damaged there; fix those bytes or re-save the "
                                         "file as UTF-8")], id="one bad byte in UTF-8: offset and line"),
    pytest.param("u.txt", FA.encode("utf-16-le"), [],
                 [("u.txt", "error", "looks like UTF-16 LE text without a byte-order mark (NUL bytes between the "
                                     "characters): re-save the file as UTF-8 (or as UTF-16 with a byte-order mark)")],
                 id="UTF-16 LE without BOM (.txt)"),
    pytest.param("u.jsonl", "".join(rec(text=FA) + "\n" for _ in range(3)).encode("utf-16-le"), [],
                 [("u.jsonl", "error", "looks like UTF-16 LE text without a byte-order mark (NUL bytes between the "
                                       "characters): re-save the file as UTF-8 (or as UTF-16 with a byte-order "
                                       "mark)")], id="UTF-16 LE without BOM (.jsonl): one message for the file"),
    pytest.param("u.jsonl", "".join(rec(text=FA) + "\n" for _ in range(3)).encode("utf-16-be"), [],
                 [("u.jsonl", "error", "looks like UTF-16 BE text without a byte-order mark (NUL bytes between the "
                                       "characters): re-save the file as UTF-8 (or as UTF-16 with a byte-order "
                                       "mark)")], id="UTF-16 BE without BOM (.jsonl)"),
    pytest.param("n.txt", FA.encode() + b"\x00" + FA.encode(), [],
                 [("n.txt", "error", "binary file, not text (it contains NUL bytes and has no UTF-16 byte-order "
                                     "mark): give a .txt/.md/.json/.jsonl/.html file saved as UTF-8")],
                 id="negative: one NUL in UTF-8 text is binary, not UTF-16"),
    pytest.param("d.jsonl", BAD_LINES, [f"d-{n}" for n in (1, *range(3, 11))],
                 [("d.jsonl:2", "error", f"not valid utf-8 at byte 19 of the line (byte {len(LINE) + 19} of the file): "
                                         "line skipped; save the file as UTF-8")],
                 id="one bad byte in a UTF-8 .jsonl: that line, with its offset"),
]


@pytest.mark.parametrize(("name", "data", "ids", "problems"), CASES)
def test_hostile_file(tmp_path, name, data, ids, problems):
    """Each hostile file is reported with its place and skipped; nothing raises."""
    assert one(tmp_path, name, data) == (ids, problems)


def test_json_without_size_bound_is_refused_unread(tmp_path):
    """A .json bigger than MAX_JSON_BYTES is refused before it is parsed."""
    path = tmp_path / "big.json"
    with open(path, "wb") as f:
        f.truncate(MAX_JSON_BYTES + 1)
    _, problems = read_inputs([path])
    assert probs(problems) == [(str(path), "error", f"file too large for a .json input (more than "
                                                    f"{MAX_JSON_BYTES:,} bytes): give the records as .jsonl, one a "
                                                    "line (read line by line, any size)")]


def test_jsonl_line_over_the_bound_is_skipped_unread(tmp_path):
    """A .jsonl line longer than MAX_LINE_BYTES is skipped without being held; the next line is read."""
    path = tmp_path / "l.jsonl"
    with open(path, "wb") as f:
        f.write(b'{"text": "' + b"a" * (MAX_LINE_BYTES + 10) + b'"}\n')
        f.write((rec(text=FA) + "\n").encode())
    docs, problems = read_inputs([path])
    assert [d.id for d in docs] == ["l-2"]
    assert probs(problems) == [(f"{path}:1", "error", f"line longer than {MAX_LINE_BYTES:,} bytes: skipped unread "
                                                      "(one article is at most 500,000 characters)")]


@pytest.mark.parametrize(("name", "target", "kind"), [("zero.json", "/dev/zero", "a character device"),
                                                      ("rand.txt", "/dev/urandom", "a character device"),
                                                      ("z.jsonl", "/dev/zero", "a character device")])
def test_link_to_a_device_is_not_read(tmp_path, name, target, kind):
    """A link to /dev/zero or /dev/urandom in a folder is skipped: only regular files are read."""
    (tmp_path / "in").mkdir()
    os.symlink(target, tmp_path / "in" / name)
    (tmp_path / "in" / "good.txt").write_text(FA, encoding="utf-8")
    docs, problems = read_inputs([tmp_path / "in"])
    assert [d.id for d in docs] == ["good"]
    assert probs(problems) == [(f"{tmp_path}/in/{name}", "error", f"{kind}, {REGULAR}")]


def test_fifo_given_by_name_is_not_read(tmp_path):
    """A FIFO named on the command line is reported, not opened for a blocking read."""
    os.mkfifo(tmp_path / "p.txt")
    _, problems = read_inputs([tmp_path / "p.txt"])
    assert probs(problems) == [(f"{tmp_path}/p.txt", "error", f"a FIFO (named pipe), {REGULAR}")]


def test_open_regular_refuses_a_fifo_without_blocking(tmp_path):
    """The open itself checks the file (a FIFO swapped in after the folder was listed cannot block the read)."""
    from kg.errors import InputError
    from kg.read.files import open_regular

    os.mkfifo(tmp_path / "p.txt")
    with pytest.raises(InputError, match=r"a FIFO \(named pipe\), not a regular file"):
        open_regular(tmp_path / "p.txt", "p.txt")


def test_build_of_a_hostile_folder(tmp_path):
    """One `kg build` of a folder with a FIFO, device links and a file name that is not UTF-8: no hang (bounded by
    the timeout), no traceback, summary.json written in UTF-8 with the name escaped, the good articles built, and
    the exit status of a build that skipped inputs (3)."""
    src = tmp_path / "in"
    src.mkdir()
    (src / "good.txt").write_text(FA, encoding="utf-8")
    with open(os.path.join(os.fsencode(src), b"\xd1\xe6\xc7\xe4.txt"), "wb") as f:  # a cp1256 name
        f.write(FA.encode())
    os.mkfifo(src / "fifo.txt")
    os.symlink("/dev/zero", src / "zero.json")
    (src / "deep.json").write_text("[" * 1000 + "]" * 1000, encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "kg.cli", "build", str(src), "--out", str(tmp_path / "out"),
                           "--no-report"], cwd=ROOT, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "PYTHONIOENCODING": "utf-8"})
    assert "Traceback" not in proc.stderr
    assert proc.returncode == 3, proc.stderr
    summary = json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))
    assert summary["articles"] == 2
    assert [(p["where"], p["message"]) for p in summary["skipped"]] == [
        (f"{src}/deep.json:1", NESTED),
        (f"{src}/fifo.txt", f"a FIFO (named pipe), {REGULAR}"),
        (f"{src}/zero.json", f"a character device, {REGULAR}"),
    ]
    assert (f"{src}/\\xd1\\xe6\\xc7\\xe4.txt: publication date unknown (not inferable: no date line near the "
            "top and no weekday beside a day and month); relative dates unresolved") in summary["warnings"]


def test_utf16_bom_still_read(tmp_path):
    """Negative: a UTF-16 .jsonl with its BOM is still read (the BOM-less check does not catch it)."""
    ids, problems = one(tmp_path, "u.jsonl", codecs.BOM_UTF16_LE + (rec(text=FA) + "\n").encode("utf-16-le"))
    assert (ids, problems) == (["u-1"], [])


def test_kg_extract_deeply_nested_line(capsys, monkeypatch):
    """`kg extract`: a stdin line nested 1,000 levels is one bad record (one JSON line on stderr), the next is built."""
    import io

    from kg.commands.extract import extract_stream

    out = io.BytesIO()
    err = io.StringIO()
    lines = ['{"text": "x", "a": ' + "[" * 1000 + "]" * 1000 + "}\n", rec(id="ok", text=FA) + "\n"]
    assert extract_stream(lines, out.write, err.write) == 1
    assert json.loads(err.getvalue()) == {"line": 1, "id": None, "error": NESTED}
    assert b"/graph/article/ok>" in out.getvalue()
