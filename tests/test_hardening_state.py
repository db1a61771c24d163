"""Faults and state (issue 15): one build at a time in a folder, a manifest naming one set of outputs, a store
marker, a full disk that changes nothing, workers that die with the build, exit codes that say what happened and
never a traceback. docs/bad-input.md ("Interrupted builds", "Exit status") describes the same."""

from __future__ import annotations

import errno
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kg import manifest
from kg.cli import main

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds"
FA = "وزیر امور خارجه ایران امروز در تهران با سفیر ترکیه دیدار کرد."
FA2 = "سخنگوی وزارت امور خارجه گفت ایران با عراق درباره مرزها گفتگو می‌کند."
OUTPUTS = ["graph.ttl", "manifest.json", "report/report.html", "report/report.json", "report/report.md",
           "report/void.ttl", "summary.json", "validation.ttl"]


def kg(*args: object, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kg.cli", *map(str, args)], cwd=ROOT, capture_output=True,
                          text=True, timeout=timeout, env={**os.environ, "PYTHONIOENCODING": "utf-8"})


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def article(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(f"---\npublished: 2024-02-18\n---\n{text}\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The seed built once with --store (in this process: the library's own path)."""
    base = tmp_path_factory.mktemp("state")
    assert main(["build", str(SEED), "--out", str(base / "out"), "--store", str(base / "store"), "-q"]) == 0
    return base


def run_cli(capsys, *args: str) -> tuple[int, str]:
    code = main(list(args))
    return code, capsys.readouterr().err


# --- the lock --------------------------------------------------------------------------------------------------


def test_second_build_into_a_locked_folder_is_refused_before_writing(tmp_path):
    """While a build holds DIR's lock, another `kg build --out DIR` exits 4 naming the holder; DIR is unchanged."""
    src = article(tmp_path / "in", "a.md", FA)
    out = tmp_path / "out"
    with manifest.lock(out):
        before = snapshot(out)
        proc = kg("build", src, "--out", out, "--no-report", timeout=120)
        assert snapshot(out) == before
    assert proc.returncode == 4, proc.stderr
    assert proc.stderr == (f"kg build: error: --out {out}: another kg build is writing to this folder (process "
                           f"{os.getpid()}): wait for it to finish, or give another --out; nothing was written\n")


def test_two_builds_at_once_leave_one_set(tmp_path):
    """Two `kg build`s of different inputs started together into one DIR: one builds, the other is refused (exit 4)
    naming the folder (or, if the machine ran them one after the other, both build); DIR holds exactly one build's
    outputs, which its manifest confirms (without the lock, 5 runs of 7 mixed one's graph with the other's
    summary)."""
    a = article(tmp_path / "a", "a.md", FA)
    b = article(tmp_path / "b", "b.md", FA2)
    out = tmp_path / "out"
    cmds = [[sys.executable, "-m", "kg.cli", "build", str(src), "--out", str(out), "-q"] for src in (a, b)]
    procs = [subprocess.Popen(c, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for c in cmds]
    results = [p.communicate(timeout=300) for p in procs]
    codes = [p.returncode for p in procs]
    assert sorted(codes) in ([0, 4], [0, 0]), results
    if 4 in codes:
        assert results[codes.index(4)][1].startswith(f"kg build: error: --out {out}: another kg build is writing "
                                                     "to this folder")
    alone = {}
    for name, src in (("a", a), ("b", b)):
        assert main(["build", str(src), "--out", str(tmp_path / f"alone-{name}"), "-q"]) == 0
        alone[name] = snapshot(tmp_path / f"alone-{name}")
    assert snapshot(out) in (alone["a"], alone["b"])
    assert manifest.check_outputs(out / "graph.ttl") == []


def test_lock_left_by_a_killed_build_does_not_block(tmp_path):
    """A build killed with -9 while holding the lock: the next build takes the lock (the kernel released it)."""
    out = tmp_path / "out"
    holder = subprocess.Popen([sys.executable, "-c", "import sys, time; from kg.manifest import lock\n"
                               f"with lock({str(out)!r}):\n    print('held', flush=True); time.sleep(60)"],
                              cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline() == "held\n"
        with pytest.raises(manifest.OutputError, match="another kg build is writing"):
            with manifest.lock(out):
                pass
        holder.send_signal(signal.SIGKILL)
        holder.wait(timeout=10)
    finally:
        holder.kill()
        holder.wait()
        holder.stdout.close()
    assert (out / manifest.LOCK).exists()  # stale file, no lock on it
    with manifest.lock(out):
        pass
    assert not (out / manifest.LOCK).exists()  # removed by the holder that ends normally


def test_out_that_is_a_file_is_refused(tmp_path, capsys):
    """--out naming a file: exit 4 with a message, the file untouched."""
    (tmp_path / "f").write_text("keep", encoding="utf-8")
    code, err = run_cli(capsys, "build", str(article(tmp_path / "in", "a.md", FA)), "--out", str(tmp_path / "f"),
                        "-q", "--no-report")
    assert code == 4
    assert err == (f"kg build: error: --out {tmp_path / 'f'}: exists and is not a folder: give a folder for the "
                   "outputs\n")
    assert (tmp_path / "f").read_text(encoding="utf-8") == "keep"


# --- the manifest ----------------------------------------------------------------------------------------------


def test_manifest_names_every_output_with_its_hash(built):
    """manifest.json, written last, lists each output with its SHA-256 and the build id made from them."""
    out = built / "out"
    m = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    files = {n: (out / n).read_bytes() for n in OUTPUTS if n != "manifest.json"}
    assert m == {"build": manifest.build_id(files), "files": {n: manifest.digest(b) for n, b in files.items()}}
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()) == OUTPUTS


def test_same_input_same_manifest(built, tmp_path):
    """Negative for noise: building the same input again gives the same manifest bytes (outputs stay byte-stable)."""
    assert main(["build", str(SEED), "--out", str(tmp_path / "again"), "-q"]) == 0
    assert (tmp_path / "again" / "manifest.json").read_bytes() == (built / "out" / "manifest.json").read_bytes()


def test_mixed_outputs_are_reported_by_kg_commands(built, tmp_path, capsys):
    """A summary.json of another build beside the graph (a killed build, two builds at once): kg query names it."""
    out = tmp_path / "mixed"
    out.mkdir()
    for name, data in snapshot(built / "out").items():
        (out / name).parent.mkdir(parents=True, exist_ok=True)
        (out / name).write_bytes(data)
    code, err = run_cli(capsys, "query", str(out / "graph.ttl"), "-e", "ASK { ?s ?p ?o }", "-f", "json")
    assert (code, err) == (0, "")  # negative: one build's outputs, nothing said
    (out / "summary.json").write_text("{}\n", encoding="utf-8")
    build = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["build"]
    for cmd in (["query", str(out / "graph.ttl"), "-e", "ASK { ?s ?p ?o }", "-f", "json"],
                ["export", str(out / "graph.ttl"), "--format", "nt", "--out", str(tmp_path / "x.nt")]):
        code, err = run_cli(capsys, *cmd)
        assert code == 0
        assert err.splitlines()[0] == (
            f"kg {cmd[0]}: warning: {out}: these outputs are not those of build {build} that wrote "
            "manifest.json last: summary.json; the folder mixes two builds (one was killed or two ran at "
            "once): build again")


# --- the store marker ------------------------------------------------------------------------------------------


def test_store_marker_says_which_build_wrote_it(built):
    """After a build, STORE/dipkg-build.json names the build (same id as the manifest) as complete."""
    m = json.loads((built / "out" / "manifest.json").read_text(encoding="utf-8"))
    assert json.loads((built / "store" / manifest.STORE_MARKER).read_text(encoding="utf-8")) == {
        "articles": 1, "build": m["build"], "state": "complete"}


def test_store_left_by_an_unfinished_build_is_reported(built, tmp_path, capsys):
    """A store whose last writer did not finish (marker 'writing'): kg query says so, and still answers."""
    import shutil

    store = tmp_path / "store"
    shutil.copytree(built / "store", store)
    code, err = run_cli(capsys, "query", str(store), "-e", "ASK { ?s ?p ?o }", "-f", "json")
    assert (code, err) == (0, "")
    manifest.StoreMarker(store).writing("0123456789abcdef", 5)
    code, err = run_cli(capsys, "query", str(store), "-e", "ASK { ?s ?p ?o }", "-f", "json")
    assert code == 0
    assert err == (f"kg query: warning: {store}: build 0123456789abcdef was writing this store and did not finish "
                   "(killed, failed, or still running): some articles may be that build's and others an earlier "
                   "one's; build again\n")


def test_store_that_is_a_file_no_lock_hint(tmp_path, capsys):
    """--store naming a file: exit 2 saying so, without the hint about another process; nothing written to --out."""
    (tmp_path / "st").write_text("x", encoding="utf-8")
    out = tmp_path / "out"
    code, err = run_cli(capsys, "build", str(article(tmp_path / "in", "a.md", FA)), "--out", str(out), "--store",
                        str(tmp_path / "st"), "-q", "--no-report")
    assert code == 2
    assert err == (f"kg build: error: {tmp_path / 'st'}: is a file, not a store directory: give a folder (created "
                   "if missing)\n")
    assert not (out / "graph.ttl").exists()


def test_store_locked_by_another_process_gets_the_hint(tmp_path, capsys):
    """A store another process has open for writing: the message says another process is writing to it."""
    import pyoxigraph as ox

    held = ox.Store(str(tmp_path / "st"))
    try:
        code, err = run_cli(capsys, "build", str(article(tmp_path / "in", "a.md", FA)), "--out", str(tmp_path / "o"),
                            "--store", str(tmp_path / "st"), "-q", "--no-report")
    finally:
        del held
    assert code == 2
    assert err.startswith(f"kg build: error: {tmp_path / 'st'}: cannot open the store: ")
    assert err.endswith("(another process is writing to it: wait for it to finish)\n")


def test_store_error_hint_only_for_locks():
    """The hint is given for a lock error only: not for a full disk, nor for any other error."""
    from kg.sparql.store import store_error

    assert store_error(OSError(errno.ENOSPC, "No space left on device")) == "no space left on the device"
    assert store_error(OSError(errno.EACCES, "Permission denied")) == "Permission denied"
    assert store_error(OSError("IO error: While lock file: /s/LOCK: Resource temporarily unavailable")).endswith(
        "(another process is writing to it: wait for it to finish)")


# --- a full disk -----------------------------------------------------------------------------------------------


def test_full_disk_at_the_report_stage_changes_nothing(built, tmp_path, monkeypatch, capsys):
    """ENOSPC while the report is written: exit 4 with a clear message, every old output as it was (no new graph
    beside the old report), no temp file left."""
    out = tmp_path / "out"
    assert main(["build", str(article(tmp_path / "a", "a.md", FA)), "--out", str(out), "-q"]) == 0
    capsys.readouterr()
    before = snapshot(out)
    real_open = open

    def full_at_report(path, mode="r", *a, **k):
        f = real_open(path, mode, *a, **k)
        if "w" in mode and Path(path).name.startswith(".report.html."):
            def write(_data):
                raise OSError(errno.ENOSPC, "No space left on device", str(path))
            f.write = write
        return f

    monkeypatch.setattr(manifest, "open", full_at_report, raising=False)
    code, err = run_cli(capsys, "build", str(article(tmp_path / "b", "b.md", FA2)), "--out", str(out), "-q")
    assert code == 4
    assert err.startswith(f"kg build: error: {out}: cannot write the outputs: no space left on the device (")
    assert err.endswith("); nothing was changed (the previous outputs are intact): free some space, or give another "
                        "--out\n")
    assert "Traceback" not in err
    assert snapshot(out) == before


def test_full_disk_on_a_small_tmpfs(tmp_path, capsys):
    """A real full disk (a 128 KiB tmpfs, when this test may mount one): exit 4, the old outputs intact."""
    mnt = tmp_path / "mnt"
    mnt.mkdir()
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", "size=128k", "tmpfs", str(mnt)],
                                           capture_output=True).returncode != 0:
        pytest.skip("cannot mount a tmpfs here (needs root); the injected ENOSPC test covers the same path")
    try:
        out = mnt / "out"
        assert main(["build", str(article(tmp_path / "a", "a.md", FA)), "--out", str(out), "-q",
                     "--no-report"]) == 0
        before = snapshot(out)
        capsys.readouterr()
        code, err = run_cli(capsys, "build", str(SEED), "--out", str(out), "-q")
        assert code == 4, err
        assert "no space left on the device" in err and "nothing was changed" in err
        assert snapshot(out) == before
    finally:
        subprocess.run(["umount", str(mnt)], check=True)


# --- workers and exit codes ------------------------------------------------------------------------------------


def _children(pid: int) -> set[int]:
    out = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            out |= {int(c) for c in (task / "children").read_text().split()}
        except OSError:
            pass
    return out


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ")[-1][0] not in "ZX"
    except OSError:
        return False


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs Linux /proc")
def test_pool_workers_die_with_a_killed_build(tmp_path):
    """kill -9 of `kg build --jobs 2`: its worker processes end too (within 10 s), none is left orphaned."""
    src = tmp_path / "in"
    for n in range(200):
        article(src, f"a{n:03}.md", f"{FA} {FA2} {n}")
    proc = subprocess.Popen([sys.executable, "-m", "kg.cli", "build", str(src), "--out", str(tmp_path / "out"),
                             "--jobs", "2", "-q"], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        workers: set[int] = set()
        while time.monotonic() < deadline and len(workers) < 2:
            workers = _children(proc.pid)
            time.sleep(0.1)
        assert len(workers) >= 2, "the build never started its workers"
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and any(_alive(w) for w in workers):
            time.sleep(0.1)
        left = [w for w in workers if _alive(w)]
    finally:
        proc.kill()
    for w in left:
        os.kill(w, signal.SIGKILL)
    assert left == []


def test_a_crash_is_not_exit_1_and_has_no_traceback(monkeypatch, capsys, tmp_path):
    """A bug (any unexpected exception) exits 70, never 1 (1 = does not conform), in one line, no traceback."""
    import kg.commands.build as cmd

    def boom(*a, **k):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(cmd, "build", boom)
    monkeypatch.delenv("KG_TRACEBACK", raising=False)
    code, err = run_cli(capsys, "build", str(SEED), "--out", str(tmp_path / "o"))
    assert code == 70
    assert err == ("kg build: internal error: ZeroDivisionError: division by zero -- a bug in dipkg; please report it "
                   "with the command you ran (KG_TRACEBACK=1 shows where it happened)\n")


def test_os_error_is_one_line_exit_4(monkeypatch, capsys, tmp_path):
    """An OSError the command did not expect (permission, full disk): its file and words, exit 4, no traceback."""
    import kg.commands.build as cmd

    def denied(*a, **k):
        raise PermissionError(errno.EACCES, "Permission denied", "/x/graph.ttl")

    monkeypatch.setattr(cmd, "build", denied)
    code, err = run_cli(capsys, "build", str(SEED), "--out", str(tmp_path / "o"))
    assert (code, err) == (4, "kg build: error: /x/graph.ttl: Permission denied\n")




def test_a_report_left_by_an_earlier_build_is_flagged(tmp_path, capsys):
    """`kg build --no-report` into a folder with a report of an earlier build: kg commands say the report is not
    this build's; a build with a report (or a folder without one) says nothing."""
    out = tmp_path / "out"
    assert main(["build", str(SEED), "--out", str(out), "-q"]) == 0
    code, err = run_cli(capsys, "query", str(out / "graph.ttl"), "-e", "ASK { ?s ?p ?o }", "-f", "json")
    assert (code, err) == (0, "")
    assert main(["build", str(SEED), "--out", str(out), "-q", "--no-report"]) == 0
    build = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["build"]
    code, err = run_cli(capsys, "query", str(out / "graph.ttl"), "-e", "ASK { ?s ?p ?o }", "-f", "json")
    assert code == 0
    assert err == (f"kg query: warning: {out / 'report'}: this report is not of build {build} (which ran with "
                   "--no-report): it describes an earlier graph; write a new one with kg report, or remove it\n")
