"""The build app's test client: a plain GET goes straight to the app with the environ
werkzeug would build, and gives the same response as the ordinary test-client path."""
from __future__ import annotations

import pytest
from flask import redirect
from flask.testing import EnvironBuilder, FlaskClient

from portal.site.source import use_source
from portal.site.static_app import StaticPageClient
from portal.sitebuild.source import load_source
from tests.site.conftest import DEMO_CONTENT, ORIGIN, SUBPATH, build_app

PATHS = ["/", "/news/", "/en/news/", "/news/tags/人才政策/", "/news/tags/a b/", "/x/100%25/"]


@pytest.fixture
def site_app(database_url, tmp_path):
    app = build_app(database_url, ORIGIN + SUBPATH, tmp_path / "search")
    with app.app_context():
        use_source(app, load_source(DEMO_CONTENT))
        yield app


def _ordinary(app) -> FlaskClient:
    return FlaskClient(app, app.response_class, use_cookies=False)


def test_the_build_app_renders_with_the_static_page_client(site_app):
    assert isinstance(site_app.test_client(), StaticPageClient)


@pytest.mark.parametrize("path", PATHS)
def test_environ_is_the_one_werkzeug_builds(site_app, path):
    client = site_app.test_client()
    base = site_app.config["FREEZER_BASE_URL"]
    builder = EnvironBuilder(site_app, path, base_url=base, environ_base=client._copy_environ({}))
    expected = builder.get_environ()
    builder.close()
    made = client.page_environ(path, base)
    volatile = {"wsgi.input", "wsgi.errors"}
    assert {k: v for k, v in made.items() if k not in volatile} == \
        {k: v for k, v in expected.items() if k not in volatile}
    assert made["PATH_INFO"].encode("latin-1").decode("utf-8") == path.replace("%25", "%")


@pytest.mark.parametrize("path", ["/", "/news/", "/en/", "/experts/", "/stations/", "/no/such/page/"])
def test_pages_are_the_same_as_through_the_ordinary_client(site_app, path):
    base = site_app.config["FREEZER_BASE_URL"]
    fast = site_app.test_client().get(path, follow_redirects=True, base_url=base)
    slow = _ordinary(site_app).get(path, follow_redirects=True, base_url=base)
    assert (fast.status_code, fast.mimetype, fast.data) == (slow.status_code, slow.mimetype, slow.data)
    assert fast.status_code in (200, 404)


def test_a_redirect_is_followed_the_ordinary_way(site_app):
    site_app.add_url_rule("/moved/", "moved", lambda: redirect("/news/"))
    base = site_app.config["FREEZER_BASE_URL"]
    response = site_app.test_client().get("/moved/", follow_redirects=True, base_url=base)
    assert response.status_code == 200
    assert response.request.path == "/news/"
    unfollowed = site_app.test_client().get("/moved/", base_url=base)
    assert unfollowed.status_code == 302


def test_a_query_string_goes_the_ordinary_way(site_app):
    seen = {}

    def echo():
        from flask import request

        seen.update(request.args)
        return "ok"

    site_app.add_url_rule("/echo/", "echo", echo)
    response = site_app.test_client().get("/echo/?q=人才", base_url=site_app.config["FREEZER_BASE_URL"])
    assert response.status_code == 200 and seen == {"q": "人才"}


def test_a_streamed_file_comes_out_whole(site_app, tmp_path):
    from flask import send_file

    data = bytes(range(256)) * 300
    (tmp_path / "blob.bin").write_bytes(data)
    site_app.add_url_rule("/blob.bin", "blob", lambda: send_file(tmp_path / "blob.bin"))
    base = site_app.config["FREEZER_BASE_URL"]
    fast = site_app.test_client().get("/blob.bin", base_url=base)
    fast.close()
    assert fast.status_code == 200 and fast.data == data
    with _ordinary(site_app).get("/blob.bin", base_url=base) as slow:
        assert fast.data == slow.data


def test_a_failing_view_gets_the_error_page_and_teardown_sees_the_error(site_app):
    site_app.config["PROPAGATE_EXCEPTIONS"] = False  # as in a build, not as under test
    torn_down_with = []
    site_app.teardown_request(torn_down_with.append)

    def broken():
        raise RuntimeError("boom")

    site_app.add_url_rule("/broken/", "broken", broken)
    base = site_app.config["FREEZER_BASE_URL"]
    fast = site_app.test_client().get("/broken/", base_url=base)
    slow = _ordinary(site_app).get("/broken/", base_url=base)
    assert fast.status_code == slow.status_code == 500
    assert fast.data == slow.data
    assert [type(error) for error in torn_down_with] == [RuntimeError, RuntimeError]


def test_middleware_around_the_app_is_not_bypassed(site_app):
    inner = site_app.wsgi_app

    def shouting(environ, start_response):
        return [chunk.upper() for chunk in inner(environ, start_response)]

    site_app.wsgi_app = shouting
    response = site_app.test_client().get("/news/", base_url=site_app.config["FREEZER_BASE_URL"])
    assert response.status_code == 200
    assert b"<!DOCTYPE HTML>" in response.data and b"<!doctype html>" not in response.data


def test_each_view_and_hook_is_inspected_for_async_once(site_app, monkeypatch):
    import flask.app

    inspected = []
    original = flask.app.iscoroutinefunction
    monkeypatch.setattr(flask.app, "iscoroutinefunction", lambda func: inspected.append(func) or original(func))
    client, base = site_app.test_client(), site_app.config["FREEZER_BASE_URL"]
    client.get("/news/", base_url=base)
    first = len(inspected)
    for _ in range(3):
        assert client.get("/news/", base_url=base).status_code == 200
    assert first > 0 and len(inspected) == first


def test_a_page_response_keeps_the_text_its_body_was_encoded_from(site_app):
    response = site_app.response_class("阜新英才")
    assert response.text == "阜新英才" and response.get_data() == "阜新英才".encode()
    response.set_data(b"bytes")
    assert response.text is None
    response.set_data("again")
    response.response = [b"replaced by a later hook"]
    assert response.text is None
    assert site_app.response_class(b"raw").text is None


def test_a_rendered_page_is_vetted_from_its_text(site_app, monkeypatch):
    import portal.sitebuild.render.freeze as freeze
    from portal.sitebuild.check import vetting
    from portal.sitebuild.check.privacy import ForbiddenTerm, PrivacyGuard

    given = []
    original = vetting._text
    monkeypatch.setattr(vetting, "_text", lambda data, text=None: given.append(text is not None) or original(data, text))
    guard = PrivacyGuard([ForbiddenTerm("name", "新闻")])  # on every news page, as a stand-in
    monkeypatch.setattr(freeze, "_vetting", vetting.Vetting(guard, SUBPATH, site_files=None))
    response = site_app.test_client().get("/news/", base_url=site_app.config["FREEZER_BASE_URL"])
    assert response.status_code == 200 and given == [True]
    assert [hit.kind for hit in freeze._vetting.hits] == ["name"]


@pytest.mark.parametrize("data", ["页面".encode(), "\ufeff页面".encode()])
def test_text_given_is_what_decoding_gives(data):
    from portal.sitebuild.check.vetting import _text

    assert _text(data, data.decode("utf-8")) == _text(data) == "页面"
    assert _text(b"\x00binary", "\x00binary") is None


def test_a_page_response_whose_body_became_a_stream_has_no_text(site_app):
    response = site_app.response_class("文本")
    response.response = (chunk for chunk in [b"streamed"])
    assert response.text is None
