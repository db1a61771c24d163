"""The report page in headless Chromium with the network cut off: it renders, and no request leaves the machine.

Needs Debian's chromium (`apt-get install -y chromium`); skipped without it, but fails when CI is set.
Requests are recorded from Chromium's net log; those the browser makes for itself (initiator "not an origin",
e.g. update checks) are not the page's and are ignored. A bait page with an external image proves the check bites.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from kg.report import write_report

pytestmark = pytest.mark.browser
GRAPH = Path(__file__).parent / "data" / "analysis" / "graph.ttl"
CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--proxy-server=127.0.0.1:9", "--host-resolver-rules=MAP * ~NOTFOUND", "--window-size=1200,2000"]


@pytest.fixture(scope="module")
def chromium() -> str:
    if CHROMIUM is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed; .ci/run must `apt-get install -y chromium`")
        pytest.skip("chromium is not installed (apt-get install -y chromium)")
    return CHROMIUM


def _run(chromium: str, page: Path, tmp: Path, *extra: str) -> tuple[str, list[str]]:
    """(stdout, URLs the page asked for) of one Chromium run on a file: page."""
    net = tmp / f"net-{len(list(tmp.iterdir()))}.json"
    cmd = [chromium, *FLAGS, f"--user-data-dir={tmp / 'profile'}", f"--log-net-log={net}", *extra, page.as_uri()]
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=False)
    assert r.returncode == 0, r.stderr[-2000:]
    return r.stdout, _page_requests(net)


def _page_requests(net: Path) -> list[str]:
    log = json.loads(net.read_text(encoding="utf-8"))
    urls = []
    for e in log["events"]:
        p = e.get("params", {})
        if "url" in p and p.get("initiator", "") != "not an origin" and "initiator" in p:
            urls.append(p["url"])
    return sorted(set(urls))


def _external(urls: list[str]) -> list[str]:
    return [u for u in urls if not u.startswith(("file:", "data:", "about:", "chrome:"))]


@pytest.fixture(scope="module")
def report_page(tmp_path_factory) -> Path:
    return write_report(GRAPH, tmp_path_factory.mktemp("report"))["html"]


def test_page_renders_headings_and_charts(chromium, report_page, tmp_path):
    """The rendered DOM has the section headings and every SVG chart has drawn shapes."""
    dom, _ = _run(chromium, report_page, tmp_path, "--dump-dom")
    for heading in ("Overview", "Charts", "Country pairs", "Provenance coverage", "Source sentences"):
        assert f"<h2>{heading}</h2>" in dom
    for cid in ("chart-timeline", "chart-network", "chart-types", "chart-months", "chart-degree", "chart-embassy"):
        svg = re.search(rf'<svg id="{cid}".*?</svg>', dom, re.S)
        assert svg and len(re.findall(r"<(circle|rect|line)\b", svg.group())) >= 2, cid


def test_no_request_leaves_the_machine(chromium, report_page, tmp_path):
    """Loading the report asks for nothing but file: and data: URLs."""
    _, urls = _run(chromium, report_page, tmp_path, "--dump-dom")
    assert _external(urls) == []


def test_request_check_catches_an_external_image(chromium, tmp_path):
    """A page with an http image is caught by the same check (the test can fail)."""
    bait = tmp_path / "bait.html"
    bait.write_text('<!DOCTYPE html><html><body><img src="http://example.invalid/x.png"></body></html>')
    _, urls = _run(chromium, bait, tmp_path, "--dump-dom")
    assert _external(urls) == ["http://example.invalid/x.png"]


def test_screenshot_is_taken(chromium, report_page, tmp_path):
    """A PNG screenshot of the page is written."""
    shot = tmp_path / "report.png"
    _run(chromium, report_page, tmp_path, f"--screenshot={shot}")
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 10_000


def test_a_source_link_opens_the_folded_sentences(chromium, report_page, tmp_path):
    """The source sentences are folded (<details>); following a link to one of them opens the fold in Chromium
    (negative: without the fragment it stays closed)."""
    html = report_page.read_text(encoding="utf-8")
    n = re.search(r"<summary>(\d+) source sentences</summary>", html).group(1)
    anchor = "src-a2-95-126"
    assert f'href="#{anchor}"' in html
    cmd = [chromium, *FLAGS, f"--user-data-dir={tmp_path / 'profile'}", "--dump-dom"]
    opened = subprocess.run([*cmd, f"{report_page.as_uri()}#{anchor}"], capture_output=True, text=True,
                            timeout=120, check=True).stdout
    closed = subprocess.run([*cmd, report_page.as_uri()], capture_output=True, text=True, timeout=120,
                            check=True).stdout
    assert f'<details open=""><summary>{n} source sentences</summary>' in opened
    assert f"<details><summary>{n} source sentences</summary>" in closed
