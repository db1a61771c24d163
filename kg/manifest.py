"""What state a build's outputs are in: one build at a time in a folder, one set of outputs, a store's last writer.

    with lock(out): ...              out/.kg-build.lock, flock'ed: a second build into `out` is refused at once
    write_set(out, files)            every output written to a temp file first (a full disk stops here, nothing
                                     changed), then all renamed, then out/manifest.json last (build id, hashes)
    check_outputs(path)              for `kg` commands: is the folder of a graph file one build's outputs?
    StoreMarker(store)               STORE/dipkg-build.json: which build wrote the store, and whether it finished

The build id is a hash of the contents of the graph, validation results and summary, so the same build gives the
same manifest (outputs stay byte-stable) and a file from another build is recognised by its hash.
"""

from __future__ import annotations

import errno
import fcntl
import hashlib
import json
import os
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

from kg.atomic import atomic_path, write_atomic
from kg.errors import KgError

MANIFEST = "manifest.json"
LOCK = ".kg-build.lock"
STORE_MARKER = "dipkg-build.json"


class OutputError(KgError):
    """Outputs could not be written (a full disk, no permission) or another build is writing the folder."""

    exit_code = 4


def _os_words(exc: OSError) -> str:
    if exc.errno == errno.ENOSPC:
        return "no space left on the device"
    if exc.errno == errno.EDQUOT:
        return "disk quota exceeded"
    return exc.strerror or str(exc)


# --- the lock ---------------------------------------------------------------------------------------------------


@contextmanager
def lock(out: str | Path) -> Iterator[None]:
    """Hold the build lock of the folder `out` (created if missing). The kernel drops it when the process ends,
    kill -9 included, so a stale lock file never blocks a later build. Raises OutputError when another build holds
    it, before anything is written."""
    out = Path(out)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise OutputError(f"--out {out}: exists and is not a folder: give a folder for the outputs") from None
    except OSError as exc:
        raise OutputError(f"--out {out}: cannot create the folder: {_os_words(exc)}") from None
    path = out / LOCK
    while True:
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o644)
        except OSError as exc:
            raise OutputError(f"--out {out}: cannot write there: {_os_words(exc)}") from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 64, 0).decode("ascii", "replace").strip()
            os.close(fd)
            who = f" (process {holder})" if holder.isdigit() else ""
            raise OutputError(f"--out {out}: another kg build is writing to this folder{who}: wait for it to "
                              "finish, or give another --out; nothing was written") from None
        try:
            same = os.fstat(fd).st_ino == os.stat(path).st_ino
        except FileNotFoundError:
            same = False
        if same:
            break
        os.close(fd)  # the holder before us removed the file as we opened it: lock the new one
    try:
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        yield
    finally:
        try:
            path.unlink()
        except OSError:
            pass
        os.close(fd)


# --- the set of outputs -----------------------------------------------------------------------------------------


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def build_id(files: dict[str, bytes]) -> str:
    """The id of a build: a hash of its graph, validation results and summary (the same build, the same id)."""
    h = hashlib.sha256()
    for name in ("graph.ttl", "validation.ttl", "summary.json"):
        if name in files:
            h.update(f"{name}\0{digest(files[name])}\n".encode())
    return h.hexdigest()[:16]


def write_set(out: str | Path, files: dict[str, bytes], extra: dict | None = None) -> dict:
    """Write `files` (path relative to `out` → bytes) as one set: each to a temp file beside its target, all
    fsynced; only when all are written are they renamed into place, then the manifest written last.

    An OSError while the temp files are written (a full disk) leaves every old output as it was and raises
    OutputError saying so; one during the renames (rare: they need no space) says the folder is now a mix."""
    out = Path(out)
    manifest = {"build": build_id(files), "files": {name: digest(data) for name, data in sorted(files.items())},
                **(extra or {})}
    renaming = False
    try:
        with ExitStack() as stack:
            for name, data in files.items():
                target = out / name
                target.parent.mkdir(parents=True, exist_ok=True)
                tmp = stack.enter_context(atomic_path(target))
                with open(tmp, "wb") as f:
                    f.write(data)
                    f.flush()
                    os.fsync(f.fileno())
            renaming = True  # leaving the block renames each temp file over its target
        write_atomic(out / MANIFEST, json.dumps(manifest, indent=1, sort_keys=True) + "\n")
    except OSError as exc:
        where = f" ({exc.filename})" if exc.filename else ""
        if renaming:
            raise OutputError(f"{out}: writing the outputs failed while they were put in place: {_os_words(exc)}"
                              f"{where}; the folder may now mix this build's files with the previous one's "
                              "(kg commands say which): build again") from None
        raise OutputError(f"{out}: cannot write the outputs: {_os_words(exc)}{where}; nothing was changed (the "
                          "previous outputs are intact): free some space, or give another --out") from None
    return manifest


def check_outputs(path: str | Path) -> list[str]:
    """Warnings about the folder a graph file is in, when it holds a manifest: files of another build (a build
    killed while it put its outputs in place, or two builds into one folder) or a graph that is not the manifest's.
    Nothing to say (an empty list) for a folder without a manifest (a graph not made by `kg build`)."""
    path = Path(path)
    folder = path.parent
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        files = dict(manifest["files"])
    except FileNotFoundError:
        return []
    except (OSError, ValueError, KeyError, TypeError):
        return [f"{folder / MANIFEST}: unreadable manifest: the outputs in {folder} cannot be checked"]
    try:
        rel = path.resolve().relative_to(folder.resolve()).as_posix()
    except ValueError:
        rel = path.name
    if rel not in files:
        return []  # a file the build did not write (e.g. a user's export beside the outputs)
    odd = []
    for name in sorted(files):
        try:
            same = digest((folder / name).read_bytes()) == files[name]
        except FileNotFoundError:
            odd.append(f"{name} (missing)")
            continue
        except OSError:
            continue
        if not same:
            odd.append(name)
    out = []
    if odd:
        out.append(f"{folder}: these outputs are not those of build {manifest.get('build', '?')} that wrote "
                   f"{MANIFEST} last: {', '.join(odd)}; the folder mixes two builds (one was killed or two ran at "
                   "once): build again")
    if (folder / "report").is_dir() and not any(name.startswith("report/") for name in files):
        out.append(f"{folder / 'report'}: this report is not of build {manifest.get('build', '?')} (which ran "
                   "with --no-report): it describes an earlier graph; write a new one with kg report, or remove it")
    return out


# --- the store --------------------------------------------------------------------------------------------------


class StoreMarker:
    """STORE/dipkg-build.json: {"build": id, "state": "writing" | "complete", "articles": n}."""

    def __init__(self, store: str | Path):
        self.path = Path(store) / STORE_MARKER

    def writing(self, build: str, articles: int) -> None:
        self._write({"build": build, "state": "writing", "articles": articles})

    def complete(self, build: str, articles: int) -> None:
        self._write({"build": build, "state": "complete", "articles": articles})

    def _write(self, data: dict) -> None:
        try:
            write_atomic(self.path, json.dumps(data, indent=1, sort_keys=True) + "\n")
        except OSError as exc:
            raise OutputError(f"--store {self.path.parent}: cannot write its marker: {_os_words(exc)}") from None

    def read(self) -> dict | None:
        try:
            return json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None


def check_store(store: str | Path) -> list[str]:
    """Warnings about a store directory: written by a build that did not finish (its articles may mix builds)."""
    marker = StoreMarker(store).read()
    if marker is None or marker.get("state") == "complete":
        return []
    return [f"{store}: build {marker.get('build', '?')} was writing this store and did not finish (killed, failed, "
            "or still running): some articles may be that build's and others an earlier one's; build again"]


def check_path(path: str | Path) -> list[str]:
    """`check_store` for a store directory, `check_outputs` for a graph file."""
    p = Path(path)
    if p.is_dir():
        return check_store(p)
    return check_outputs(p) if p.is_file() else []
