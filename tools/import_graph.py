"""Figures of the layout, measured from the import graph (docs/architecture.md).

    python tools/import_graph.py

Prints the top-level modules of portal/, the imports made inside functions, the circles
between files (modules that import each other, directly or round a loop), and the
package-to-package arrows that run both ways. Tests are left out, and so are the module-level
imports a package's ``__init__.py`` makes of its own modules (the blueprint idiom).
"""
from __future__ import annotations

import ast
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ("portal", "search_index", "bench", "tools", "build.py")


def _modules() -> dict[str, Path]:
    found = {}
    for source in SOURCES:
        path = ROOT / source
        for file in ([path] if path.suffix == ".py" else sorted(path.rglob("*.py"))):
            parts = list(file.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join(parts)] = file
    return found


def _imports(module: str, file: Path, known: set[str]) -> tuple[set[str], int]:
    """The known modules ``module`` imports, and how many of its imports sit inside functions."""
    targets, inside = set(), 0
    tree = ast.parse(file.read_text(encoding="utf-8"))
    in_function = {id(node) for func in ast.walk(tree) if isinstance(func, (ast.FunctionDef, ast.AsyncFunctionDef))
                   for node in ast.walk(func) if isinstance(node, (ast.Import, ast.ImportFrom))}
    package = module if file.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                prefix = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(prefix + ([base] if base else []))
            names = [base] + [f"{base}.{alias.name}" for alias in node.names]
        else:
            continue
        hits = {name for name in names if name in known and name != module}
        if file.name == "__init__.py" and id(node) not in in_function:
            # A package's face: a blueprint package imports its own routes after making ``bp``.
            hits = {name for name in hits if not name.startswith(module + ".")}
        if hits:
            inside += id(node) in in_function
            # "from a import b" is an arrow to a.b when b is a module, else to a.
            targets |= {name for name in hits if name != names[0]} or hits
    return targets, inside


def _circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan)."""
    index, low, stack, on, found, counter = {}, {}, [], set(), [], [0]

    def visit(node: str) -> None:
        index[node] = low[node] = counter[0]
        counter[0] += 1
        stack.append(node)
        on.add(node)
        for target in graph[node]:
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    sys.setrecursionlimit(10_000)
    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def _package(module: str) -> str:
    parts = module.split(".")
    return ".".join(parts[:2]) if parts[0] == "portal" and len(parts) > 1 else parts[0]


def main() -> int:
    modules = _modules()
    graph, inside = {}, 0
    for module, file in modules.items():
        graph[module], count = _imports(module, file, set(modules))
        inside += count
    top_level = sorted(p.name for p in (ROOT / "portal").glob("*.py"))
    both_ways = defaultdict(set)
    for module, targets in graph.items():
        for target in targets:
            if _package(module) != _package(target):
                both_ways[_package(module)].add(_package(target))
    mutual = sorted({tuple(sorted((a, b))) for a, targets in both_ways.items() for b in targets if a in both_ways.get(b, ())})
    circles = _circles(graph)
    print(f"top-level modules of portal/: {len(top_level)} ({', '.join(top_level)})")
    print(f"imports inside functions: {inside}")
    print(f"circles between files: {len(circles)}")
    for group in circles:
        print("  " + " <-> ".join(group))
    print(f"package pairs importing each other: {len(mutual)}")
    for a, b in mutual:
        print(f"  {a} <-> {b}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
