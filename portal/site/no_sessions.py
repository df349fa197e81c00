"""The static build's app keeps no sessions: a static page can have no cookie of its own."""
from __future__ import annotations

from flask.sessions import SessionInterface


class NoSessions(SessionInterface):
    """Opens the read-only null session and never sets a cookie (one less cookie parse and
    signature check on each of the site's thousands of pages)."""

    def open_session(self, app, request):
        return self.make_null_session(app)

    def save_session(self, app, session, response) -> None:
        return None
