"""`kg build` through the real command line (a subprocess): outputs, exit codes, messages, determinism."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
TOY = ROOT / "tests" / "data" / "toy_lexicon"
OUTPUTS = ("graph.ttl", "validation.ttl", "summary.json")
# A short article of our own with its publication date in front matter (so the graph can conform).
GOOD_MD = "---\nid: good-1\npublished: 2024-02-18\n---\nوزیر امور خارجه ایران امروز در تهران با سفیر ترکیه دیدار کرد.\n"


def kg(*args: object, cwd: Path = ROOT, timeout: float = 300) -> subprocess.CompletedProcess:
    """Run the real CLI (`python -m kg.cli`) and capture its output as text."""
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([sys.executable, "-m", "kg.cli", *map(str, args)], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=timeout)


def summary_of(out: Path) -> dict:
    return json.loads((out / "summary.json").read_text(encoding="utf-8"))


def snapshot(out: Path) -> dict[str, bytes]:
    """Every file under `out` (relative path → bytes)."""
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def seed_build(tmp_path_factory):
    out = tmp_path_factory.mktemp("seed") / "out"
    return kg("build", "seeds", "--out", out), out


@pytest.fixture
def mixed(tmp_path):
    """A folder with one good article and an empty, a binary and a malformed file."""
    d = tmp_path / "in"
    d.mkdir()
    (d / "good.md").write_text(GOOD_MD, encoding="utf-8")
    (d / "empty.txt").write_bytes(b"")
    (d / "noise.txt").write_bytes(bytes(range(256)) * 8)
    (d / "broken.jsonl").write_text('{"id": "x", "text": \n', encoding="utf-8")
    return d


# --- the seed -------------------------------------------------------------------------------------------------


def test_seed_builds_and_conforms(seed_build):
    """The seed article builds with exit 0 and writes graph, validation results, summary and report."""
    proc, out = seed_build
    assert proc.returncode == 0, proc.stderr
    for name in OUTPUTS:
        assert (out / name).is_file() and (out / name).stat().st_size > 0, name
    assert (out / "report").is_dir() and any((out / "report").iterdir())
    assert "SHACL: conforms" in proc.stderr


def test_seed_summary_publication_date(seed_build):
    """The summary says the seed was published 2024-02-18, inferred from 'امروز (یکشنبه) ۲۹ بهمن ماه'."""
    _, out = seed_build
    s = summary_of(out)
    assert s["articles"] == 1 and s["conforms"] is True and s["skipped"] == [] and s["violations"] == []
    pub = s["publication_dates"]["000_b8878e3335182e53"]
    assert pub["date"] == "2024-02-18"
    assert pub["how"].startswith("weekday match: امروز (یکشنبه) ۲۹ بهمن ماه → 1402")


def test_seed_graph_parses_and_matches_summary(seed_build):
    """graph.ttl is valid Turtle with exactly the number of triples the summary reports."""
    _, out = seed_build
    g = Graph().parse(out / "graph.ttl", format="turtle")
    assert len(g) == summary_of(out)["triples"] > 0
    v = Graph().parse(out / "validation.ttl", format="turtle")
    assert len(v) > 0


def test_printed_output_paths_exist(seed_build):
    """Every output path the build prints ("  graph: …", "  report: …") exists."""
    proc, _ = seed_build
    printed = re.findall(r"^  (graph|validation|summary|store|report): (.+)$", proc.stderr, re.M)
    assert {k for k, _ in printed} >= {"graph", "validation", "summary", "report"}
    missing = [(k, p) for k, p in printed if not Path(p).exists()]
    assert missing == []


# --- help -----------------------------------------------------------------------------------------------------


def test_help_lists_every_command():
    """`kg --help` exits 0 and names every built-in command."""
    from kg.cli import COMMANDS

    proc = kg("--help")
    assert proc.returncode == 0, proc.stderr
    assert "build" in COMMANDS
    for name in COMMANDS:
        assert re.search(rf"^\s+{name}\s", proc.stdout, re.M), name


def test_build_help_lists_options():
    """`kg build --help` exits 0 and documents every option and the exit statuses."""
    proc = kg("build", "--help")
    assert proc.returncode == 0, proc.stderr
    for opt in ("--out", "--jobs", "--store", "--no-report", "--lexicon", "--quiet", "-q", "INPUT"):
        assert opt in proc.stdout, opt
    assert "Exit status" in proc.stdout


def test_build_without_out_is_usage_error(tmp_path):
    """Negative: `kg build seeds` without --out exits 2 with argparse's message and writes nothing."""
    proc = kg("build", "seeds", cwd=ROOT)
    assert proc.returncode == 2
    assert "--out" in proc.stderr


# --- bad inputs among good ones -------------------------------------------------------------------------------


def test_good_article_built_bad_files_reported(mixed, tmp_path):
    """One good article and three bad files: the good one is built, each bad one named on stderr, exit 3 (built,
    inputs skipped)."""
    out = tmp_path / "out"
    proc = kg("build", mixed, "--out", out, "--no-report")
    assert proc.returncode == 3, proc.stderr
    s = summary_of(out)
    assert s["articles"] == 1 and list(s["publication_dates"]) == ["good-1"]
    assert f"error: {mixed}/broken.jsonl:1: invalid JSON: Expecting value (column 21)" in proc.stderr
    assert f"warning: {mixed}/empty.txt: empty or white space only: nothing to build" in proc.stderr
    assert f"error: {mixed}/noise.txt: binary file, not text" in proc.stderr
    assert sorted(p["where"] for p in s["skipped"]) == [f"{mixed}/broken.jsonl:1", f"{mixed}/empty.txt",
                                                        f"{mixed}/noise.txt"]


def test_only_bad_inputs_exit_2(mixed, tmp_path):
    """Only unreadable inputs: exit 2, each named on stderr."""
    (mixed / "good.md").unlink()
    proc = kg("build", mixed, "--out", tmp_path / "out", "--no-report")
    assert proc.returncode == 2
    for name in ("broken.jsonl", "empty.txt", "noise.txt"):
        assert f"{mixed}/{name}" in proc.stderr


def test_missing_path_exit_2_names_it_and_keeps_outputs(seed_build, tmp_path):
    """A path that does not exist: exit 2, the path named, and the previous outputs in DIR left untouched."""
    _, seed_out = seed_build
    out = tmp_path / "out"
    shutil.copytree(seed_out, out)
    before = snapshot(out)
    missing = tmp_path / "no-such-folder"
    proc = kg("build", missing, "--out", out, "--no-report")
    assert proc.returncode == 2
    assert f"{missing}: no such file or folder" in proc.stderr
    assert snapshot(out) == before


def test_missing_path_with_good_input_still_builds(tmp_path):
    """A missing path next to a good article: the article is built (exit 3: an input skipped) and the missing path
    reported."""
    art = tmp_path / "a.md"
    art.write_text(GOOD_MD, encoding="utf-8")
    proc = kg("build", art, tmp_path / "nope.txt", "--out", tmp_path / "out", "--no-report")
    assert proc.returncode == 3, proc.stderr
    assert f"{tmp_path}/nope.txt: no such file or folder: check the path" in proc.stderr
    assert summary_of(tmp_path / "out")["articles"] == 1


# --- malformed lexicon ----------------------------------------------------------------------------------------


def _break_cols(d: Path) -> int:
    with open(d / "persons.tsv", "a", encoding="utf-8") as f:
        f.write("extra_person\tنام\n")
    return len((d / "persons.tsv").read_text(encoding="utf-8").splitlines())


def _break_dup(d: Path) -> int:
    lines = (d / "persons.tsv").read_text(encoding="utf-8").splitlines()
    (d / "persons.tsv").write_text("\n".join([*lines, lines[1]]) + "\n", encoding="utf-8")
    return len(lines) + 1


def _break_date(d: Path) -> int:
    lines = (d / "offices.tsv").read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1].replace("2021-01-01", "2021-13-45")
    assert "2021-13-45" in lines[1]
    (d / "offices.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 2


# how to break a copy of the toy lexicon, the file that names the problem, and the message
BROKEN_LEXICONS = [
    pytest.param(_break_cols, "persons.tsv", r"2 columns, expected 6", id="wrong column count"),
    pytest.param(_break_dup, "persons.tsv", r"duplicate key 'dara_kamani' \(first defined at .*persons.tsv:2\)",
                 id="duplicate key"),
    pytest.param(_break_date, "offices.tsv", r"not an ISO date: '2021-13-45'", id="bad date"),
]


@pytest.mark.parametrize(("breaker", "fname", "message"), BROKEN_LEXICONS)
def test_malformed_lexicon_stops_before_writing(seed_build, tmp_path, breaker, fname, message):
    """A malformed lexicon row: exit 2, 'file:line: message', and DIR's previous outputs byte-identical."""
    _, seed_out = seed_build
    out = tmp_path / "out"
    shutil.copytree(seed_out, out)
    before = snapshot(out)
    lex = tmp_path / "lex"
    shutil.copytree(TOY, lex)
    line = breaker(lex)
    proc = kg("build", "seeds", "--out", out, "--lexicon", lex)
    assert proc.returncode == 2, proc.stderr
    assert re.search(rf"kg build: error: {re.escape(str(lex / fname))}:{line}: {message}", proc.stderr), proc.stderr
    assert "Traceback" not in proc.stderr
    assert snapshot(out) == before


def test_toy_lexicon_builds(tmp_path):
    """Negative for the above: the unbroken toy lexicon builds the seed (exit 0)."""
    proc = kg("build", "seeds", "--out", tmp_path / "out", "--lexicon", TOY, "--no-report")
    assert proc.returncode == 0, proc.stderr
    assert summary_of(tmp_path / "out")["publication_dates"]["000_b8878e3335182e53"]["date"] == "2024-02-18"


# --- determinism ----------------------------------------------------------------------------------------------


def test_two_builds_byte_identical(seed_build, tmp_path):
    """Two builds of the same input into different folders (different hash seeds) give identical outputs."""
    _, first = seed_build
    out = tmp_path / "again"
    proc = kg("build", "seeds", "--out", out)
    assert proc.returncode == 0, proc.stderr
    a, b = snapshot(first), snapshot(out)
    assert sorted(a) == sorted(b)
    differ = [name for name in a if a[name] != b[name]]
    assert differ == []


def test_rebuild_into_same_dir_changes_nothing(seed_build, tmp_path):
    """Re-building the same input into the same DIR leaves every file byte-identical and adds no file."""
    _, first = seed_build
    out = tmp_path / "out"
    shutil.copytree(first, out)
    before = snapshot(out)
    proc = kg("build", "seeds", "--out", out)
    assert proc.returncode == 0, proc.stderr
    assert snapshot(out) == before


def test_jobs_give_same_graph(tmp_path):
    """--jobs 2 over several articles gives the same graph.ttl as --jobs 1."""
    d = tmp_path / "in"
    d.mkdir()
    for n in range(6):
        (d / f"a{n}.md").write_text(GOOD_MD.replace("good-1", f"g{n}"), encoding="utf-8")
    shutil.copy(SEEDS / "000_b8878e3335182e53.txt", d)
    for jobs in (1, 2):
        proc = kg("build", d, "--out", tmp_path / f"o{jobs}", "--jobs", jobs, "--no-report")
        assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "o1" / "graph.ttl").read_bytes() == (tmp_path / "o2" / "graph.ttl").read_bytes()


SENTENCES = [
    "وزیر امور خارجه ایران امروز در تهران با سفیر ترکیه دیدار کرد.",
    "سخنگوی وزارت امور خارجه گفت ایران با عراق درباره مرزها گفتگو می‌کند.",
    "رئیس جمهور روسیه به ترکیه سفر کرد و با همتای خود دیدار کرد.",
    "وزیر امور خارجه ایران با وزیر امور خارجه عمان تلفنی گفتگو کرد.",
    "سفارت ایران در باکو پس از یک سال بازگشایی شد.",
]


def test_two_builds_of_many_articles_byte_identical(tmp_path):
    """Several articles with shared entities: two builds (report included) give byte-identical files."""
    src = tmp_path / "in"
    src.mkdir()
    for n in range(1, 9):
        body = " ".join(SENTENCES[(n + k) % len(SENTENCES)] for k in range(3))
        (src / f"a{n}.md").write_text(f"---\npublished: 2024-02-18\n---\n{body}\n", encoding="utf-8")
    for name in ("one", "two"):
        proc = kg("build", src, "--out", tmp_path / name)
        assert proc.returncode == 0, proc.stderr
    a, b = snapshot(tmp_path / "one"), snapshot(tmp_path / "two")
    assert sorted(a) == sorted(b)
    assert [name for name in a if a[name] != b[name]] == []
