"""Bad input (issue 5) through the whole `kg build`: what is skipped, what is built, what the user is told.

One folder holds every bad case next to good articles; it is built once with the real CLI and each test checks
one case in summary.json, on stderr, and in graph.ttl / validation.ttl. docs/bad-input.md describes the same.
"""

from __future__ import annotations

import codecs
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD

from kg.graph.vocab import DATA, ITSRDF, NIF

ROOT = Path(__file__).resolve().parent.parent
# Short sentences of our own.
FA = "وزیر امور خارجه ایران امروز در تهران با سفیر ترکیه دیدار کرد."
FA_1256 = FA.replace("ی", "ي").replace("ک", "ك")  # Windows-1256 has no Persian yeh/kaf: such files use the Arabic
EN = "The foreign minister of Iran met the Turkish ambassador in Tehran today."
AR = "التقى وزير الخارجية الإيراني اليوم في طهران بالسفير التركي."
RU = "Министр иностранных дел Ирана сегодня встретился с послом Турции в Тегеране."  # noqa: RUF001
PUB = "2024-02-18"
DATE_CASES = {  # file stem → (sentence, span of the date, the problem the build reports)
    "esfand30": ("وزیر امور خارجه ایران روز ۳۰ اسفند ۱۴۰۱ به ترکیه سفر کرد.", (26, 39),
                 "30 Esfand 1401 does not exist (1401 is not a leap year)"),
    "mehr31": ("وزیر امور خارجه ایران روز ۳۱ مهر ۱۴۰۲ به ترکیه سفر کرد.", (26, 37),
               "31 Mehr 1402 does not exist (Mehr has 30 days)"),
    "weekday": ("وزیر امور خارجه ایران روز شنبه ۲۹ بهمن ۱۴۰۲ به ترکیه سفر کرد.", (22, 43),
                "weekday شنبه does not match 2024-02-18 (a Sunday)"),
}
BINARY = "binary file, not text (it contains NUL bytes and has no UTF-16 byte-order mark): give a " \
         ".txt/.md/.json/.jsonl/.html file saved as UTF-8"
BLANK = "empty or white space only: nothing to build"


def md(text: str, **meta: str) -> str:
    head = "".join(f"{k}: {v}\n" for k, v in {"published": PUB, **meta}.items())
    return f"---\n{head}---\n{text}\n"


def rec(**fields) -> str:
    return json.dumps(fields, ensure_ascii=False)


def long_line() -> str:
    """About 100,000 characters on one line: varied sentences, no newline."""
    parts = [f"خبرنگار {n} گزارش داد که قیمت‌ها در بازار {n % 7} ثابت ماند و کارشناسان درباره آن سخن گفتند."
             for n in range(1, 1200)]
    return " ".join(parts)


def write_corpus(d: Path) -> None:
    d.mkdir()
    w = lambda name, data: (d / name).write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))  # noqa: E731
    w("good.md", md(FA))
    w("empty.txt", b"")
    w("blank.txt", " \n\t\u200c\r\n  \n")
    w("binary.txt", bytes(range(256)) * 8)
    w("nul.txt", md(FA).encode("utf-8").replace("تهران".encode(), b"\x00"))
    w("cp1256.txt", md(FA_1256).encode("cp1256"))
    w("utf16.txt", codecs.BOM_UTF16_LE + md(FA).encode("utf-16-le"))
    w("utf8bom.txt", codecs.BOM_UTF8 + md(FA).encode("utf-8"))
    w("longline.txt", md(long_line()))
    w("english.txt", md(EN))
    w("arabic.txt", md(AR))
    w("russian.txt", md(RU))
    for stem, (sentence, *_) in DATE_CASES.items():
        w(f"date-{stem}.txt", md(sentence))
    w("page.html", (ROOT / "tests" / "data" / "inputs" / "page.html").read_bytes())
    w("records.jsonl", "\n".join([
        rec(id="r1", text=FA, published=PUB),
        '{"id": "r2", "text": "ناتمام',
        rec(id="r3", published=PUB),
        rec(id="r4", text=42, published=PUB),
        rec(id="r5", text=FA, published=PUB, title=7, lang=["fa"]),
        rec(id="r6", text=FA, published=PUB, category="سیاسی", tags=["a", "b"]),
        rec(id="r1", text="متن دیگری با همان شناسه.", published=PUB),
        rec(id="r8", text=FA, published=PUB, extra_nul="\u0000"),
    ]) + "\n")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """(corpus folder, output folder, completed process, summary, seconds) of one CLI build of the corpus, with
    --verbose: every problem on stderr (without it they are grouped by kind, tests/test_build_output.py)."""
    base = tmp_path_factory.mktemp("bad")
    src, out = base / "in", base / "out"
    write_corpus(src)
    t0 = time.monotonic()
    proc = subprocess.run([sys.executable, "-m", "kg.cli", "build", str(src), "--out", str(out), "--no-report", "-v"],
                          cwd=ROOT, capture_output=True, text=True, timeout=600,
                          env={**os.environ, "PYTHONIOENCODING": "utf-8"})
    seconds = time.monotonic() - t0
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    return src, out, proc, summary, seconds


@pytest.fixture(scope="module")
def graph(built):
    return Graph().parse(built[1] / "graph.ttl", format="turtle")


def skipped(summary: dict) -> dict[str, tuple[str, str]]:
    return {p["where"]: (p["severity"], p["message"]) for p in summary["skipped"]}


# --- the build as a whole -------------------------------------------------------------------------------------


def test_build_succeeds_and_conforms(built):
    """All the bad input together: the build goes through, exit 3 (built, inputs skipped), the graph conforms, no
    traceback."""
    _, _, proc, summary, _ = built
    assert "Traceback" not in proc.stderr
    assert proc.returncode == 3, proc.stderr
    assert summary["conforms"] is True


def test_exactly_the_good_articles_are_built(built):
    """Built: every readable article (odd encodings, HTML, long line, other languages, bad dates, good records)."""
    _, _, _, summary, _ = built
    assert sorted(summary["publication_dates"]) == sorted([
        "good", "cp1256", "utf16", "utf8bom", "longline", "english", "arabic", "russian", "date-esfand30",
        "date-mehr31", "date-weekday", "page", "r1", "r5", "r6", "r8"])


# (file name inside the corpus, severity, exact message) of every problem the build reports, and only those.
PROBLEMS = [
    pytest.param("empty.txt", "warning", BLANK, id="empty file"),
    pytest.param("blank.txt", "warning", BLANK, id="white space and ZWNJ only"),
    pytest.param("binary.txt", "error", BINARY, id="binary"),
    pytest.param("nul.txt", "error", BINARY, id="NUL bytes in a text file"),
    pytest.param("cp1256.txt", "warning",
                 "not UTF-8; decoded as Windows-1256 (guessed): check the text, or re-save the file as UTF-8",
                 id="Windows-1256: read, with a warning naming the encoding"),
    pytest.param("records.jsonl:2", "error", "invalid JSON: Unterminated string starting at (column 22)",
                 id="JSONL: malformed line, named by line"),
    pytest.param("records.jsonl:3", "error",
                 "field 'text' is missing: every record needs the article text in 'text'", id="JSONL: no text"),
    pytest.param("records.jsonl:4", "error", "field 'text' must be a string, not a number",
                 id="JSONL: text of the wrong type"),
    pytest.param("records.jsonl:5", "warning", "field 'title' must be a string, not a number: ignored",
                 id="JSONL: title of the wrong type (record still built)"),
    pytest.param("records.jsonl:5", "warning", "field 'lang' must be a string, not a list: ignored",
                 id="JSONL: lang of the wrong type (record still built)"),
    pytest.param("records.jsonl:7", "error",
                 "duplicate id 'r1', already read from {src}/records.jsonl:1: skipped (the first one wins); "
                 "give each article its own id", id="JSONL: duplicate id, the first wins"),
]


@pytest.mark.parametrize(("where", "severity", "message"), PROBLEMS)
def test_problem_reported(built, where, severity, message):
    """The problem is in summary.json's "skipped" and on stderr, with file (and line) and the exact message."""
    src, _, proc, summary, _ = built
    message = message.format(src=src)
    entry = {"where": f"{src}/{where}", "severity": severity, "message": message}
    assert entry in summary["skipped"]
    assert f"  {severity}: {src}/{where}: {message}\n" in proc.stderr


def test_no_other_problems(built):
    """Negative: nothing else is reported as skipped — unknown fields, UTF-16, BOM, HTML, long line are fine."""
    src, _, _, summary, _ = built
    assert len(summary["skipped"]) == len(PROBLEMS)
    wheres = {p["where"] for p in summary["skipped"]}
    for fine in ("utf16.txt", "utf8bom.txt", "page.html", "longline.txt", "records.jsonl:6", "records.jsonl:8"):
        assert f"{src}/{fine}" not in wheres


# --- what is built from the odd encodings ---------------------------------------------------------------------


def anchors(g: Graph, doc_id: str) -> list[str]:
    """The texts of the entity mentions of an article, in order of offset."""
    ctx = DATA[f"article/{doc_id}/text"]
    spans = [s for s in g.subjects(NIF.referenceContext, ctx) if (s, ITSRDF.taIdentRef, None) in g]
    spans.sort(key=lambda s: int(g.value(s, NIF.beginIndex)))
    return [str(g.value(s, NIF.anchorOf)) for s in spans]


def context_text(g: Graph, doc_id: str) -> str:
    return str(g.value(DATA[f"article/{doc_id}/text"], NIF.isString))


@pytest.mark.parametrize("doc_id", ["utf16", "utf8bom", "r1"])
def test_utf16_and_bom_build_like_utf8(graph, doc_id):
    """UTF-16 and UTF-8-with-BOM files give the same text (BOM removed) and the same mentions as plain UTF-8."""
    assert context_text(graph, doc_id) == FA + "\n" if doc_id != "r1" else FA
    assert anchors(graph, doc_id) == anchors(graph, "good")
    assert anchors(graph, "good") != []


def test_windows_1256_decoded_and_built(graph):
    """Windows-1256 Persian is decoded (Arabic yeh/kaf as in the file) and its names are still found."""
    assert context_text(graph, "cp1256") == FA_1256 + "\n"
    assert [a.replace("ي", "ی").replace("ك", "ک") for a in anchors(graph, "cp1256")] == anchors(graph, "good")


def test_html_page_built(built, graph):
    """A saved HTML page: its article text is built, with the page's title and publication date."""
    _, _, _, summary, _ = built
    assert summary["publication_dates"]["page"]["date"] == "2024-02-18"
    text = context_text(graph, "page")
    assert text.startswith("سفر وزیر خارجه به باکو\nوزیر امور خارجه ایران امروز یکشنبه برای دیداری دو روزه")
    assert "پربازدیدترین" not in text and "صفحه اصلی" not in text
    assert "باکو" in anchors(graph, "page")


def test_long_line_built_in_time(built, graph):
    """A ~100,000-character single line is built whole (one context string of that length), within the budget."""
    *_, seconds = built
    assert len(context_text(graph, "longline")) == len(long_line()) + 1
    assert seconds < 300


def test_unknown_fields_and_nul_escape_kept(graph):
    """Unknown record fields are not a problem; a JSON "\\u0000" in an unknown field does not stop the record."""
    assert anchors(graph, "r6") == anchors(graph, "good") == anchors(graph, "r8")


# --- other languages ------------------------------------------------------------------------------------------

LANGS = [("english", "en", "1.00"), ("arabic", "ar", "1.00"), ("russian", "ru", "0.95")]


@pytest.mark.parametrize(("doc_id", "lang", "conf"), LANGS)
def test_non_persian_reported_not_extracted(built, graph, doc_id, lang, conf):
    """Non-Persian text: a warning with the detected language; the article is in the graph with no facts."""
    src, _, _, summary, _ = built
    assert (f"{src}/{doc_id}.txt: text is not Persian (detected {lang}, {conf}): nothing extracted"
            in summary["warnings"])
    assert (DATA[f"article/{doc_id}"], RDF.type, None) in graph
    assert anchors(graph, doc_id) == []
    prefixes = (str(DATA[f"event/{doc_id}/"]), str(DATA[f"membership/{doc_id}/"]))
    own = [s for s in set(graph.subjects()) if isinstance(s, URIRef) and str(s).startswith(prefixes)]
    assert own == []


def test_persian_not_reported_as_other_language(built):
    """Negative: no Persian article gets the not-Persian warning."""
    _, _, _, summary, _ = built
    flagged = [w for w in summary["warnings"] if "text is not Persian" in w]
    assert len(flagged) == len(LANGS)


# --- impossible and contradictory dates -----------------------------------------------------------------------


@pytest.mark.parametrize("stem", sorted(DATE_CASES))
def test_bad_date_flagged_in_summary(built, stem):
    """An impossible date or a weekday that contradicts the date is a build warning naming file and offset."""
    src, _, proc, summary, _ = built
    _, (start, _), problem = DATE_CASES[stem]
    warning = f"{src}/date-{stem}.txt: offset {start}: {problem}"
    assert warning in summary["warnings"]
    assert f"  warning: {warning}\n" in proc.stderr


def event_dates(g: Graph, doc_id: str) -> set[str]:
    """Every xsd:date value the article's reports of events state (what this article says; the occurrence it
    reports may be dated by another article that reports it too)."""
    prefixes = (str(DATA[f"report/{doc_id}/"]),)
    return {str(o) for s, _, o in g
            if str(s).startswith(prefixes) and isinstance(o, Literal) and o.datatype == XSD.date}


# stem → dates a silent "correction" would have produced (the day before / after the impossible one)
CORRECTIONS = {"esfand30": {"2023-03-20", "2023-03-21"}, "mehr31": {"2023-10-22", "2023-10-23"},
               "weekday": {"2024-02-17", "2024-02-24"}}


@pytest.mark.parametrize("stem", sorted(DATE_CASES))
def test_bad_date_not_silently_corrected(graph, stem):
    """Negative: no event carries a corrected date (the nearest real day, or the day the weekday would mean)."""
    dates = event_dates(graph, f"date-{stem}")
    assert dates & CORRECTIONS[stem] == set()


def test_weekday_mismatch_keeps_the_stated_date(graph):
    """A weekday that contradicts the date: the event keeps the date as written (۲۹ بهمن ۱۴۰۲ = 2024-02-18)."""
    assert event_dates(graph, "date-weekday") == {"2024-02-18"}


@pytest.mark.parametrize("stem", ["esfand30", "mehr31"])
def test_impossible_date_not_replaced_by_publication_date(graph, stem):
    """An event whose sentence states an impossible date is not dated with the publication date instead."""
    assert event_dates(graph, f"date-{stem}") == set()


@pytest.mark.parametrize("stem", sorted(DATE_CASES))
def test_bad_date_on_its_span_and_in_shacl_results(built, graph, stem):
    """The date's span carries dip:dateProblem, and validation.ttl has a DateProblemShape warning focused on it."""
    from rdflib.namespace import SH

    from kg.graph.vocab import DIP, DSH

    _, out, _, _, _ = built
    sentence, (start, end), problem = DATE_CASES[stem]
    span = URIRef(f"{DATA[f'article/date-{stem}/text']}#char={start},{end}")
    assert list(graph.objects(span, DIP.dateProblem)) == [Literal(problem)]
    assert str(graph.value(span, NIF.anchorOf)) == sentence[start:end]
    v = Graph().parse(out / "validation.ttl", format="turtle")
    results = [r for r in v.subjects(SH.focusNode, span)]
    assert [(v.value(r, SH.sourceShape), v.value(r, SH.resultSeverity)) for r in results] == [
        (DSH.DateProblemShape, SH.Warning)]


def test_good_dates_not_flagged(graph):
    """Negative: a correct date (the good articles, the HTML page) carries no dip:dateProblem."""
    from kg.graph.vocab import DIP

    flagged = {str(s).split("/article/")[1].split("/")[0] for s in graph.subjects(DIP.dateProblem, None)}
    assert flagged == {f"date-{stem}" for stem in DATE_CASES}


def test_validation_results_written(built):
    """validation.ttl is a SHACL report that agrees with the summary (conforms)."""
    from rdflib.namespace import SH

    _, out, _, summary, _ = built
    v = Graph().parse(out / "validation.ttl", format="turtle")
    reports = list(v.subjects(RDF.type, SH.ValidationReport))
    assert len(reports) == 1
    assert v.value(reports[0], SH.conforms).toPython() is summary["conforms"]


# --- size -----------------------------------------------------------------------------------------------------


def cli_build(*args: object, timeout: float = 3600) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kg.cli", "build", *map(str, args)], cwd=ROOT, capture_output=True,
                          text=True, timeout=timeout, env={**os.environ, "PYTHONIOENCODING": "utf-8"})


@pytest.mark.slow
def test_fifty_megabyte_file_refused_next_to_a_good_one(tmp_path):
    """A 50 MB .txt is refused unread with its size in the message; the good article beside it is built (exit 3)."""
    from kg.read.text import MAX_BYTES

    src = tmp_path / "in"
    src.mkdir()
    line = (FA + "\n").encode()
    (src / "big.txt").write_bytes(line * (50_000_000 // len(line) + 1))
    size = (src / "big.txt").stat().st_size
    (src / "good.md").write_text(md(FA), encoding="utf-8")
    t0 = time.monotonic()
    proc = cli_build(src, "--out", tmp_path / "out", "--no-report", timeout=600)
    assert proc.returncode == 3, proc.stderr
    assert time.monotonic() - t0 < 60
    assert (f"  error: {src}/big.txt: file too large for one article ({size:,} bytes, at most "
            f"{MAX_BYTES:,}): split it into articles, e.g. a .jsonl file with one article a line\n"
            in proc.stderr)
    summary = json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))
    assert list(summary["publication_dates"]) == ["good"]


# Full builds of 100,000 records do not fit CI's budget: SHACL validation costs ~0.1 s an article (~3 h), so the
# build is tested with RECORDS records; tests/test_readers.py streams 100,000 through the readers.
RECORDS = 1_000


@pytest.mark.slow
def test_many_jsonl_records_counts(tmp_path):
    """RECORDS short JSONL records, every 10th malformed: exactly the others are built, each bad line named."""
    texts = [FA, "سخنگوی وزارت امور خارجه گفت ایران با عراق گفتگو می‌کند.", "قیمت نان امروز ثابت ماند."]
    lines = [f'{{"id": "m{n}", "text": ' if n % 10 == 0 else
             rec(id=f"m{n}", text=f"{texts[n % 3]} {n}", published=PUB) for n in range(1, RECORDS + 1)]
    src = tmp_path / "many.jsonl"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    proc = cli_build(src, "--out", tmp_path / "out", "--no-report", "--jobs", "2")
    assert proc.returncode == 3, proc.stderr[-2000:]  # built, with skipped lines
    summary = json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))
    assert summary["articles"] == RECORDS - RECORDS // 10
    assert [p["where"] for p in summary["skipped"]] == [f"{src}:{n}" for n in range(10, RECORDS + 1, 10)]
    assert summary["conforms"] is True
    assert summary["triples"] == len(Graph().parse(tmp_path / "out" / "graph.ttl", format="turtle"))
