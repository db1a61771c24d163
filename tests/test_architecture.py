"""The layout rules of docs/architecture.md, read from the code itself (every module of kg/ parsed with `ast`):

- no `kg` import inside a function, unless its line says why with a `# lazy: REASON` comment;
- no import circle among the modules of kg/ (function-level imports included);
- imports run one way, down the stages: read → extract → graph → validate → sparql / analyze / report;
- at most 12 modules directly in kg/.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import networkx as nx

KG = Path(__file__).resolve().parent.parent / "kg"
DOC = KG.parent / "docs" / "architecture.md"

# Each unit (a package of kg/, or a module directly in kg/) and its rank: a unit imports only units of a lower
# rank, except that the shared modules of rank 0 may import one another (without a circle). Units of one rank
# (kg.read and kg.lexicon; kg.sparql and kg.analyze) do not import each other.
RANKS = {
    "kg": 0, "kg.errors": 0, "kg.model": 0, "kg.normalize": 0, "kg.atomic": 0, "kg.langid": 0, "kg.manifest": 0,
    "kg.read": 1, "kg.lexicon": 1,
    "kg.extract": 2,
    "kg.graph": 3,
    "kg.validate": 4,
    "kg.sparql": 5, "kg.analyze": 5,
    "kg.report": 6,
    "kg.build": 7, "kg.stream": 7,
    "kg.bench": 8, "kg.commands": 8,
    "kg.cli": 9,
}
MAX_TOP_MODULES = 12


def allowed(src: str, dst: str) -> bool:
    """May unit `src` import unit `dst`?"""
    return src == dst or RANKS[src] > RANKS[dst] or RANKS[src] == RANKS[dst] == 0


def module_name(path: Path) -> str:
    parts = list(path.relative_to(KG.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(KG.rglob("*.py"))}


def resolve(name: str) -> str:
    """The module of kg/ a dotted name refers to (`kg.graph.iris.segment` → `kg.graph.iris`)."""
    while name not in MODULES:
        name = name.rpartition(".")[0]
    return name


def unit(module: str) -> str:
    return ".".join(module.split(".")[:2])


class Import:
    def __init__(self, module: str, line: int, target: str, in_function: bool, text: str):
        self.module, self.line, self.target, self.in_function, self.text = module, line, target, in_function, text

    def __repr__(self) -> str:
        return f"{MODULES[self.module].relative_to(KG.parent)}:{self.line}: {self.text.strip()}"


def kg_imports() -> list[Import]:
    """Every import of a kg module in kg/, with the module it names and whether it sits inside a function."""
    found = []
    for name, path in MODULES.items():
        source = path.read_text(encoding="utf-8")
        lines = source.splitlines()
        tree = ast.parse(source, str(path))
        parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names if a.name.split(".")[0] == "kg"]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and (node.module or "").split(".")[0] == "kg":
                targets = [f"{node.module}.{a.name}" if f"{node.module}.{a.name}" in MODULES else node.module
                           for a in node.names]
            else:
                continue
            up, in_function = node, False
            while up in parents:
                up = parents[up]
                in_function = in_function or isinstance(up, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
            text = "\n".join(lines[node.lineno - 1:node.end_lineno])
            found += [Import(name, node.lineno, resolve(t), in_function, text) for t in targets]
    return found


IMPORTS = kg_imports()


def test_the_scan_sees_the_package():
    """The scan finds what it should: the modules, the one-way imports between them, the lazy ones."""
    assert {"kg", "kg.build", "kg.read.registry", "kg.graph.rdf", "kg.extract.steps.posts"} <= MODULES.keys()
    edges = {(i.module, i.target) for i in IMPORTS}
    assert ("kg.graph.rdf", "kg.graph.occurrences") in edges
    assert ("kg.graph.occurrences", "kg.graph.rdf_text") in edges
    assert ("kg.build", "kg.report") in edges  # a lazy one (networkx), counted as an edge all the same
    assert ("kg.report.sections", "kg.report.svg") in edges  # `from kg.report import svg` names the module


def test_no_kg_import_inside_a_function_without_a_reason():
    unexplained = [i for i in IMPORTS if i.in_function and "# lazy: " not in i.text]
    assert unexplained == [], ("kg imports inside functions: move them to the top of the module (restructure if "
                               "that makes a circle), or say why on the line with '# lazy: REASON'")
    lazy = {i.module for i in IMPORTS if i.in_function}
    assert lazy == {"kg.build", "kg.commands.analyze", "kg.commands.report"}  # networkx, kept out of `kg` start-up


def test_no_import_circle():
    g = nx.DiGraph()
    g.add_nodes_from(MODULES)
    g.add_edges_from((i.module, i.target) for i in IMPORTS if i.module != i.target)
    assert list(nx.simple_cycles(g)) == []


def test_imports_run_down_the_stages():
    units = {unit(m) for m in MODULES}
    assert units <= RANKS.keys(), f"place these in RANKS (and docs/architecture.md): {sorted(units - RANKS.keys())}"
    wrong = [i for i in IMPORTS if not allowed(unit(i.module), unit(i.target))]
    assert wrong == [], "imports against the stage order (docs/architecture.md)"


def test_the_stage_rule_refuses_an_upward_import():
    """The rule itself: e.g. kg.read may not import kg.graph, kg.extract not kg.sparql, kg.graph not kg.validate,
    kg.analyze not kg.report, kg.sparql not kg.analyze (peers)."""
    for src, dst in [("kg.read", "kg.graph"), ("kg.read", "kg.lexicon"), ("kg.extract", "kg.sparql"),
                     ("kg.graph", "kg.validate"), ("kg.extract", "kg.graph"), ("kg.analyze", "kg.report"),
                     ("kg.sparql", "kg.analyze"), ("kg.validate", "kg.build"), ("kg.errors", "kg.read")]:
        assert not allowed(src, dst), (src, dst)
    for src, dst in [("kg.extract", "kg.read"), ("kg.graph", "kg.lexicon"), ("kg.report", "kg.analyze"),
                     ("kg.build", "kg.report"), ("kg.normalize", "kg.model"), ("kg.cli", "kg.commands")]:
        assert allowed(src, dst), (src, dst)


def test_at_most_twelve_modules_directly_in_kg():
    top = sorted(p.name for p in KG.glob("*.py"))
    assert len(top) <= MAX_TOP_MODULES, top


def test_the_ranks_are_the_ones_docs_architecture_md_shows():
    """The table of ranks in docs/architecture.md ("Imports: one way, at the top") is RANKS."""
    shown = {}
    for rank, cell in re.findall(r"^\| (\d+) \| (.+) \|$", DOC.read_text(encoding="utf-8"), re.M):
        for name in re.findall(r"`([^`]+)`", cell):
            if name != "__init__":
                shown[name if name.startswith("kg") else f"kg.{name}"] = int(rank)
    assert shown == RANKS
