"""The wheel is the product: built from the repository, installed outside it, `kg build` of the seed works, with
the ontology, queries, lexicon and static files read from the installed package. No network: the build uses the
setuptools of the test's environment and the fresh environment borrows that environment's dependencies."""

import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.slow


def run(*args, cwd, env=None):
    proc = subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc


def test_wheel_installed_outside_the_repo_builds_the_seed(tmp_path):
    run(sys.executable, "-m", "pip", "wheel", ROOT, "--no-deps", "--no-build-isolation", "--no-index", "-q",
        "-w", tmp_path / "dist", cwd=tmp_path)
    (wheel,) = (tmp_path / "dist").glob("dipkg-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    for must in ("kg/ontology/dipkg.ttl", "kg/ontology/shapes.ttl", "kg/ontology/cameo.ttl",
                 "kg/lexicon/data/months.tsv", "kg/lexicon/data/countries.tsv", "kg/sparql/static/index.html"):
        assert must in names, must
    assert any(n.startswith("kg/ontology/queries/") and n.endswith(".rq") for n in names)

    venv = tmp_path / "venv"
    run(sys.executable, "-m", "venv", "--without-pip", venv, cwd=tmp_path)
    site = Path(sysconfig.get_path("purelib", vars={"base": venv, "platbase": venv}))
    # the dependencies: those of this environment, as a plain path (its .pth files, such as the editable
    # install of the repository, are not read from there)
    (site / "deps.pth").write_text(sysconfig.get_path("purelib") + "\n", encoding="utf-8")
    run(sys.executable, "-m", "pip", "--python", venv / "bin" / "python", "install", "--no-deps", "--no-index",
        "-q", wheel, cwd=tmp_path)

    work = tmp_path / "elsewhere"
    work.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    where = run(venv / "bin" / "python", "-c", "import kg, kg.graph.vocab as v; print(kg.__file__, v.SHAPES_FILE)",
                cwd=work, env=env).stdout.split()
    assert all(Path(p).is_relative_to(site) for p in where), where
    proc = run(venv / "bin" / "kg", "build", ROOT / "seeds", "--out", work / "out", cwd=work, env=env)
    assert "Traceback" not in proc.stderr
    assert (work / "out" / "graph.ttl").stat().st_size > 0
    assert (work / "out" / "validation.ttl").exists()
