"""How the static build's app differs: a static page has no session and no cookie of its own.

Frozen-Flask requests every page through ``app.test_client()``; with thousands of pages,
skipping the session (a cookie parse and signature check) and the client's cookie jar (two
URL reconstructions a request) is measurable.
"""
from __future__ import annotations

from flask import Flask
from flask.sessions import SessionInterface
from flask.testing import FlaskClient


class NoSessions(SessionInterface):
    """Opens the read-only null session and never sets a cookie."""

    def open_session(self, app, request):
        return self.make_null_session(app)

    def save_session(self, app, session, response) -> None:
        return None


class CookielessClient(FlaskClient):
    """The test client Frozen-Flask renders pages with, without a cookie jar."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs["use_cookies"] = False
        super().__init__(*args, **kwargs)


def make_static(app: Flask) -> None:
    """Give ``app`` no sessions and a cookieless test client."""
    app.session_interface = NoSessions()
    app.test_client_class = CookielessClient
