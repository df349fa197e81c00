"""The layout's import rules (docs/architecture.md), read from the code with ``ast``.

Every import counts, including those inside functions, so a rule cannot be dodged by
hiding an import in a function body.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PORTAL = ROOT / "portal"
FEATURES = ("accounts", "applications", "audit", "demo", "holidays", "home", "notifications", "panels",
            "privacy_rights", "publicity", "review", "search", "stations")
# What each lower package may import from the portal, besides itself.
ALLOWED = {
    "kernel": (),
    "content": (),
    **{feature: ("kernel", *FEATURES) for feature in FEATURES},
    "site": ("kernel", "content", *FEATURES),
}


def _modules(folder: Path) -> list[Path]:
    return sorted(path for path in folder.rglob("*.py") if "__pycache__" not in path.parts)


def _imported(path: Path) -> set[str]:
    """Every module ``path`` imports (``from a import b`` counts as ``a`` and ``a.b``)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def _portal_packages(names: set[str]) -> set[str]:
    """The first-level portal names among ``names``: "portal.kernel.db" -> "kernel"."""
    return {name.split(".")[1] for name in names if name.startswith("portal.")}


@pytest.mark.parametrize("package", sorted(ALLOWED))
def test_packages_import_only_downward(package):
    wrong = {}
    for path in _modules(PORTAL / package):
        names = _imported(path)
        bad = _portal_packages(names) - {package, *ALLOWED[package]}
        if "portal" in names:
            bad.add("portal (the app factory)")
        if bad:
            wrong[str(path.relative_to(ROOT))] = sorted(bad)
    assert not wrong, f"imports that run back up: {wrong}"


def test_no_feature_imports_the_build_or_the_factory():
    offenders = []
    for feature in FEATURES:
        for path in _modules(PORTAL / feature):
            names = _imported(path)
            if "portal" in names or "portal.create_app" in names or any(
                    name == "portal.sitebuild" or name.startswith("portal.sitebuild.") for name in names):
                offenders.append(str(path.relative_to(ROOT)))
    assert not offenders


def test_content_is_free_of_flask():
    assert not [str(p.relative_to(ROOT)) for p in _modules(PORTAL / "content")
                if any(name.split(".")[0] == "flask" for name in _imported(p))]


def test_search_index_never_imports_the_portal():
    assert not [str(p.relative_to(ROOT)) for p in _modules(ROOT / "search_index")
                if any(name.split(".")[0] == "portal" for name in _imported(p))]


def test_the_portal_has_no_top_level_module_but_the_factory_and_the_commands():
    assert sorted(p.name for p in PORTAL.glob("*.py")) == ["__init__.py", "cli.py"]
