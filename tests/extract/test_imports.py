"""The extract packages keep to their topics: no private names borrowed, no import loops."""

from __future__ import annotations

import ast
from pathlib import Path

import newsweave.extract

ROOT = Path(newsweave.extract.__file__).resolve().parent
PREFIX = "newsweave.extract"


def _modules() -> dict[str, ast.Module]:
    """Every module under ``newsweave.extract``, by dotted name, parsed."""
    out: dict[str, ast.Module] = {}
    for path in sorted(ROOT.rglob("*.py")):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join([PREFIX, *parts])] = ast.parse(path.read_text("utf-8"))
    return out


def _private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def test_no_module_imports_private_names() -> None:
    borrowed = [
        f"{module}: {node.module}.{alias.name}"
        for module, tree in _modules().items()
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
        if _private(alias.name) or any(_private(p) for p in (node.module or "").split("."))
    ]
    assert borrowed == []


def _imports(tree: ast.Module, known: set[str]) -> set[str]:
    """The extract modules ``tree`` imports anywhere (top level, functions, TYPE_CHECKING)."""
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            for alias in node.names:
                name = f"{node.module}.{alias.name}"
                found.add(name if name in known else node.module)
    return found & known


def test_no_import_loops() -> None:
    modules = _modules()
    graph = {m: _imports(tree, set(modules)) - {m} for m, tree in modules.items()}
    loops: list[list[str]] = []

    def visit(module: str, path: list[str], done: set[str]) -> None:
        for target in sorted(graph[module]):
            if target in path:
                loops.append([*path[path.index(target) :], target])
            elif target not in done:
                visit(target, [*path, target], done)
        done.add(module)

    done: set[str] = set()
    for module in sorted(graph):
        if module not in done:
            visit(module, [module], done)
    assert loops == []
