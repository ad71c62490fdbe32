"""The import rules of the source tree, checked by reading it with ``ast``.

A module that imports another module's private (``_underscore``) name is one topic
split in two, and an import cycle makes the order in which modules load matter; both
are easy to add by accident and hard to see in review, so a test reads every module
under ``src/newsweave`` and lists the offenders.

Cycles count module-level imports only: an import inside a function, or under
``if TYPE_CHECKING:``, runs after every module has loaded (or never), so it cannot
make a module see a half-initialised one.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import newsweave

ROOT = Path(newsweave.__file__).resolve().parent
PACKAGE = "newsweave"



@dataclass(frozen=True)
class Source:
    """One module of the tree: its dotted name, whether it is a package, its syntax tree."""

    name: str
    is_package: bool
    tree: ast.Module


def _sources() -> dict[str, Source]:
    out = {}
    for path in sorted(ROOT.rglob("*.py")):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        is_package = parts[-1] == "__init__"
        if is_package:
            parts.pop()
        name = ".".join([PACKAGE, *parts])
        out[name] = Source(name, is_package, ast.parse(path.read_text(), str(path)))
    return out


def _is_private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def _base(source: Source, node: ast.ImportFrom) -> str | None:
    """The module a ``from ... import`` reads from, relative imports resolved."""
    if not node.level:
        return node.module
    package = source.name.split(".")
    if not source.is_package:
        package.pop()
    if node.level > 1:
        package = package[: len(package) - (node.level - 1)]
    return ".".join([*package, node.module] if node.module else package)


def _ours(module: str | None) -> bool:
    return module is not None and (module == PACKAGE or module.startswith(PACKAGE + "."))


def _imports(tree: ast.AST, module_level: bool) -> Iterator[ast.Import | ast.ImportFrom]:
    """Every import statement; with ``module_level``, only those that run when the module
    loads (not inside functions, not under ``if TYPE_CHECKING:``)."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node
        elif module_level and isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        elif module_level and isinstance(node, ast.If) and _is_type_checking(node.test):
            yield from _imports(ast.Module(body=node.orelse, type_ignores=[]), module_level)
        else:
            yield from _imports(node, module_level)


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def private_imports(sources: dict[str, Source]) -> set[str]:
    """``module:name`` for every private name a module takes from another of ours: imported
    by name (``from newsweave.x import _y``, aliased or not, relative or not), a private
    module imported (``import newsweave.x._y``), or read off an imported module
    (``from newsweave import x`` then ``x._y``)."""
    found = set()
    for source in sources.values():
        modules: set[str] = set()  # local names bound to modules of ours
        for node in _imports(source.tree, module_level=False):
            if isinstance(node, ast.ImportFrom):
                base = _base(source, node)
                if not _ours(base):
                    continue
                for alias in node.names:
                    if _is_private(alias.name):
                        found.add(f"{source.name}:{alias.name}")
                    if f"{base}.{alias.name}" in sources:
                        modules.add(alias.asname or alias.name)
            else:
                for alias in node.names:
                    parts = alias.name.split(".")
                    if parts[0] != PACKAGE:
                        continue
                    if any(_is_private(p) for p in parts[1:]):
                        found.add(f"{source.name}:{alias.name}")
                    modules.add(alias.asname or PACKAGE)
        for read in ast.walk(source.tree):
            if isinstance(read, ast.Attribute) and _is_private(read.attr):
                owner = _dotted(read.value)
                if owner is not None and owner.split(".")[0] in modules:
                    found.add(f"{source.name}:{read.attr}")
    return found


def _dotted(node: ast.expr) -> str | None:
    """``a.b.c`` for a chain of attribute reads on a plain name, else None."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        head = _dotted(node.value)
        return None if head is None else f"{head}.{node.attr}"
    return None


def import_graph(sources: dict[str, Source]) -> dict[str, set[str]]:
    """module → the modules of ours it makes Python load when it loads.

    ``from package import name`` points at the submodule when ``name`` is one, else at the
    package. Importing a module first loads its packages: those are edges too, except the
    importer's own packages, which Python has loaded (or is loading) before the importer."""
    graph: dict[str, set[str]] = {name: set() for name in sources}
    for source in sources.values():
        for node in _imports(source.tree, module_level=True):
            targets: list[str] = []
            if isinstance(node, ast.ImportFrom):
                base = _base(source, node)
                if base is None or not _ours(base):
                    continue
                for alias in node.names:
                    sub = f"{base}.{alias.name}"
                    targets.append(sub if sub in sources else base)
            else:
                targets = [a.name for a in node.names if _ours(a.name)]
            own = _packages(source.name)
            for target in targets:
                loaded = {target, *_packages(target)} - own - {source.name}
                graph[source.name].update(m for m in loaded if m in sources)
    return graph


def _packages(module: str) -> set[str]:
    """The packages enclosing ``module`` (``a.b.c`` → ``a``, ``a.b``)."""
    parts = module.split(".")
    return {".".join(parts[:n]) for n in range(1, len(parts))}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                out.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(out)


def test_no_module_imports_another_modules_private_names() -> None:
    found = private_imports(_sources())
    unexpected = sorted(found)
    assert not unexpected, "private names imported across modules:\n" + "\n".join(unexpected)


def test_no_import_cycles_between_modules() -> None:
    found = [", ".join(group) for group in cycles(import_graph(_sources()))]
    assert not found, "modules importing each other when they load:\n" + "\n".join(found)


def _parse(code: str, name: str = "newsweave.pkg.mod", is_package: bool = False) -> Source:
    return Source(name, is_package, ast.parse(code))


def test_the_checks_see_aliases_multiline_and_relative_imports() -> None:
    source = _parse(
        "from newsweave.a import (\n    public,\n    _hidden as shown,\n)\n"
        "from .b import _relative\n"
        "import newsweave.c._module as m\n"
        "from newsweave.d import __version__\n"
        "def f():\n    from newsweave.e import _late\n"
        "from newsweave import f as g\n"
        "import newsweave.h\n"
        "g._read_off(newsweave.h._also, public._not_a_module, self._own)\n"
    )
    others = [_parse("", name) for name in ("newsweave.f", "newsweave.h")]
    assert private_imports({s.name: s for s in (source, *others)}) == {
        "newsweave.pkg.mod:_hidden",
        "newsweave.pkg.mod:_relative",
        "newsweave.pkg.mod:newsweave.c._module",
        "newsweave.pkg.mod:_late",
        "newsweave.pkg.mod:_read_off",
        "newsweave.pkg.mod:_also",
    }


def test_cycles_ignore_imports_in_functions_and_under_type_checking() -> None:
    sources = {
        s.name: s
        for s in (
            _parse("from newsweave.b import x\n", "newsweave.a"),
            _parse(
                "from typing import TYPE_CHECKING\n"
                "if TYPE_CHECKING:\n    from newsweave.a import y\n"
                "def f():\n    from newsweave.a import z\n"
                "from newsweave import c\n",
                "newsweave.b",
            ),
            _parse("import newsweave.a\n", "newsweave.c"),
        )
    }
    graph = import_graph(sources)
    assert graph == {
        "newsweave.a": {"newsweave.b"},
        "newsweave.b": {"newsweave.c"},
        "newsweave.c": {"newsweave.a"},
    }
    assert cycles(graph) == [["newsweave.a", "newsweave.b", "newsweave.c"]]


def test_a_package_loaded_on_the_way_to_its_module_counts_but_not_the_importers_own() -> None:
    sources = {
        s.name: s
        for s in (
            _parse("", "newsweave"),
            _parse("from newsweave.p import x\n", "newsweave.p", is_package=True),
            _parse("from newsweave.p import y\nimport newsweave.q.z\n", "newsweave.p.x"),
            _parse("", "newsweave.p.y"),
            _parse("import newsweave.p.x\n", "newsweave.q", is_package=True),
            _parse("", "newsweave.q.z"),
        )
    }
    graph = import_graph(sources)
    assert graph["newsweave.p.x"] == {"newsweave.p.y", "newsweave.q", "newsweave.q.z"}
    assert cycles(graph) == [["newsweave.p", "newsweave.p.x", "newsweave.q"]]
