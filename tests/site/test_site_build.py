"""The static build end to end: errors that must fail it, sanitising, subpaths, 404, machine files."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from portal.sitebuild.pipeline import BuildError
from tests.site.conftest import ORIGIN, SUBPATH, tree, write_news

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def test_front_matter_error_fails_the_build_naming_file_and_field(builder, demo_content, tmp_path):
    out = tmp_path / "_site"
    builder(demo_content, out)
    before = tree(out)
    bad = write_news(demo_content, "bad-date", "正文", date="05/03/2026")
    with pytest.raises(BuildError) as failure:
        builder(demo_content, out)
    assert str(bad) in str(failure.value) and "'date'" in str(failure.value)
    assert tree(out) == before


def test_build_py_reports_bad_front_matter_and_exits_non_zero(demo_content, tmp_path, capsys, monkeypatch,
                                                               database_url):
    import build

    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setattr("portal.kernel.config.Config.DATABASE_URL", database_url)
    write_news(demo_content, "typo", "正文", tilte="拼错的字段")
    assert build.main(["--out", str(tmp_path / "_site"), "--content", str(demo_content)]) == 1
    err = capsys.readouterr().err
    assert "typo.zh.md" in err and "tilte" in err
    assert not (tmp_path / "_site").exists()


def test_script_in_markdown_never_reaches_the_output(builder, demo_content, tmp_path):
    write_news(demo_content, "xss", '你好<script>alert("x")</script>\n\n<a href="javascript:alert(1)" '
                                    'onclick="steal()">点我</a>\n\n<img src="https://example.org/x.png" alt="x" onerror=alert(1)>')
    out = tmp_path / "_site"
    builder(demo_content, out)
    page = (out / "news" / "xss" / "index.html").read_text(encoding="utf-8")
    assert "你好" in page and "点我" in page
    assert "<script" not in page.lower()
    search_pages = {"search/index.html", "en/search/index.html", "search-index/search.html", "search-index/search.js"}
    for rel, text in tree(out).items():
        lowered = text.lower()
        assert b'alert("x")' not in lowered and b"alert(1)" not in lowered and b"javascript:" not in lowered
        assert b"onclick" not in lowered and b"onerror" not in lowered
        # The only scripts on the site are the search page's own.
        assert b"<script" not in lowered or rel in search_pages, rel


def test_every_link_works_under_a_subpath(built_demo):
    page = (built_demo / "en" / "pages" / "about" / "index.html").read_text(encoding="utf-8")
    assert f'href="{SUBPATH}assets/site.css"' in page
    assert f'href="{SUBPATH}en/news/"' in page
    assert f'<link rel="canonical" href="{ORIGIN}{SUBPATH}en/pages/about/">' in page
    for rel, data in tree(built_demo).items():
        if rel.endswith(".html"):
            for link in re.findall(r'(?:href|src)="(/[^"]*)"', data.decode("utf-8")):
                assert link.startswith(SUBPATH), (rel, link)


def test_pages_carry_hreflang_canonical_description_and_open_graph(built_demo):
    page = (built_demo / "pages" / "about" / "index.html").read_text(encoding="utf-8")
    assert f'hreflang="en" href="{ORIGIN}{SUBPATH}en/pages/about/"' in page
    assert f'hreflang="zh-Hans" href="{ORIGIN}{SUBPATH}pages/about/"' in page
    assert '<meta name="description" content="' in page
    for prop in ("og:title", "og:description", "og:url", "og:type"):
        assert f'<meta property="{prop}"' in page
    only_zh = (built_demo / "news" / "hydrogen-talent-forum" / "index.html").read_text(encoding="utf-8")
    assert '<link rel="alternate" hreflang="en"' not in only_zh  # no English version: no alternate


def test_link_checker_fails_the_build_on_a_planted_broken_link(builder, demo_content, tmp_path):
    out = tmp_path / "_site"
    builder(demo_content, out)
    before = tree(out)
    write_news(demo_content, "broken-link", "请看[不存在的页面](../no-such-page/)和![图](missing.png)")
    with pytest.raises(BuildError) as failure:
        builder(demo_content, out)
    # A missing image is caught while reading; remove it and the link checker catches the link.
    assert "missing.png" in str(failure.value)
    write_news(demo_content, "broken-link", "请看[不存在的页面](../no-such-page/)")
    with pytest.raises(BuildError) as failure:
        builder(demo_content, out)
    assert "news/broken-link/index.html" in str(failure.value) and "../no-such-page/" in str(failure.value)
    assert tree(out) == before


def test_a_styled_404_page_exists(built_demo):
    page = (built_demo / "404.html").read_text(encoding="utf-8")
    assert 'class="not-found"' in page and "页面不存在" in page
    assert f'href="{SUBPATH}assets/site.css"' in page  # root-relative: works at any depth
    assert ".not-found" in (built_demo / "assets" / "site.css").read_text(encoding="utf-8")


def test_sitemap_and_feed_are_valid_xml_with_the_expected_urls(built_demo):
    sitemap = ET.parse(built_demo / "sitemap.xml").getroot()
    locs = {loc.text for loc in sitemap.iter(f"{SITEMAP}loc")}
    base = ORIGIN + SUBPATH
    assert {base, base + "en/", base + "news/", base + "pages/about/", base + "en/pages/about/",
            base + "news/release-ceremony/"} <= locs
    assert base + "404.html" not in locs and base + "news/autumn-campaign-preview/" not in locs
    feed = ET.parse(built_demo / "feed.xml").getroot()
    assert feed.tag == f"{ATOM}feed"
    links = {link.get("href") for entry in feed.iter(f"{ATOM}entry") for link in entry.iter(f"{ATOM}link")}
    assert base + "news/release-ceremony/" in links and base + "en/news/release-ceremony/" in links
    assert all(href.startswith(base) for href in links)
    robots = (built_demo / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {base}sitemap.xml" in robots


def test_drafts_are_absent(built_demo):
    assert not (built_demo / "news" / "autumn-campaign-preview").exists()
    for text in tree(built_demo).values():
        assert b"autumn-campaign-preview" not in text


def test_news_is_paginated_by_twenty_with_tag_pages(builder, demo_content, tmp_path):
    for n in range(45):
        write_news(demo_content, f"bulk-{n:02d}", "正文", date=f"2025-01-{n % 28 + 1:02d}", tags="[批量]")
    out = tmp_path / "_site"
    builder(demo_content, out)
    assert (out / "news" / "page" / "3" / "index.html").is_file()
    assert not (out / "news" / "page" / "5").exists()
    assert (out / "news" / "tags" / "批量" / "page" / "3" / "index.html").is_file()
    first = (out / "news" / "index.html").read_text(encoding="utf-8")
    assert first.count('<li>\n    <a href=') == 20 and 'rel="next"' in first


def test_any_section_may_be_missing_from_the_content_folder(builder, tmp_path):
    content = tmp_path / "content"
    write_news(content, "only-news", "只有新闻。")
    out = tmp_path / "_site"
    builder(content, out)
    assert (out / "news" / "only-news" / "index.html").is_file()
    assert "暂无内容" in (out / "policies" / "index.html").read_text(encoding="utf-8")
    builder(tmp_path / "nothing-here", tmp_path / "_empty")  # no content folder at all
    assert (tmp_path / "_empty" / "index.html").is_file() and (tmp_path / "_empty" / "404.html").is_file()


def test_build_on_an_unmigrated_database_fails_with_a_clear_message(tmp_path, capsys, monkeypatch):
    import build

    out = tmp_path / "out"
    out.mkdir()
    (out / "index.html").write_text("previous site")
    monkeypatch.setattr(build.BuildConfig, "DATABASE_URL", f"sqlite:///{tmp_path / 'empty.sqlite3'}")
    monkeypatch.setattr(build.BuildConfig, "SEARCH_INDEX_DIR", str(tmp_path / "search"))
    status = build.main(["--out", str(out), "--no-search"])
    message = capsys.readouterr().err
    assert status == 1 and "is not ready" in message and "Traceback" not in message
    assert (out / "index.html").read_text() == "previous site"


def test_a_build_leaves_the_garbage_collector_as_it_found_it(builder, demo_content, tmp_path):
    import gc

    assert gc.isenabled()
    builder(demo_content, tmp_path / "_site")
    assert gc.isenabled()
    gc.disable()
    try:
        builder(demo_content, tmp_path / "_site")
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_build_py_starts_and_reads_content_with_the_collector_paused(demo_content, tmp_path, monkeypatch):
    import gc

    import build

    seen = {}

    def fake_build(args, base_url, workers, preload):
        seen["collector on while building"] = gc.isenabled()
        return 0

    monkeypatch.setattr(build, "_build", fake_build)
    assert build.main(["--out", str(tmp_path / "_site"), "--content", str(demo_content), "--no-search"]) == 0
    assert seen == {"collector on while building": False} and gc.isenabled()


def test_build_py_incremental_through_the_cached_preload_equals_a_full_build(demo_content, tmp_path, monkeypatch,
                                                                             database_url):
    import build

    monkeypatch.setattr(build.BuildConfig, "DATABASE_URL", database_url)
    monkeypatch.setattr(build.BuildConfig, "SEARCH_INDEX_DIR", str(tmp_path / "search"))
    site, fresh = tmp_path / "_site", tmp_path / "_fresh"
    assert build.main(["--out", str(site), "--content", str(demo_content), "--no-search", "--workers", "2"]) == 0
    write_news(demo_content, "late-addition", "新增的一条新闻。")
    # a page cache exists now: the content is loaded through it in the background
    assert build.main(["--out", str(site), "--content", str(demo_content), "--no-search", "--workers", "2"]) == 0
    assert build.main(["--out", str(fresh), "--content", str(demo_content), "--no-search", "--full",
                       "--workers", "2"]) == 0
    assert (site / "news" / "late-addition" / "index.html").is_file()
    assert tree(site) == tree(fresh)


def test_building_again_and_again_does_not_grow_the_apps_url_defaults(demo_content, tmp_path, database_url):
    from portal.sitebuild.pipeline import build_site
    from tests.site.conftest import build_app

    app = build_app(database_url, ORIGIN + "/", tmp_path / "search")
    with app.app_context():
        for _ in range(3):
            build_site(app, tmp_path / "_site", demo_content, full=True)
        # No url_for logger left behind by Frozen-Flask (it is never switched on), and so
        # none more for every batch of every build
        assert not app.url_default_functions
        assert "site_freezer" in app.extensions


def test_the_freezer_keeps_the_apps_own_url_defaults(database_url, tmp_path):
    from portal.sitebuild.render.freeze import site_freezer
    from tests.site.conftest import build_app

    app = build_app(database_url, ORIGIN + "/", tmp_path / "search")
    ours = lambda endpoint, values: None  # noqa: E731
    app.url_default_functions[None].append(ours)
    site_freezer(app)
    assert app.url_default_functions[None] == [ours]


def test_site_urls_skip_url_for_once_the_freezer_exists(database_url, tmp_path, monkeypatch):
    from portal.site import urls
    from portal.sitebuild.render.freeze import site_freezer
    from tests.site.conftest import build_app

    app = build_app(database_url, ORIGIN + "/", tmp_path / "search")
    site_freezer(app)
    monkeypatch.setattr(urls, "url_for", lambda *args, **kwargs: pytest.fail("url_for was called"))
    with app.test_request_context("/", base_url=ORIGIN + "/"):
        assert urls.path_builder(app)("site.section_index", {"lang": "zh", "section": "news"}) == "/news/"


def test_a_missing_content_folder_is_refused_with_a_message(tmp_path, capsys):
    import build

    out = tmp_path / "out"
    with pytest.raises(SystemExit) as stopped:
        build.main(["--out", str(out), "--content", str(tmp_path / "no-such-folder"), "--no-search"])
    message = capsys.readouterr().err
    assert stopped.value.code == 2 and "no-such-folder does not exist" in message
    assert not out.exists()

