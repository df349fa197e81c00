"""Browser-test fixtures: the portal served from a thread on 127.0.0.1 (the browser is in tests/conftest.py)."""
from __future__ import annotations

import threading

import pytest
from werkzeug.serving import make_server


def pytest_collection_modifyitems(items):
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)
            item.add_marker(pytest.mark.csrf)  # browsers go through real CSRF protection


@pytest.fixture
def live_server(app):
    """The test app served on a free 127.0.0.1 port for the duration of one test."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=10)
