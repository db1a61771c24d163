"""The benchmark's corpus generator, its stage timer and its target verdicts (kg.bench, kg.bench.corpus)."""

from __future__ import annotations

import json

import pytest

from kg.bench.corpus import KINDS, corpus, write_jsonl
from kg.bench.report import targets
from kg.bench.run import Run, main
from kg.read import read_inputs


def test_corpus_is_deterministic():
    """Same n and seed, same records; another seed, other texts."""
    assert corpus(5) == corpus(5)
    assert [r["text"] for r in corpus(5, seed=2)] != [r["text"] for r in corpus(5)]


def test_corpus_reads_as_documents(tmp_path):
    """The JSONL is read by the production reader without problems; ids, language and dates carried over."""
    path = write_jsonl(corpus(12), tmp_path / "c.jsonl")
    docs, problems = read_inputs([path])
    assert problems == []
    assert [d.id for d in docs] == [f"bench-{i:06d}" for i in range(12)]
    assert {d.lang for d in docs} == {"fa"}
    assert all(d.published_raw and d.title and d.text.startswith(d.title) for d in docs)


def test_every_event_kind_leads_one_article_in_twelve():
    """Article i opens with a sentence of kind i % 12: the twelve kinds are all written in any 12 articles."""
    assert len(KINDS) == 12
    leads = [r["text"].split("\n\n")[1] for r in corpus(12)]
    cues = [("سفر کرد", "وارد"), ("دیدار و گفت‌وگو کرد",), ("تماس تلفنی",), ("گفت که", "ابراز امیدواری"),
            ("حمله کردند",), ("تعلیق", "تعطیل شد"), ("بازگشایی", "آغاز مجدد"), ("جلسه دادگاه",), ("احضار شد",),
            ("اخراج کرد",), ("منصوب شد",), ("امضا کردند",)]
    for kind, lead, alternatives in zip(KINDS, leads, cues, strict=True):
        assert any(c in lead for c in alternatives), (kind, lead)


def test_extracted_corpus_has_all_kinds():
    """The extractor finds every one of the twelve event kinds in 24 generated articles."""
    from kg.extract.pipeline import extract_document

    docs, _ = read_inputs_from(corpus(24))
    found = {e.type for d in docs for e in extract_document(d).events}
    assert found == set(KINDS)


def read_inputs_from(records):
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as tmp:
        return read_inputs([write_jsonl(records, Path(tmp) / "c.jsonl")])


def test_stage_rates(tmp_path):
    """A stage records seconds, articles/s, triples/s and peak RSS, and the JSON is saved at once, incomplete."""
    run = Run(tmp_path, n=10, jobs=2)
    run.stage("graph", 2.0, articles=10, triples=500)
    saved = json.loads(run.path.read_text(encoding="utf-8"))
    s = saved["stages"]["graph"]
    assert (s["articles_per_s"], s["triples_per_s"], saved["complete"]) == (5.0, 250.0, False)
    assert s["rss_peak_mib"]["self"] > 0


def _data(per_core, jobs_rate, build, self_mib, child_mib, query_ms):
    return {"n": 10000, "jobs": 2, "build_seconds": build,
            "stages": {"extract_1core": {"articles_per_s": per_core}, "extract": {"articles_per_s": jobs_rate},
                       "export": {"rss_peak_mib": {"self": self_mib, "children": child_mib}}},
            "queries": {"q": {"median_ms": query_ms}}}


@pytest.mark.parametrize("data, verdicts", [
    (_data(300, 600, 60, 1000, 524, 100), [True, True, True, True, True]),  # every limit is inclusive
    (_data(299.9, 700, 59, 100, 100, 1), [False, True, True, True, True]),
    (_data(400, 599, 61, 100, 100, 1), [True, False, False, True, True]),
    (_data(400, 800, 10, 1000, 525, 100.01), [True, True, True, False, False]),  # 1000 + 2 x 525 > 2048
])
def test_targets(data, verdicts):
    """PASS/FAIL per target: per-core rate, rate/jobs, build ≤ 60 s, main + jobs x worker ≤ 2 GiB, query ≤ 100 ms."""
    assert [r["pass"] for r in targets(data)] == verdicts


@pytest.mark.slow
def test_bench_end_to_end(tmp_path, capsys):
    """A tiny run goes through every stage and query, prints the table and writes a complete JSON."""
    code = main(["--n", "12", "--jobs", "1", "--sample", "3", "--out", str(tmp_path)])  # turbo, pySHACL sample
    out = capsys.readouterr().out
    (path,) = tmp_path.glob("*.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["complete"] and code in (0, 1)
    assert set(data["stages"]) == {"read", "normalise", "extract_1core", "extract", "graph", "occurrences",
                                   "validate", "export", "validate_pyshacl_sample", "floor", "store_load"}
    occ = data["stages"]["occurrences"]
    assert occ["events"] <= occ["reports"] and 0 <= occ["share_of_build"] < 1 and "occurrences (within graph)" in out
    assert data["validator"] == "turbo" and data["stages"]["validate_pyshacl_sample"]["articles"] == 3
    assert data["build_seconds_pyshacl_projected"] > 0
    assert data["stages"]["export"]["triples"] == data["stages"]["floor"]["triples"] > 0
    assert len(data["queries"]) >= 9 and "targets:" in out and ("PASS" in out or "FAIL" in out)
    assert all(q["store_median_ms"] > 0 and q["median_ms"] > 0 for q in data["queries"].values())
