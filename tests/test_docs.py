"""The README is tested: every command and extractor is described, and its SPARQL example gives what it shows."""

import re
import subprocess
import sys
from pathlib import Path

import pytest

from kg.cli import COMMANDS
from kg.extract.component import DEFAULT_PIPELINE, REGISTRY
from kg.extract.pipeline import extract_document  # noqa: F401  (registers the steps)

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_is_in_the_readme(command):
    """Each `kg` command has a row in the README's command table."""
    assert f"`kg {command}" in README


@pytest.mark.parametrize("name", DEFAULT_PIPELINE)
def test_every_extractor_is_in_the_readme(name):
    """Each registered step of the default pipeline has a row in the README's table: its name and its module."""
    module = REGISTRY[name].module.replace(".", "/") + ".py"
    assert re.search(rf"^\| `{re.escape(name)}` \| `{re.escape(module)}` \|", README, re.M), (name, module)


def test_every_extractor_module_is_registered():
    """Every module of kg/extract/steps registers a step of the default pipeline (no step left out of it)."""
    modules = {p.stem for p in (ROOT / "kg" / "extract" / "steps").glob("*.py") if not p.name.startswith("_")}
    assert modules == {REGISTRY[n].module.rsplit(".", 1)[1] for n in DEFAULT_PIPELINE}


def test_readme_links_resolve():
    """Every relative link of the README points at a file of the repository."""
    for target in re.findall(r"\]\(([^)#]+)\)", README):
        if not target.startswith("http"):
            assert (ROOT / target).exists(), target


def test_readme_sparql_example_gives_the_rows_shown(tmp_path):
    """The README's SPARQL example, run with `kg query` on the seed's graph, prints exactly the table shown."""
    from kg.build import build

    query = re.search(r"```sparql\n(.*?)```", README, re.S).group(1)
    shown = re.search(r"\$ .venv/bin/kg query out/graph.ttl QUERY.rq\n(.*?)```", README, re.S).group(1).rstrip("\n")
    build([ROOT / "seeds"], tmp_path, report=False)
    (tmp_path / "QUERY.rq").write_text(query, encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "kg.cli", "query", str(tmp_path / "graph.ttl"),
                           str(tmp_path / "QUERY.rq")], capture_output=True, text=True, check=True)
    printed = [line.rstrip() for line in proc.stdout.splitlines() if not re.fullmatch(r"\(\d+ rows?\)", line)]
    assert printed == [line.rstrip() for line in shown.splitlines()]


def readme_commands():
    """Every line of the README's ```sh blocks that runs `.venv/bin/kg`, in order."""
    lines = []
    for block in re.findall(r"```sh\n(.*?)```", README, re.S):
        lines += [line.split("  #")[0].strip() for line in block.splitlines() if line.startswith(".venv/bin/kg ")]
    return lines


def test_readme_has_runnable_examples():
    """The README shows how to run kg from the venv (it is not on the PATH after `make run`)."""
    assert "`.venv/bin/kg`" in README and "source .venv/bin/activate" in README
    assert len(readme_commands()) >= 8


def test_readme_examples_run_as_written(tmp_path):
    """Each `.venv/bin/kg …` line of the README, run in order from a folder holding `seeds/` and the `out/` of
    `make run`, exits 0 and prints something; the files they say they write are there."""
    import shlex
    import shutil

    from kg.build import build

    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    build([tmp_path / "seeds"], tmp_path / "out", report=False)
    for line in readme_commands():
        argv = shlex.split(line)
        proc = subprocess.run([sys.executable, "-m", "kg.cli", *argv[1:]], cwd=tmp_path, capture_output=True,
                              text=True, timeout=300)
        assert proc.returncode == 0, (line, proc.stderr[-2000:])
        assert proc.stdout.strip() or proc.stderr.strip(), line
    assert (tmp_path / "out" / "graph.jsonld").stat().st_size > 0
    assert (tmp_path / "out" / "analysis").is_dir()
    assert (tmp_path / "out" / "store").is_dir()
