"""Fixtures for the search tests: a built fixture index, its static export
served over HTTP, and a headless chromium page."""
import functools
import http.server
import sys
import threading
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from corpus import DOCS  # noqa: E402

import search_index  # noqa: E402


@pytest.fixture(scope="session")
def built_root(tmp_path_factory):
    """An index root holding the fixture corpus in the public index."""
    root = tmp_path_factory.mktemp("search")
    search_index.rebuild(root, "public", DOCS)
    return root


@pytest.fixture
def root(tmp_path):
    """An empty index root."""
    return tmp_path / "search"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def site(tmp_path_factory, built_root):
    """The fixture index exported under /deep/sub/path/search/ of a local
    HTTP server; yields the search page URL."""
    docroot = tmp_path_factory.mktemp("site")
    out = docroot / "deep" / "sub" / "path" / "search"
    search_index.export_static(built_root, out, base_url="../")
    handler = functools.partial(_QuietHandler, directory=str(docroot))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/deep/sub/path/search/search.html"
    server.shutdown()
    server.server_close()
