"""The import graph between the packages of ``server/``: features depend on the kernel, never in a circle.

The graph is built from the module-level imports of every file (``ast``; imports under
``if TYPE_CHECKING:`` and inside functions are not dependencies at import time). The
composition modules at ``server/``'s top (``features.py``, ``schema.py``, ``app.py``,
``cli.py``, …) are not packages and are left out: they import every feature on purpose.

Cycles that exist today are listed in ``KNOWN_CYCLES`` with what causes them; the list
may only shrink: a new cycle fails, and so does a listed one that is gone (remove it).
"""

import ast
from collections.abc import Iterator
from pathlib import Path

SERVER = Path(__file__).resolve().parents[1] / "server"
KERNEL = "kernel"

KNOWN_CYCLES: frozenset[frozenset[str]] = frozenset({
    # authz/scoping.py holds the row-scope SQL of org, conversations and reviews (each feature should
    # own its scope clauses); authz/service.py writes audit entries while audit reads the principal and
    # guards from authz (a kernel principal breaks it); org's and conversations' GraphQL types name each other.
    frozenset({"audit", "authz", "conversations", "org", "reviews"}),
})


def _module_level_imports(tree: ast.Module) -> Iterator[str]:
    for node in tree.body:
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module


def package_graph() -> dict[str, set[str]]:
    """Package → the other ``server`` packages its modules import at module level."""
    packages = {path.name for path in SERVER.iterdir() if (path / "__init__.py").exists()}
    graph: dict[str, set[str]] = {package: set() for package in packages}
    for package in packages:
        for path in (SERVER / package).rglob("*.py"):
            for name in _module_level_imports(ast.parse(path.read_text(encoding="utf-8"))):
                parts = name.split(".")
                if parts[0] == "server" and len(parts) > 1 and parts[1] in packages and parts[1] != package:
                    graph[package].add(parts[1])
    return graph


def cycles(graph: dict[str, set[str]]) -> set[frozenset[str]]:
    """The strongly connected components with more than one package (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: set[frozenset[str]] = set()

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.add(member)
                if member == node:
                    break
            if len(component) > 1:
                found.add(frozenset(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_kernel_imports_no_feature() -> None:
    assert package_graph()[KERNEL] == set()


def test_no_cycles_between_packages_but_the_known_ones() -> None:
    assert cycles(package_graph()) == KNOWN_CYCLES


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == {frozenset({"a", "b", "c"})}


METRICS_CONSUMERS = ("insights", "retention")


def test_features_above_the_metrics_engine_use_its_public_interface_only() -> None:
    reached: dict[str, set[str]] = {}
    for package in METRICS_CONSUMERS:
        for path in (SERVER / package).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("server.metrics"):
                    reached.setdefault(package, set()).add(node.module)
    assert reached == {"insights": {"server.metrics.api"}, "retention": {"server.metrics.api"}}
