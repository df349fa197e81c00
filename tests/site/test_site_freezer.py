"""SiteFreezer writes what Frozen-Flask's own Freezer writes, page for page, warning for warning."""
from __future__ import annotations

import os
import warnings

import flask_frozen
import pytest
from flask import redirect
from flask_frozen import Freezer

from portal.site.source import use_source
from portal.sitebuild.render.freeze import SiteFreezer, plan_outputs
from portal.sitebuild.source import load_source
from tests.site.conftest import DEMO_CONTENT, ORIGIN, SUBPATH, build_app, tree


@pytest.fixture
def site_app(database_url, tmp_path):
    app = build_app(database_url, ORIGIN + SUBPATH, tmp_path / "search")
    with app.app_context():
        source = load_source(DEMO_CONTENT)
        use_source(app, source)
        app.add_url_rule("/moved/", "moved", lambda: redirect("/news/"))
        app.extensions["test_urls"] = sorted(p.url for p in plan_outputs(app, source).values())
        yield app


def _freeze(app, freezer_class, urls, destination, into_empty=False):
    app.config["FREEZER_DESTINATION"] = str(destination)
    app.config["FREEZER_REMOVE_EXTRA_FILES"] = False
    freezer = freezer_class(app, with_static_files=False, with_no_argument_rules=False, log_url_for=False)
    freezer.register_generator(lambda: urls)
    freezer.into_empty = into_empty
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        pages = list(freezer.freeze_yield())
    return pages, sorted((w.category.__name__, str(w.message)) for w in caught
                         if w.category is not flask_frozen.MissingURLGeneratorWarning)


def test_the_mirrored_freezer_is_the_one_it_was_written_against():
    from importlib.metadata import version

    assert version("Frozen-Flask") == "1.0.2"  # SiteFreezer._build_one mirrors this release's


def test_the_same_files_as_frozen_flask(site_app, tmp_path):
    urls = site_app.extensions["test_urls"]
    theirs, their_warnings = _freeze(site_app, Freezer, urls, tmp_path / "theirs")
    ours, our_warnings = _freeze(site_app, SiteFreezer, urls, tmp_path / "ours", into_empty=True)
    assert [(p.url, p.path) for p in ours] == [(p.url, p.path) for p in theirs]
    assert tree(tmp_path / "ours") == tree(tmp_path / "theirs")
    assert len(tree(tmp_path / "ours")) > 100
    assert our_warnings == their_warnings


@pytest.mark.parametrize("setting, value, urls, warned", [
    ("FREEZER_IGNORE_404_NOT_FOUND", True, ["/no/such/page/", "/data.txt"], 2),
    ("FREEZER_REDIRECT_POLICY", "ignore", ["/moved/", "/data.txt"], 2),
    ("FREEZER_IGNORE_MIMETYPE_WARNINGS", True, ["/news/", "/data.txt"], 0),
])
def test_the_same_warnings_as_frozen_flask(site_app, tmp_path, setting, value, urls, warned):
    site_app.config["FREEZER_IGNORE_MIMETYPE_WARNINGS"] = False  # the build's own config ignores them
    site_app.config[setting] = value
    site_app.add_url_rule("/data.txt", "data", lambda: "<p>html</p>")  # text/html under a .txt name
    theirs = _freeze(site_app, Freezer, urls, tmp_path / "theirs")[1]
    ours = _freeze(site_app, SiteFreezer, urls, tmp_path / "ours")[1]
    assert ours == theirs and len(ours) == warned
    assert tree(tmp_path / "ours") == tree(tmp_path / "theirs")


def test_an_unexpected_status_fails_as_in_frozen_flask(site_app, tmp_path):
    for freezer_class in (Freezer, SiteFreezer):
        with pytest.raises(ValueError, match="Unexpected status '404 NOT FOUND' on URL /no/such/page/"):
            _freeze(site_app, freezer_class, ["/no/such/page/"], tmp_path / freezer_class.__name__)


def test_a_file_with_the_same_bytes_is_left_untouched(site_app, tmp_path):
    urls = ["/news/", "/"]
    _freeze(site_app, SiteFreezer, urls, tmp_path / "site", into_empty=True)
    listing = tmp_path / "site" / "news" / "index.html"
    home = tmp_path / "site" / "index.html"
    os.utime(listing, ns=(1_000_000_000, 1_000_000_000))
    home.write_bytes(b"stale")
    _freeze(site_app, SiteFreezer, urls, tmp_path / "site")
    assert listing.stat().st_mtime_ns == 1_000_000_000
    assert home.read_bytes() != b"stale"


def test_skip_existing_is_left_to_frozen_flask(site_app, tmp_path):
    site = tmp_path / "site"
    (site / "news").mkdir(parents=True)
    (site / "news" / "index.html").write_bytes(b"kept")
    site_app.config["FREEZER_SKIP_EXISTING"] = True
    _freeze(site_app, SiteFreezer, ["/news/"], site)
    assert (site / "news" / "index.html").read_bytes() == b"kept"
