"""What `kg build` prints: short whatever the corpus (counts, problems grouped by kind, paths), progress lines in a
log and a tqdm bar on a terminal, --jobs defaulting to the CPUs available and refusing 0."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kg.commands.build import Progress, cores, grouped, kind_of

ROOT = Path(__file__).resolve().parent.parent


def kg(*args, timeout: float = 600) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([sys.executable, "-m", "kg.cli", *map(str, args)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=timeout)


@pytest.mark.parametrize(("message", "kind"), [
    ("title-only designation 'سفیر ایران' not resolved (0 holders of Ambassador/iran in 2016-01-03…2016-01-03)",
     "title-only designation … not resolved …"),
    ("offset 185: weekday دوشنبه does not match 2024-10-18 (a Friday)",
     "offset …: weekday دوشنبه does not match … …"),
    ("binary file: not text", "binary file: not text"),
])
def test_kind_of_a_problem_leaves_out_what_it_is_about(message, kind):
    assert kind_of(message) == kind


def test_problems_grouped_largest_kind_first_each_once_with_three_examples():
    items = [("a.jsonl:1", "title-only designation 'X' not resolved (0 holders)"),
             ("a.jsonl:1", "title-only designation 'X' not resolved (0 holders)"),  # the same problem twice
             ("a.jsonl:2", "title-only designation 'Y' not resolved (0 holders)"),
             ("a.jsonl:3", "title-only designation 'Z' not resolved (0 holders)"),
             ("a.jsonl:4", "title-only designation 'W' not resolved (0 holders)"),
             ("b.txt", "publication date unknown (no date line)")]
    assert grouped(items) == [
        ("title-only designation … not resolved …", 4, items[0:1] + items[2:4]),
        ("publication date unknown …", 1, items[5:6]),
    ]


def test_progress_in_a_log_is_a_line_a_quarter_with_the_rate():
    out = io.StringIO()
    now = [0.0]
    progress = Progress(out, clock=lambda: now[0])
    for n in range(1, 101):
        now[0] = n / 2  # two articles a second
        progress("extract", n, 100)
    assert out.getvalue().splitlines() == [
        "extract: 25/100 articles (25 %, 2 articles/s)",
        "extract: 50/100 articles (50 %, 2 articles/s)",
        "extract: 75/100 articles (75 %, 2 articles/s)",
        "extract: 100/100 articles (100 %, 2 articles/s)",
    ]


def test_progress_is_silent_for_a_few_articles():
    out = io.StringIO()
    progress = Progress(out)
    for n in range(1, 6):
        progress("extract", n, 5)
    assert out.getvalue() == ""


def test_progress_on_a_terminal_is_a_tqdm_bar():
    class Tty(io.StringIO):
        def isatty(self):
            return True

    out = Tty()
    progress = Progress(out)
    for n in range(1, 41):
        progress("extract", n, 40)
    bar = progress.bars["extract"]
    assert (bar.n, bar.total, bar.unit, bar.desc) == (40, 40, "article", "extract")
    progress.close()
    assert out.getvalue().startswith("\rextract:") and "article/s" in out.getvalue()


@pytest.mark.parametrize("jobs", ["0", "-1", "two"])
def test_jobs_must_be_a_positive_whole_number(jobs, tmp_path):
    proc = kg("build", "seeds", "--out", tmp_path / "out", "--jobs", jobs)
    assert proc.returncode == 2
    assert "--jobs" in proc.stderr and "Traceback" not in proc.stderr
    assert not (tmp_path / "out").exists()


def test_jobs_default_is_the_cpus_available():
    proc = kg("build", "--help")
    assert f"here {cores()};" in " ".join(proc.stdout.split())
    assert cores() == len(os.sched_getaffinity(0))


@pytest.mark.slow
def test_a_2000_article_build_prints_at_most_40_lines(tmp_path):
    """2,000 news briefs of the bench corpus with 40 problems of three kinds: the output stays short, the details
    are all in summary.json."""
    from kg.bench.corpus import corpus, write_jsonl

    records = corpus(2000)
    for r in records[:30]:
        r.pop("published", None)  # 30 articles whose publication date must be inferred
    src = tmp_path / "corpus.jsonl"
    write_jsonl(records, src)
    with src.open("a", encoding="utf-8") as f:
        for i in range(10):
            f.write('{"id": "broken-' + str(i) + '", "text": \n')  # ten malformed lines
    proc = kg("build", src, "--out", tmp_path / "out", "--validator", "turbo", "--no-report")
    assert proc.returncode == 3, proc.stderr[-2000:]  # built, but inputs were skipped
    lines = proc.stderr.splitlines()
    assert len(lines) <= 40, proc.stderr
    assert lines[-3:] == [f"  graph: {tmp_path / 'out' / 'graph.ttl'}",
                          f"  validation: {tmp_path / 'out' / 'validation.ttl'}",
                          f"  summary: {tmp_path / 'out' / 'summary.json'}"]
    assert any(line.startswith("built 2000 article(s): ") for line in lines)
    assert "skipped inputs: 10 in 1 kind(s)" in lines
    summary = json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))
    assert len(summary["publication_dates"]) == 2000
    assert len([p for p in summary["skipped"] if p["severity"] == "error"]) == 10
