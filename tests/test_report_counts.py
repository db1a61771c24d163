"""The report an analyst reads: its counts are the build's (summary.json), truncated tables say so, no Python
reprs, Jalali dates beside Gregorian ones, Persian event-type labels from the ontology, sources under their
headline and outlet, and charts that show what they count (six events on a day are a mark "6").

The small corpus is three short Persian sentences written for this test, plus the seed article."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from kg.analyze import analyze
from kg.analyze.load import EventRec
from kg.build import build
from kg.report import build_report, svg
from kg.report.labels import jalali, type_labels
from kg.report.sections import sections
from kg.report.sources import collect

ROOT = Path(__file__).resolve().parent.parent
HAND = Path(__file__).parent / "data" / "analysis" / "graph.ttl"
RECORDS = [
    {"id": "t1", "text": "سید عباس عراقچی وزیر امور خارجه ایران روز پنجشنبه ۲۰ اردیبهشت ۱۴۰۳ با هاکان فیدان وزیر "
     "امور خارجه ترکیه در تهران دیدار کرد.", "title": "دیدار دو وزیر در تهران", "outlet": "خبرگزاری آزمون",
     "published": "2024-05-10"},
    {"id": "t2", "text": "سفارت جمهوری آذربایجان در تهران روز دوشنبه ۱۷ تیر ۱۴۰۳ بازگشایی شد.",
     "title": "بازگشایی سفارت", "outlet": "خبرگزاری آزمون"},
    {"id": "t3", "text": "سخنگوی وزارت امور خارجه ایران روز سه‌شنبه ۱۸ تیر ۱۴۰۳ حمله به سفارت ایران در لیسبون "
     "را محکوم کرد.", "title": "محکومیت حمله", "outlet": "ایرنا", "published": "2024-07-09"},
]


@pytest.fixture(scope="module")
def small(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("small")
    src = tmp / "in.jsonl"
    src.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in RECORDS), encoding="utf-8")
    build([src, ROOT / "seeds"], tmp / "out")
    return tmp / "out"


def _json(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def test_report_counts_equal_the_builds_summary(small):
    """report.json's counts are summary.json's, exactly: 4 articles, 22 entities (the two outlets known only as
    publishers, ایرنا and خبرگزاری آزمون, apart), 7 posts, 15 events from 15 reports."""
    summary, rep = _json(small / "summary.json"), _json(small / "report" / "report.json")
    assert rep["counts"] == {k: summary[k] for k in ("articles", "entities", "posts", "events", "event_reports")}
    assert rep["counts"] == {"articles": 4, "entities": 22, "posts": 7, "events": 15, "event_reports": 15}
    assert rep["analysis"]["entities"]["publishers_only"] == 2


def test_articles_published_counts_the_undated_article(small):
    """t2 has no publication date: the range is over the 3 dated articles (MIN over an OPTIONAL was unbound)."""
    rep = _json(small / "report" / "report.json")
    assert rep["graph"]["articles"] == {"count": 4, "dated": 3, "first": "2024-02-18", "last": "2024-07-09"}
    md = (small / "report" / "report.md").read_text(encoding="utf-8")
    assert ("| articles published | 2024-02-18 (۲۹ بهمن ۱۴۰۲) … 2024-07-09 (۱۹ تیر ۱۴۰۳) (3 of 4 articles dated) |"
            in md)


def test_sources_under_headline_and_outlet(small):
    """Each article's sentences sit under its headline, outlet and publication date (Jalali beside); an outlet
    the lexicon knows ("ایرنا") is shown by its Persian name there."""
    html = (small / "report" / "report.html").read_text(encoding="utf-8")
    assert ('<p class="art"><code>t3</code> · <b dir="auto">محکومیت حمله</b> · '
            '<span dir="auto">خبرگزاری جمهوری اسلامی</span> · '
            "published 2024-07-09 (\u2068۱۹ تیر ۱۴۰۳\u2069)</p>") in html
    assert '<code>t2</code> · <b dir="auto">بازگشایی سفارت</b> · <span dir="auto">خبرگزاری آزمون</span> · ' \
           "published on an unknown date</p>" in html


def test_embassy_states_of_a_reopened_embassy(small):
    """Azerbaijan's embassy in Tehran: open, suspended from 2023-01-27 (seed), resumed from 2024-07-07 (t2)."""
    rep = _json(small / "report" / "report.json")
    pair = next(p for p in rep["analysis"]["embassies"] if p["a_label"] == "جمهوری آذربایجان")
    assert pair["missions"][0]["states"] == [{"state": "open", "start": None, "end": "2023-01-27"},
                                             {"state": "suspended", "start": "2023-01-27", "end": "2024-07-07"},
                                             {"state": "resumed", "start": "2024-07-07", "end": None}]
    html = (small / "report" / "report.html").read_text(encoding="utf-8")
    chart = re.search(r'<svg id="chart-embassy".*?</svg>', html).group()
    assert "<title>سفارت جمهوری آذربایجان در تهران: resumed, 2024-07-07 \u2013 the last event</title>" in chart
    assert "2 of 2 pairs with a mission" in chart


def test_seed_report_counts_labels_and_dates(tmp_path):
    """The seed: 1 article, 16 entities, 4 posts, 11 events; 'سفر' for Visit; events 2023-01-27 … 2024-02-18."""
    build([ROOT / "seeds"], tmp_path / "out", report=False)
    rep = build_report(tmp_path / "out" / "graph.ttl")
    assert rep.data["counts"] == {"articles": 1, "entities": 16, "posts": 4, "events": 11, "event_reports": 11}
    assert (rep.data["analysis"]["events"]["first"], rep.data["analysis"]["events"]["last"]) == (
        "2023-01-27", "2024-02-18")
    assert "<td>first event</td>" not in rep.html  # text cells carry a direction
    assert '<td dir="ltr">2023-01-27 (\u2068۷ بهمن ۱۴۰۱\u2069)</td>' in rep.html
    assert "| first event | 2023-01-27 (۷ بهمن ۱۴۰۱) |" in rep.markdown
    assert '<span dir="rtl">سفر</span> <span class="muted">visit</span>' in rep.html
    assert "| visit | سفر | 2 |" in rep.markdown


def test_persian_labels_are_the_ontologys():
    """Every event type has an @fa label in dipkg.ttl (data, not code)."""
    labels = type_labels()
    assert len(labels) == 12 and all(v["fa"] != t for t, v in labels.items())
    assert labels["Summons"] == {"en": "summons", "fa": "احضار"}
    assert labels["MissionSuspension"]["fa"] == "تعلیق فعالیت نمایندگی"


def test_jalali_dates():
    """Gregorian → Jalali in Persian words and digits."""
    assert jalali(date(2023, 10, 22)) == "۳۰ مهر ۱۴۰۲"
    assert jalali(date(2021, 3, 21)) == "۱ فروردین ۱۴۰۰"
    assert jalali(None) == ""


def test_truncated_tables_say_n_of_m():
    """With 5 rows allowed the hand-made graph's tables say "5 of 13 events, newest first" and "5 of 18"."""
    from kg.analyze.load import load_store

    store = load_store(HAND)
    result = analyze(store)
    data = build_report(store).data
    html = "".join(c for _, _, c in sections(data, result, collect(store, result.facts), max_rows=5))
    assert "<summary>5 of 13 events, newest first (undated last)</summary>" in html
    assert "<summary>5 of 18 entities named in the articles, by class and name</summary>" in html
    first = re.search(r"<summary>5 of 13 events.*?<tbody><tr><td[^>]*>([^<]*)</td>", html).group(1)
    assert first == data["analysis"]["events"]["last"] == "2024-04-05"


def test_no_python_reprs(small):
    """No True/False/None as a value anywhere in the page or the Markdown (negative: SHACL conforms is yes/no)."""
    html = (small / "report" / "report.html").read_text(encoding="utf-8")
    md = (small / "report" / "report.md").read_text(encoding="utf-8")
    assert not re.search(r">\s*(True|False|None)\s*<", html)
    assert not re.search(r"\|\s*(True|False|None)\s*\|", md) and "conforms: True" not in md
    assert "conforms: <b>yes</b>" in html


def test_six_attacks_on_one_day_are_one_mark_with_6():
    """Six events of a type on a day are one mark that says 6 (and its tooltip), not one dot."""
    day = date(2024, 3, 5)
    evs = [EventRec(f"e{i}", "Attack", [], earliest=day) for i in range(6)]
    evs.append(EventRec("v", "Visit", [], earliest=date(2024, 3, 20)))
    chart, rows = svg.timeline(evs)
    assert rows == [["2024-03-05", "۱۵ اسفند ۱۴۰۲", "حمله · attack", 6, 0],
                    ["2024-03-20", "۱ فروردین ۱۴۰۳", "سفر · visit", 1, 0]]
    assert chart.count('<g class="mark">') == 2
    assert "<title>حمله · attack: 6 events, 2024-03-05 (\u2068۱۵ اسفند ۱۴۰۲\u2069)</title>" in chart
    assert re.search(r'font-weight="bold">6</text>', chart)


def test_timeline_and_month_axes():
    """Year ticks over a long span, month ticks over a short one; months include the empty ones."""
    long = [EventRec(i, "Visit", [], earliest=d) for i, d in (("a", date(2021, 5, 1)), ("b", date(2024, 2, 1)))]
    chart, _ = svg.timeline(long)
    assert [t for t in ("2021", "2022", "2023", "2024") if f">{t}</text>" in chart] == ["2022", "2023", "2024"]
    short = [EventRec(i, "Visit", [], earliest=d) for i, d in (("a", date(2024, 1, 10)), ("b", date(2024, 4, 2)))]
    chart, _ = svg.timeline(short)
    assert ">2024</text>" in chart and ">Mar</text>" in chart and ">Apr</text>" in chart  # the first: its year
    months, rows = svg.months_chart({"2024-01": 2, "2024-02": 0, "2024-03": 1})
    assert rows == [["2024-01", "دی ۱۴۰۲", 2], ["2024-02", "بهمن ۱۴۰۲", 0], ["2024-03", "اسفند ۱۴۰۲", 1]]
    assert "3 months, 1 without events" in months


def test_network_legend_is_visible():
    """The colour key is drawn in the chart, not only in a tooltip."""
    rep = build_report(HAND)
    chart = re.search(r'<svg id="chart-network".*?</svg>', rep.html).group()
    for key in ("cooperative (همکاری)", "conflictual (تنش)", "both (هر دو)", "neutral (خنثی)"):
        assert f">{key}</text>" in chart
