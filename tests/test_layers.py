"""The layers of planner, checked (STYLE.md: declare the layers once and let a tool check them).

The contracts themselves live in ``pyproject.toml`` (``[tool.importlinter]``) and are checked
by ``lint-imports`` in the test command. These tests add what a static contract cannot say:
that no module outside ``planner.ui`` pulls in Qt when it is really imported and run, and
that the import graph of the whole package has no cycle, lazy imports inside functions
included.
"""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import grimp

import planner


def _modules() -> list[str]:
    return sorted(
        m.name
        for m in pkgutil.walk_packages(planner.__path__, "planner.")
        # migrations are run by Alembic, and a __main__ runs the program when imported
        if not m.name.startswith("planner.db.migrations") and not m.name.endswith("__main__")
    )


def test_every_module_outside_the_ui_imports_without_qt(tmp_path: Path) -> None:
    """Every module is found by walking the package, so a new one is covered without a list."""
    qt_free = [m for m in _modules() if not m.startswith("planner.ui")]
    assert "planner.core.engine" in qt_free and "planner.cli" in qt_free
    code = (
        "import importlib, sys\n"
        f"for name in {qt_free!r}:\n"
        "    importlib.import_module(name)\n"
        "from planner.cli import main\n"
        f"assert main(['--db', {str(tmp_path / 'x.db')!r}, 'init']) == 0\n"
        "bad = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6')))\n"
        "assert not bad, f'Qt was imported: {bad[:3]}'\n"
    )
    # A fresh interpreter: nothing this test session imported can mask or cause a Qt import.
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False
    )
    assert out.returncode == 0, out.stderr[-2000:]


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in edges.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return found


def test_cycles_are_found() -> None:
    """The cycle finder itself: a ring of three is one cycle, a chain is none."""
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert _cycles({"a": {"b"}, "b": {"c"}}) == []


def test_no_import_cycle_anywhere_in_planner() -> None:
    """Imports inside functions count: a lazy import that closes a cycle is still a cycle."""
    graph = grimp.build_graph("planner", exclude_type_checking_imports=True, cache_dir=None)
    edges = {
        m: {i for i in graph.find_modules_directly_imported_by(m) if i.startswith("planner")}
        for m in graph.modules
        if not m.startswith("planner.db.migrations")
    }
    assert edges["planner.cli"], "the graph holds the command line's imports"
    assert _cycles(edges) == []
