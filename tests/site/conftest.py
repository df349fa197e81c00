"""Fixtures for the static-site build: a build runner over the test database and a shared
demo site built once per test session."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from portal import create_app
from portal.kernel.config import BuildConfig
from portal.sitebuild.pipeline import BuildReport, build_site

ROOT = Path(__file__).resolve().parents[2]
DEMO_CONTENT = ROOT / "content"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SUBPATH = "/some/sub/path/"
ORIGIN = "https://talent.fuxin.example"


def build_app(database_url: str, base_url: str, search_dir: Path):
    """A BuildConfig app on the test database, served from ``base_url``."""
    settings = BuildConfig.as_dict()
    return create_app({**settings, "DATABASE_URL": database_url, "FREEZER_BASE_URL": base_url,
                       "SECRET_KEY": "test-only-secret", "SEARCH_INDEX_DIR": str(search_dir)})


class Builder:
    """Runs build_site the way build.py does, on the test database."""

    def __init__(self, database_url: str, search_dir: Path) -> None:
        self.database_url = database_url
        self.search_dir = search_dir

    def __call__(self, content: Path, out: Path, base: str = "/", full: bool = False,
                 workers: int = 1) -> BuildReport:
        app = build_app(self.database_url, ORIGIN + base, self.search_dir)
        with app.app_context():
            return build_site(app, out, content, full=full, workers=workers)


@pytest.fixture(scope="session")
def builder(database_url, tmp_path_factory) -> Builder:
    return Builder(database_url, tmp_path_factory.mktemp("search-index"))


@pytest.fixture
def demo_content(tmp_path) -> Path:
    """A private copy of the demo content that a test may change."""
    target = tmp_path / "content"
    shutil.copytree(DEMO_CONTENT, target)
    return target


@pytest.fixture(scope="session")
def built_demo(builder, tmp_path_factory) -> Path:
    """The demo content built once, under SUBPATH; tests must not change it."""
    out = tmp_path_factory.mktemp("demo-site") / "_site"
    builder(DEMO_CONTENT, out, base=SUBPATH, full=True)
    return out


def tree(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` by relative path, with its bytes."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def write_news(content: Path, slug: str, body: str, **meta) -> Path:
    """Write a news item ``content/news/<slug>.zh.md``; ``meta`` overrides front-matter fields."""
    fields = {"title": f"测试新闻 {slug}", "date": "2026-06-01", "slug": slug, "lang": "zh", **meta}
    front = "\n".join(f"{key}: {value}" for key, value in fields.items())
    path = content / "news" / f"{slug}.{fields['lang']}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\n{front}\n---\n\n{body}\n", encoding="utf-8")
    return path
