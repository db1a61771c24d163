"""kg.read: files, folders, records, HTML and encodings → Documents and Problems (docs/input-format.md)."""

from __future__ import annotations

import codecs
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.read import Problem, iter_inputs, read_inputs
from kg.read.records import MAX_TEXT_LENGTH
from kg.read.text import MAX_BYTES

DATA = Path(__file__).parent / "data" / "inputs"
SEED = Path(__file__).parent.parent / "seeds" / "000_b8878e3335182e53.txt"
FA = "وزیر امور خارجه ایران امروز با همتای خود در باکو دیدار کرد."
FA_1256 = FA.replace("ی", "ي")  # Windows-1256 has no Persian yeh: Persian saved in it uses the Arabic one


def rec(**fields) -> bytes:
    return json.dumps(fields, ensure_ascii=False).encode("utf-8")


def docs_of(docs):
    return [(d.id, d.source, d.text) for d in docs]


def probs_of(problems):
    return [(p.where, p.severity, p.message) for p in problems]


# name, bytes written, expected (id, source, text) of the documents, expected (where, severity, message) problems.
SINGLE_FILES = [
    pytest.param("a.txt", FA.encode(), [("a", "a.txt", FA)], [], id="txt: text as is, id from the stem"),
    pytest.param("a.txt", b"line 1\r\nline 2\r\n", [("a", "a.txt", "line 1\r\nline 2\r\n")], [],
                 id="txt: CRLF kept (no newline translation)"),
    pytest.param("a.md", f"---\nid: x-1\n---\n{FA} **پررنگ**\n".encode(), [("x-1", "a.md", f"{FA} **پررنگ**\n")],
                 [], id="md: front matter removed, markdown kept verbatim"),
    pytest.param("a.md", f"---\n\n---\n{FA}".encode(), [("a", "a.md", FA)], [], id="md: empty front matter"),
    pytest.param("a.md", f"--- \n{FA}\n".encode(), [], [("a.md:1", "error", "front matter opened with '---' is "
                 "never closed: add a line '---' after it")], id="md: unclosed front matter is an error"),
    pytest.param("a.md", f"---\ntitle: [x\n---\n{FA}".encode(), [],
                 [("a.md:3", "error", "invalid YAML front matter: expected ',' or ']', but got '<stream end>'")],
                 id="md: invalid YAML names the line"),
    pytest.param("a.md", f"---\n- a\n---\n{FA}".encode(), [],
                 [("a.md:2", "error", "front matter must be 'field: value' lines (a YAML mapping)")],
                 id="md: front matter that is not a mapping"),
    pytest.param("a.txt", f"x\n---\ny: 1\n---\n{FA}".encode(), [("a", "a.txt", f"x\n---\ny: 1\n---\n{FA}")], [],
                 id="negative: '---' not on the first line is text"),
    pytest.param("a.json", rec(id="n1", text=FA), [("n1", "a.json", FA)], [], id="json: one record"),
    pytest.param("a.json", b"[" + rec(text=FA) + b"," + rec(text="دو") + b"]",
                 [("a-1", "a.json#1", FA), ("a-2", "a.json#2", "دو")], [], id="json: list, ids stem-N"),
    pytest.param("a.json", b"[" + rec(text=FA) + b", 5]", [("a-1", "a.json#1", FA)],
                 [("a.json#2", "error", "a record must be a JSON object with at least a 'text' field")],
                 id="json: a list item that is not an object"),
    pytest.param("a.json", b'{\n"text": "x",,\n}', [],
                 [("a.json:2", "error", "invalid JSON: Expecting property name enclosed in double quotes (column 13)")],
                 id="json: malformed file names the line"),
    pytest.param("a.json", b'"just text"', [],
                 [("a.json", "error", "a .json input must hold one record object or a list of record objects")],
                 id="json: top level neither object nor list"),
    pytest.param("a.jsonl", rec(text="یک") + b"\n{oops\n" + rec(text="سه") + b"\n",
                 [("a-1", "a.jsonl:1", "یک"), ("a-3", "a.jsonl:3", "سه")],
                 [("a.jsonl:2", "error", "invalid JSON: Expecting property name enclosed in double quotes "
                                         "(column 2)")], id="jsonl: malformed line in the middle, rest read"),
    pytest.param("a.jsonl", b"\n" + rec(text="یک") + b"\r\n  \n" + rec(text="دو"),
                 [("a-2", "a.jsonl:2", "یک"), ("a-4", "a.jsonl:4", "دو")], [],
                 id="jsonl: blank lines skipped, ids and places keep line numbers"),
    pytest.param("a.jsonl", rec(title="t"), [],
                 [("a.jsonl:1", "error", "field 'text' is missing: every record needs the article text in 'text'")],
                 id="missing text"),
    pytest.param("a.jsonl", rec(text=None), [],
                 [("a.jsonl:1", "error", "field 'text' is missing: every record needs the article text in 'text'")],
                 id="null text is missing text"),
    pytest.param("a.jsonl", rec(text=["x"]), [],
                 [("a.jsonl:1", "error", "field 'text' must be a string, not a list")], id="text not a string"),
    pytest.param("a.jsonl", rec(text=FA, published=20240218), [("a-1", "a.jsonl:1", FA)],
                 [("a.jsonl:1", "warning", "field 'published' must be a string, not a number: ignored")],
                 id="published not a string: warning, field dropped, article read"),
    pytest.param("a.jsonl", rec(text=FA, id=True), [],
                 [("a.jsonl:1", "error", "field 'id' must be a string or an integer, not true/false")],
                 id="id of a wrong type"),
    pytest.param("a.jsonl", rec(text=FA, id=7), [("7", "a.jsonl:1", FA)], [], id="integer id stringified"),
    pytest.param("a.jsonl", rec(text=FA, id="a/b c"), [("a_b_c", "a.jsonl:1", FA)],
                 [("a.jsonl:1", "warning", "id 'a/b c' has characters not allowed in IRIs; using 'a_b_c'")],
                 id="id sanitised with a warning"),
    pytest.param("a.jsonl", rec(text=FA, id="خبر"), [],
                 [("a.jsonl:1", "error", "field 'id' 'خبر' cannot be used in an IRI (ids may use A-Z a-z 0-9 . _ -, "
                                         "need a letter or digit, at most 200 characters): give an ASCII id")],
                 id="id with nothing usable left is rejected"),
    pytest.param("a.jsonl", rec(text=FA, id="x") + b"\n" + rec(text="دو", id="x"), [("x", "a.jsonl:1", FA)],
                 [("a.jsonl:2", "error", "duplicate id 'x', already read from a.jsonl:1: skipped (the first one "
                                         "wins); give each article its own id")], id="duplicate id: first wins"),
    pytest.param("a.jsonl", rec(text="\u0000x"), [("a-1", "a.jsonl:1", "\u0000x")], [],
                 id="NUL escaped in a JSON string is kept"),
    pytest.param("a.jsonl", b'{"text": "x\\ud800y"}', [],
                 [("a.jsonl:1", "error", "text has an unpaired surrogate U+D800 at character 1: not valid Unicode; "
                                         "fix the \\u escape in the record")], id="unpaired surrogate rejected"),
    pytest.param("a.txt", b"", [], [("a.txt", "warning", "empty or white space only: nothing to build")],
                 id="empty file"),
    pytest.param("a.txt", " \n\t\u200c\r\n".encode(), [],
                 [("a.txt", "warning", "empty or white space only: nothing to build")], id="white space and ZWNJ only"),
    pytest.param("a.md", b"---\nid: x\n---\n\n", [],
                 [("a.md", "warning", "empty or white space only: nothing to build")], id="md with an empty body"),
    pytest.param("a.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", [],
                 [("a.txt", "error", "binary file, not text (it contains NUL bytes and has no UTF-16 byte-order "
                                     "mark): give a .txt/.md/.json/.jsonl/.html file saved as UTF-8")], id="binary"),
    pytest.param("a.txt", FA.encode() + b"\x00" + FA.encode(), [],
                 [("a.txt", "error", "binary file, not text (it contains NUL bytes and has no UTF-16 byte-order "
                                     "mark): give a .txt/.md/.json/.jsonl/.html file saved as UTF-8")],
                 id="NUL bytes in UTF-8 text: binary"),
    pytest.param("a.txt", bytes(range(0x80, 0x100)) * 4 + b"\x01\x02", [],
                 [("a.txt", "error", "binary file, not text (not UTF-8, not UTF-16 with a byte-order mark, not "
                                     "Windows-1256, and no other encoding fits): re-save it as UTF-8")],
                 id="undecodable bytes without NUL: binary"),
    pytest.param("a.txt", FA_1256.encode("cp1256"), [("a", "a.txt", FA_1256)],
                 [("a.txt", "warning", "not UTF-8; decoded as Windows-1256 (guessed): check the text, or re-save "
                                       "the file as UTF-8")], id="Windows-1256 read with a warning"),
    pytest.param("a.jsonl", rec(text=FA_1256).decode().encode("cp1256"), [("a-1", "a.jsonl:1", FA_1256)],
                 [("a.jsonl", "warning", "not UTF-8; decoded as Windows-1256 (guessed): check the text, or re-save "
                                         "the file as UTF-8")], id="Windows-1256 JSON Lines"),
    pytest.param("a.txt", codecs.BOM_UTF16_LE + FA.encode("utf-16-le"), [("a", "a.txt", FA)], [], id="UTF-16 LE"),
    pytest.param("a.txt", codecs.BOM_UTF16_BE + FA.encode("utf-16-be"), [("a", "a.txt", FA)], [], id="UTF-16 BE"),
    pytest.param("a.jsonl", codecs.BOM_UTF16_LE + (rec(text=FA) + b"\n" + rec(text="دو")).decode().encode("utf-16-le"),
                 [("a-1", "a.jsonl:1", FA), ("a-2", "a.jsonl:2", "دو")], [], id="UTF-16 JSON Lines"),
    pytest.param("a.txt", codecs.BOM_UTF8 + FA.encode(), [("a", "a.txt", FA)], [], id="UTF-8 BOM stripped"),
    pytest.param("a.md", codecs.BOM_UTF8 + f"---\nid: b\n---\n{FA}".encode(), [("b", "a.md", FA)], [],
                 id="UTF-8 BOM before front matter"),
    pytest.param("a.csv", FA.encode(), [],
                 [("a.csv", "error", "unsupported file type '.csv': give .txt, .md, .json, .jsonl, .html, .htm files")],
                 id="explicit file of another type"),
    pytest.param("خبر-1.txt", FA.encode(), [("___-1-790f2f0d", "خبر-1.txt", FA)], [],
                 id="non-ASCII file name: sanitised stem plus a hash"),
]


@pytest.mark.parametrize(("name", "data", "want_docs", "want_problems"), SINGLE_FILES)
def test_single_file(tmp_path, monkeypatch, name, data, want_docs, want_problems):
    """Each input file case gives exactly these documents (id, source, text) and these problems."""
    monkeypatch.chdir(tmp_path)
    Path(name).write_bytes(data)
    docs, problems = read_inputs([name])
    assert (docs_of(docs), probs_of(problems)) == (want_docs, want_problems)


def test_front_matter_fields(tmp_path):
    """Front matter fills the Document's metadata as written (no YAML dates); unknown fields go to extra."""
    docs, problems = read_inputs([DATA / "article.md"])
    assert problems == []
    d = docs[0]
    assert (d.id, d.published_raw, d.title, d.outlet, d.url, d.lang, d.extra) == (
        "aran-1402-11-29", "2024-02-18", "مناسبات رو به جلو ایران و جمهوری آذربایجان", "خبرگزاری نمونه",
        "https://example.org/news/1", "fa", {"section": "سیاسی"})
    assert d.text == "معاون سیاسی وزارت امور خارجه **امروز** از مناسبات رو به جلو ایران و جمهوری آذربایجان خبر داد.\n"


def test_record_fields_and_unknown_fields(tmp_path):
    """JSON record fields fill the Document; unknown fields, whatever their type, are kept in extra."""
    path = tmp_path / "r.json"
    path.write_bytes(rec(id="r1", text=FA, lang="fa", url="https://e.org/1", title="تیتر", outlet="ایسنا",
                         published="۲۹ بهمن ۱۴۰۲", based_on="ایرنا", tags=["a", 1], score=0.5, nested={"k": None}))
    [d], problems = read_inputs([path])
    assert problems == []
    assert (d.lang, d.url, d.title, d.outlet, d.published_raw, d.based_on, d.extra) == (
        "fa", "https://e.org/1", "تیتر", "ایسنا", "۲۹ بهمن ۱۴۰۲", "ایرنا",
        {"tags": ["a", 1], "score": 0.5, "nested": {"k": None}})


def test_html_page():
    """A saved news page gives the article text (ZWNJs kept), its title, date, outlet and language."""
    [d], problems = read_inputs([DATA / "page.html"])
    assert problems == []
    assert (d.id, d.title, d.published_raw, d.outlet, d.lang) == (
        "page", "سفر وزیر خارجه به باکو", "2024-02-18", "خبرگزاری نمونه", "fa")
    lines = d.text.split("\n")
    assert lines[1] == "وزیر امور خارجه ایران امروز یکشنبه برای دیداری دو روزه وارد باکو شد."
    assert "گفت\u200cوگو" in lines[2] and "به\u200cزودی" in lines[3]
    assert "صفحه اصلی" not in d.text and "پربازدیدترین" not in d.text  # navigation and sidebars dropped
    assert len(lines) == 5


def test_html_without_article(tmp_path):
    """A page with no article text is a Problem, not a crash or an empty document."""
    page = "<html><head><title>t</title></head><body><script>var a = 1;</script></body></html>"
    (tmp_path / "e.html").write_text(page, encoding="utf-8")
    docs, problems = read_inputs([tmp_path / "e.html"])
    assert docs == []
    assert probs_of(problems) == [(str(tmp_path / "e.html"), "error", "no article text found in the page: save "
                                   "the article page itself, or give the text as .txt/.json")]


def test_seed_article():
    """The seed article reads as UTF-8 text, unchanged (leading blank lines included), id from its file name."""
    [d], problems = read_inputs([SEED])
    assert problems == []
    assert d.id == "000_b8878e3335182e53"
    assert d.text == SEED.read_text(encoding="utf-8")
    assert d.text.startswith("\n\n\n\nمناسبات رو به جلو")


def test_folder_order_hidden_and_other_files(tmp_path, monkeypatch):
    """Folders are read recursively in sorted relative-path order; hidden entries and other types are skipped."""
    monkeypatch.chdir(tmp_path)
    for rel in ["in/b.txt", "in/a/z.md", "in/a/b/c.jsonl", "in/a-b.json", "in/c.txt", "in/.hidden.txt",
                "in/.git/x.txt", "in/notes.csv", "in/A.txt"]:
        Path(rel).parent.mkdir(parents=True, exist_ok=True)
        Path(rel).write_bytes(rec(text=rel) if rel.endswith("json") else rel.encode())
    Path("in/a/b/c.jsonl").write_bytes(rec(text="c1") + b"\n" + rec(text="c2"))
    docs, problems = read_inputs(["in"])
    assert problems == []
    assert [(d.id, d.source) for d in docs] == [
        ("A", "in/A.txt"), ("c-1", "in/a/b/c.jsonl:1"), ("c-2", "in/a/b/c.jsonl:2"), ("z", "in/a/z.md"),
        ("a-b", "in/a-b.json"), ("b", "in/b.txt"), ("c", "in/c.txt")]


def test_missing_paths_and_duplicates_across_files(tmp_path, monkeypatch):
    """A missing path is a Problem naming it; a repeated id across files is skipped naming both places."""
    monkeypatch.chdir(tmp_path)
    Path("x").mkdir()
    Path("x/n.txt").write_text(FA, encoding="utf-8")
    Path("y").mkdir()
    Path("y/n.txt").write_text("دو", encoding="utf-8")
    docs, problems = read_inputs(["x", "nope", "y", "x/n.txt"])
    assert [d.source for d in docs] == ["x/n.txt"]
    assert probs_of(problems) == [
        ("nope", "error", "no such file or folder: check the path"),
        ("y/n.txt", "error", "duplicate id 'n', already read from x/n.txt: skipped (the first one wins); "
                             "give each article its own id"),
        ("x/n.txt", "error", "duplicate id 'n', already read from x/n.txt: skipped (the first one wins); "
                             "give each article its own id")]


def test_iter_inputs_streams_in_order(tmp_path):
    """iter_inputs yields documents and problems interleaved in input order; read_inputs splits the same items."""
    path = tmp_path / "s.jsonl"
    path.write_bytes(rec(text="یک") + b"\nbad\n" + rec(text="سه", id=True) + b"\n" + rec(text="چهار"))
    items = list(iter_inputs([path]))
    assert [type(i).__name__ for i in items] == ["Document", "Problem", "Problem", "Document"]
    assert [i.where for i in items if isinstance(i, Problem)] == [f"{path}:2", f"{path}:3"]


def test_very_long_line(tmp_path):
    """A single-line text just under MAX_TEXT_LENGTH, as a file and as a JSON Lines record, reads whole."""
    text = ("ایران " * (MAX_TEXT_LENGTH // 6)).strip()
    assert MAX_TEXT_LENGTH - 6 < len(text) < MAX_TEXT_LENGTH
    (tmp_path / "long.txt").write_text(text, encoding="utf-8")
    (tmp_path / "long.jsonl").write_bytes(rec(text=text) + b"\n" + rec(text="x"))
    docs, problems = read_inputs([tmp_path / "long.txt", tmp_path / "long.jsonl"])
    assert problems == []
    assert [len(d.text) for d in docs] == [len(text), len(text), 1]


def test_text_over_the_limit_is_refused(tmp_path):
    """Negative: a text one character over MAX_TEXT_LENGTH is an error naming the length; the next line is read."""
    text = "ا" * (MAX_TEXT_LENGTH + 1)
    (tmp_path / "long.txt").write_text(text, encoding="utf-8")
    (tmp_path / "long.jsonl").write_bytes(rec(text=text) + b"\n" + rec(text="x"))
    docs, problems = read_inputs([tmp_path / "long.txt", tmp_path / "long.jsonl"])
    msg = (f"text too long for one article ({MAX_TEXT_LENGTH + 1:,} characters, at most {MAX_TEXT_LENGTH:,}): "
           "split it into articles, e.g. a .jsonl file with one article a line")
    assert probs_of(problems) == [(str(tmp_path / "long.txt"), "error", msg),
                                  (f"{tmp_path / 'long.jsonl'}:1", "error", msg)]
    assert [d.text for d in docs] == ["x"]


def test_fifty_megabyte_file_refused_unread(tmp_path):
    """A 50 MB .txt (one article) is refused by its size, before it is read, with the size in the message."""
    line = (FA + "\n").encode()
    data = line * (50_000_000 // len(line) + 1)
    (tmp_path / "big.txt").write_bytes(data)
    docs, problems = read_inputs([tmp_path / "big.txt"])
    assert docs == []
    assert probs_of(problems) == [(str(tmp_path / "big.txt"), "error",
                                   f"file too large for one article ({len(data):,} bytes, at most "
                                   f"{MAX_BYTES:,}): split it into articles, e.g. a .jsonl file "
                                   "with one article a line")]


@pytest.mark.slow
def test_hundred_thousand_records(tmp_path):
    """100,000 short JSON Lines records stream through with ids and places by line number."""
    lines = (json.dumps({"text": f"خبر {n}"}, ensure_ascii=False) for n in range(1, 100_001))
    (tmp_path / "many.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    docs, problems = read_inputs([tmp_path / "many.jsonl"])
    assert problems == []
    assert len(docs) == 100_000
    assert (docs[-1].id, docs[-1].text) == ("many-100000", "خبر 100000")


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), min_size=1))
def test_text_round_trips(tmp_path, text):
    """Any non-blank text saved as UTF-8 .txt or as a JSON Lines record reads back exactly (offsets stay valid)."""
    from kg.read.decode import is_blank

    (tmp_path / "p.txt").write_bytes(text.encode())
    (tmp_path / "q.jsonl").write_bytes(json.dumps({"text": text}).encode())
    docs, problems = read_inputs([tmp_path / "p.txt", tmp_path / "q.jsonl"])
    if is_blank(text):
        assert (docs, [p.severity for p in problems]) == ([], ["warning", "warning"])
    elif text.split("\n", 1)[0].rstrip("\r \t") != "---":  # else front matter rules apply (table above)
        assert ([d.text for d in docs], problems) == ([text, text], [])


def test_html_zwnj_entity_and_legacy_charset(tmp_path):
    """A page in Windows-1256 (declared by <meta charset>) with &zwnj; entities keeps its ZWNJs as U+200C."""
    body = "<p>" + ("وزير امور خارجه امروز در نشست خبري گفت&zwnj;وگو با همتاي خود را مهم خواند. " * 3) + "</p>"
    other = "<p>سخنگوي وزارت خارجه نيز اين سفر را گامي مهم در مسير گسترش مناسبات دو کشور همسايه خواند.</p>"
    page = (f"<html><head><meta charset='windows-1256'><title>خبر</title></head>"
            f"<body><article>{body}{other}</article></body></html>")
    (tmp_path / "w.htm").write_bytes(page.encode("cp1256"))
    [d], problems = read_inputs([tmp_path / "w.htm"])
    assert [p.severity for p in problems] == ["warning"]  # decoded as Windows-1256
    assert d.text.count("گفت\u200cوگو") == 3 and "&zwnj;" not in d.text
