"""The link checker: internal links and assets must resolve, honouring a base path."""

from __future__ import annotations

from pathlib import Path

import pytest

from portal.sitebuild.check.linkcheck import check_links

PAGES = {
    "index.html": """<link rel="stylesheet" href="{base}static/site.css">
        <a href="{base}news/">新闻</a> <a href="news/spring/">春季</a> <a href="#top">顶部</a>
        <a href="https://example.org/x">外部</a> <a href="mailto:rcb@example.org">邮件</a>
        <img src="{base}static/logo.svg" srcset="{base}static/logo.svg 1x, {base}static/logo.svg 2x">""",
    "news/index.html": """<a href="../">首页</a> <a href="spring/">春季</a> <a href="{base}news/spring/index.html?x=1#a">同</a>""",
    "news/spring/index.html": """<a href="../../">首页</a> <img src="map.svg" alt="">
        <a href="{base}news">无斜杠</a> <a href="%E5%9B%BE.png">图</a>""",
    "news/spring/map.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>",
    "news/spring/图.png": "png",
    "static/site.css": "body{}",
    "static/logo.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>",
}


def _build(root: Path, base: str, extra: dict[str, str] | None = None) -> Path:
    for rel, text in {**PAGES, **(extra or {})}.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text.replace("{base}", base), encoding="utf-8")
    return root


@pytest.mark.parametrize("base", ["/", "/some/sub/path/"])
def test_clean_site_has_no_broken_links(tmp_path, base):
    assert check_links(_build(tmp_path, base), base) == []


@pytest.mark.parametrize("base", ["/", "/some/sub/path/"])
def test_catches_planted_broken_link_and_missing_asset(tmp_path, base):
    site = _build(tmp_path, base, {
        "policies/index.html": '<a href="{base}news/autumn/">秋季</a><img src="photo.png"><script src="{base}static/app.js"></script>',
    })
    broken = check_links(site, base)
    assert [(b.file, b.link) for b in broken] == sorted([
        ("policies/index.html", "photo.png"),
        ("policies/index.html", f"{base}news/autumn/"),
        ("policies/index.html", f"{base}static/app.js"),
    ])
    assert all(b.reason == "no such file in the output" for b in broken)
    assert "policies/index.html: photo.png: no such file in the output" in [str(b) for b in broken]


def test_root_links_outside_the_base_path_are_broken(tmp_path):
    # Built for a subpath but linking to the server root: breaks when deployed.
    site = _build(tmp_path, "/sub/", {"about/index.html": '<a href="/news/">新闻</a><a href="../../../x/">远</a>'})
    broken = check_links(site, "/sub/")
    assert {b.link for b in broken} == {"/news/", "../../../x/"}
    assert all("outside the base path /sub/" in b.reason for b in broken)


def test_folder_link_needs_an_index(tmp_path):
    site = _build(tmp_path, "/", {"empty/readme.txt": "x", "about/index.html": '<a href="/empty/">空</a>'})
    assert [b.link for b in check_links(site, "/")] == ["/empty/"]


def test_base_path_given_without_slashes(tmp_path):
    site = _build(tmp_path, "/some/sub/path/")
    assert check_links(site, "some/sub/path") == []


def test_base_href_comments_and_entities(tmp_path):
    site = _build(tmp_path, "/sub/", {
        "en/index.html": """<base href="/sub/news/"><a href="spring/">ok via base</a>
            <!-- <a href="/sub/commented-out/">ignored</a> -->
            <a href='/sub/news/spring/index.html?a=1&amp;b=2'>entity</a>
            <A HREF=/sub/nowhere/>bare upper-case</A>""",
    })
    assert [(b.file, b.link) for b in check_links(site, "/sub/")] == [("en/index.html", "/sub/nowhere/")]


def test_only_checks_the_given_pages(tmp_path):
    site = _build(tmp_path, "/", {"a/index.html": '<a href="/gone/">x</a>', "b/index.html": '<a href="/gone/">y</a>'})
    assert [b.file for b in check_links(site, "/", only=["b/index.html", "static/site.css", "missing.html"])] == ["b/index.html"]


def test_parallel_check_finds_the_same(tmp_path, monkeypatch):
    monkeypatch.setattr("portal.sitebuild.check.linkcheck._PARALLEL_THRESHOLD", 1)
    extra = {f"n{i}/index.html": f'<a href="{{base}}n{i + 1}/">next</a>' for i in range(12)}
    site = _build(tmp_path, "/sub/", extra)
    serial = check_links(site, "/sub/")
    assert [b.file for b in serial] == ["n11/index.html"]
    assert check_links(site, "/sub/", workers=2) == serial


def test_quoted_brackets_and_a_tag_never_closed(tmp_path):
    site = _build(tmp_path, "/", {"odd.html": '<img alt="a > b" src="/missing.png" title=\'<x>\'>'
                                              '<a href="/nowhere/"' + " x" * 5000})
    broken = check_links(site, "/", only=["odd.html"])
    # the > inside quotes does not end the tag; the unclosed tag at the end is not a link
    assert [b.link for b in broken] == ["/missing.png"]


def test_upper_case_tags_are_checked_and_other_tags_ignored(tmp_path):
    site = _build(tmp_path, "/", {"caps.html": '<A HREF="/gone/">x</A><IMG SRC="/gone.png">'
                                               '<Base href="/sub/"><link href="style.css">'
                                               '<div data-href="/not-a-link/"><meta content="/x/">'})
    broken = check_links(site, "/", only=["caps.html"])
    assert [b.link for b in broken] == ["/gone.png", "/gone/", "style.css"]


def test_a_tag_on_many_pages_is_judged_on_each(tmp_path):
    site = tmp_path / "site"
    for folder in ("a", "b", "c"):
        (site / folder).mkdir(parents=True)
    (site / "a" / "x").mkdir()
    (site / "a" / "x" / "index.html").write_text("x")
    nav = '<a href="/a/">a</a> <a href="/gone/">gone</a> <a href="x/">x</a>'
    for folder in ("a", "b", "c"):
        (site / folder / "index.html").write_text(nav + '\n<a href="/a/">again</a>')
    broken = [(b.file, b.link) for b in check_links(site, "/")]
    # The missing page on every page that links to it; the relative link wherever it does not resolve.
    assert broken == [("a/index.html", "/gone/"), ("b/index.html", "/gone/"), ("b/index.html", "x/"),
                      ("c/index.html", "/gone/"), ("c/index.html", "x/")]
