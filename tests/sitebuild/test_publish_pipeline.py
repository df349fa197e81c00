"""The pieces together, without Flask: demo content into an atomic publish, then every check.

A stand-in for build.py's outline: load the library, write one HTML file
per published page at /<lang>/<section>/<slug>/ (zh at the root) under a
subpath, copy the images beside their pages, record build state, and vet
the result with the link checker and the privacy guard.
"""

from __future__ import annotations

import hashlib
import html
import shutil
from pathlib import Path

from portal.content.library import asset_dependency_key, load_library
from portal.sitebuild.check.linkcheck import check_links
from portal.sitebuild.check.privacy import ForbiddenTerm, scan_site
from portal.sitebuild.publish.atomic import atomic_publish, remove_output, replace_file
from portal.sitebuild.publish.buildstate import BuildState, default_state_path

CONTENT = Path(__file__).resolve().parents[2] / "content"
BASE = "/some/sub/path/"


def _output(page) -> str:
    prefix = "" if page.meta.lang == "zh" else f"{page.meta.lang}/"
    return f"{prefix}{page.section}/{page.meta.slug}/index.html"


def _render(page) -> bytes:
    return (
        f'<!doctype html><title>{html.escape(page.meta.title)}</title>'
        f'<link rel="stylesheet" href="{BASE}static/site.css"><main>{page.html}</main>'
    ).encode()


def _publish(site: Path, library) -> set[str]:
    written = set()
    with BuildState(default_state_path(site)) as state, atomic_publish(site, seed="link") as staging:
        current = library.dependency_hashes()
        outputs = {_output(p): p for p in library.published()}
        for rel in state.stale(outputs, current, site_dir=staging):
            page = outputs[rel]
            data = _render(page)
            if replace_file(staging / rel, data):
                written.add(rel)
            for asset in page.assets:
                shutil.copyfile(asset.source, (staging / rel).parent / asset.ref)
            deps = {page.dependency_key: page.sha256}
            deps |= {asset_dependency_key(page, a): a.sha256 for a in page.assets}
            state.record(rel, deps, hashlib.sha256(data).hexdigest(), primary=[page.dependency_key])
        for rel in state.orphaned(current):
            remove_output(staging, rel)
            state.forget(rel)
        (staging / "static").mkdir(exist_ok=True)
        replace_file(staging / "static" / "site.css", b"body{font-family:sans-serif}")
        assert check_links(staging, BASE) == []
        assert scan_site(staging, [ForbiddenTerm("phone", "13812345678")]) == []
    return written


def test_demo_content_publishes_cleanly_and_incrementally(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    site = tmp_path / "_site"

    first = _publish(site, load_library(content))
    assert "pages/stations/index.html" in first and "en/pages/about/index.html" in first
    assert (site / "pages" / "stations" / "stations-map.svg").is_file()
    assert (site / "news" / "release-ceremony" / "ceremony.svg").is_file()
    assert not (site / "news" / "autumn-campaign-preview").exists()  # the draft

    assert _publish(site, load_library(content)) == set()  # nothing changed, nothing written

    news = content / "news" / "hydrogen-talent-forum.zh.md"
    news.write_text(news.read_text(encoding="utf-8") + "\n补充：座谈会纪要将另行发布。\n", encoding="utf-8")
    (content / "news" / "expert-panel-36.zh.md").unlink()
    assert _publish(site, load_library(content)) == {"news/hydrogen-talent-forum/index.html"}
    assert "纪要" in (site / "news" / "hydrogen-talent-forum" / "index.html").read_text(encoding="utf-8")
    assert not (site / "news" / "expert-panel-36").exists()

    fresh = tmp_path / "_fresh"
    _publish(fresh, load_library(content))
    assert _tree(site) == _tree(fresh)  # incremental output equals a full build, byte for byte


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}
