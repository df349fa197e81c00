"""The built public site, served by a plain static file server under a subpath, in a browser."""
from __future__ import annotations

import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest
from playwright.sync_api import expect

from tests.site.conftest import DEMO_CONTENT, Builder

SUBPATH = "/portal/site/"


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # keep the test output clean
        pass


@pytest.fixture
def static_site(database_url, tmp_path):
    """The demo site built for SUBPATH and served from 127.0.0.1 by http.server."""
    root = tmp_path / "www"
    Builder(database_url, tmp_path / "search-index")(DEMO_CONTENT, root / SUBPATH.strip("/"), base=SUBPATH,
                                                     full=True)
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}{SUBPATH}"
    server.shutdown()
    thread.join(timeout=10)
    server.server_close()


def test_follow_the_navigation_of_the_static_site(page, static_site):
    failed = []
    # Chromium asks for /favicon.ico at the host root on its own schedule; the site has none.
    page.on("response", lambda r: failed.append(r.url) if r.status >= 400 and "favicon" not in r.url else None)
    page.goto(static_site)
    expect(page.get_by_role("heading", level=1, name="阜新英才")).to_be_visible()
    assert page.evaluate("getComputedStyle(document.querySelector('.site-header')).backgroundColor") \
        == "rgb(163, 23, 27)"  # the stylesheet loaded from the subpath

    nav = page.get_by_role("navigation", name="主导航")
    nav.get_by_role("link", name="新闻动态").click()
    expect(page.get_by_role("heading", level=1, name="新闻动态")).to_be_visible()
    page.get_by_role("link", name="首届“阜新英才”发布仪式举行").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("发布仪式")
    expect(page.locator("article img").first).to_have_js_property("complete", True)
    assert page.locator("article img").first.evaluate("img => img.naturalWidth") > 0

    page.get_by_role("link", name="English").click()
    expect(page).to_have_url(f"{static_site}en/news/release-ceremony/")
    page.get_by_role("navigation", name="Main navigation").get_by_role("link", name="About the programme").click()
    expect(page.get_by_role("heading", level=1, name="About the programme")).to_be_visible()
    page.get_by_role("link", name="About Fuxin Talent").click()
    expect(page).to_have_url(f"{static_site}en/pages/about/")
    page.get_by_role("link", name="中文").click()
    expect(page).to_have_url(f"{static_site}pages/about/")

    page.get_by_role("navigation", name="主导航").get_by_role("link", name="政策文件").click()
    page.locator(".item-list a").first.click()
    expect(page.locator("article h1")).to_be_visible()
    page.locator("a.tag").first.click()
    expect(page.locator(".item-list li").first).to_be_visible()

    for label in ("公示", "服务站", "专家评审组", "英才名录"):
        page.get_by_role("navigation", name="主导航").get_by_role("link", name=label, exact=True).click()
        expect(page.get_by_role("heading", level=1, name=label)).to_be_visible()
    page.get_by_role("navigation", name="主导航").get_by_role("link", name="站内搜索").click()
    page.get_by_label("关键词").fill("发布仪式")
    page.get_by_role("button", name="搜索").click()
    result = page.locator("#search-results a", has_text="发布仪式").first
    expect(result).to_be_visible()
    result.click()
    expect(page).to_have_url(f"{static_site}news/release-ceremony/")

    page.goto(f"{static_site}404.html")
    expect(page.get_by_role("heading", level=1)).to_contain_text("页面不存在")
    page.get_by_role("link", name="返回首页").click()
    expect(page).to_have_url(static_site)
    assert failed == []



def test_a_query_typed_before_the_search_script_arrives_is_kept(page, static_site):
    """On a slow machine search.js can arrive after the visitor has typed: it must keep their words."""
    held = []
    page.route("**/search-index/search.js", lambda route: held.append(route))  # hold the script back until they have typed
    with page.expect_request("**/search-index/search.js"):
        page.goto(f"{static_site}search/", wait_until="commit")
    page.get_by_label("关键词").fill("发布仪式")
    # Playwright delivers the route before fill's answer, so the held request is here by now.
    assert len(held) == 1
    held[0].continue_()
    page.unroute("**/search-index/search.js")
    expect(page.locator("#search-results")).to_have_attribute("data-state", "done")
    expect(page.get_by_label("关键词")).to_have_value("发布仪式")
    page.get_by_role("button", name="搜索").click()
    expect(page.locator("#search-results a", has_text="发布仪式").first).to_be_visible()
    expect(page.get_by_label("关键词")).to_have_value("发布仪式")
