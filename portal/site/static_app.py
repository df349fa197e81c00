"""How the static build's app differs: a static page has no session and no cookie of its own,
and a plain GET of a page is served without building a request through werkzeug's test
machinery.

Frozen-Flask requests every page through ``app.test_client().get(url, base_url=...)``. With
thousands of pages, the session (a cookie parse and signature check), the client's cookie
jar, and werkzeug's EnvironBuilder and test response wrapping are each measurable. The build
app's client therefore prepares the WSGI environ once per base URL and, for each page, sets
only what differs (the path) and dispatches the request as ``Flask.wsgi_app`` does, handing
the freezer the response object the app made (not WSGI output wrapped again). Middleware
around ``wsgi_app`` and streamed files go the WSGI way; anything else (a query string, form
data, a redirect to follow) goes the ordinary test-client way.

The app's responses also keep the text their body was encoded from (``PageResponse``), so the
build vets a page without decoding it again, and the app remembers per function whether a
view or hook is async.
"""
from __future__ import annotations

from io import BytesIO
from urllib.parse import unquote

from flask import Flask, Response
from flask.sessions import SessionInterface
from flask.testing import EnvironBuilder, FlaskClient
from werkzeug.test import TestResponse
from werkzeug.urls import iri_to_uri

REDIRECTS = frozenset({301, 302, 303, 305, 307, 308})
_ENVIRONS = "static_page_environs"


class NoSessions(SessionInterface):
    """Opens the read-only null session and never sets a cookie."""

    def open_session(self, app, request):
        return self.make_null_session(app)

    def save_session(self, app, session, response) -> None:
        return None


def _wsgi_str(text: str) -> str:
    # PEP 3333: a WSGI environ carries UTF-8 bytes as a latin-1 str (as werkzeug encodes it).
    return text.encode("utf-8").decode("latin-1")


_TEST_RESPONSES: dict[type, type] = {}


def _test_response_class(response_class: type) -> type:
    made = _TEST_RESPONSES.get(response_class)
    if made is None:
        made = _TEST_RESPONSES[response_class] = type("StaticTestResponse", (TestResponse, response_class), {})
    return made


class StaticPageClient(FlaskClient):
    """The test client Frozen-Flask renders pages with: no cookie jar, and a direct path for
    a plain GET (see the module docstring). The environ it builds is the one werkzeug's
    EnvironBuilder builds for the same path and base URL."""

    def __init__(self, application, response_wrapper=None, *args, **kwargs) -> None:
        kwargs["use_cookies"] = False
        # werkzeug makes a new TestResponse subclass for each client given a plain response
        # class; Frozen-Flask makes a client per page, so the subclass is made once here.
        if response_wrapper is not None and not issubclass(response_wrapper, TestResponse):
            response_wrapper = _test_response_class(response_wrapper)
        super().__init__(application, response_wrapper, *args, **kwargs)

    def get(self, *args, **kwargs):
        plain = (len(args) == 1 and isinstance(args[0], str) and not set(kwargs) - {"follow_redirects", "base_url"}
                 and "?" not in args[0] and "#" not in args[0])
        if plain:
            response = self._serve(args[0], kwargs.get("base_url"))
            if not (kwargs.get("follow_redirects") and response.status_code in REDIRECTS):
                return response
            response.close()
        return super().get(*args, **kwargs)

    def page_environ(self, path: str, base_url: str | None) -> dict:
        """The WSGI environ of a GET of ``path`` below ``base_url``."""
        templates = self.application.extensions.setdefault(_ENVIRONS, {})
        template = templates.get(base_url)
        if template is None:
            builder = EnvironBuilder(self.application, "/", base_url=base_url,
                                     environ_base=self._copy_environ({}))
            try:
                template = templates[base_url] = builder.get_environ()
            finally:
                builder.close()
        environ = dict(template)
        if path.isascii() and "%" not in path:  # what the quoting below comes to for such a path
            raw_uri = path_info = path
        else:
            raw_uri, path_info = _wsgi_str(path), _wsgi_str(unquote(iri_to_uri(path)))
        environ.update(PATH_INFO=path_info, REQUEST_URI=raw_uri, RAW_URI=raw_uri)
        environ["wsgi.input"] = BytesIO()
        return environ

    def _serve(self, path: str, base_url: str | None):
        app = self.application
        environ = self.page_environ(path, base_url)
        if "wsgi_app" in vars(app):  # wrapped in middleware: go through it
            return self._run_wsgi(app, environ)
        # What Flask.wsgi_app does, short of turning the response into WSGI output and
        # back: the response object the app made is what the freezer reads.
        ctx = app.request_context(environ)
        error: BaseException | None = None
        try:
            try:
                ctx.push()
                response = app.full_dispatch_request()
            except Exception as caught:
                error = caught
                response = app.handle_exception(caught)
            except BaseException as caught:
                error = caught
                raise
            if response.direct_passthrough:  # a streamed file: read it the WSGI way
                return self._run_wsgi(response, environ)
            return response
        finally:
            if error is not None and app.should_ignore_error(error):
                error = None
            ctx.pop(error)

    def _run_wsgi(self, wsgi_callable, environ: dict):
        """What ``wsgi_callable`` (an app, or a response) gives for ``environ``, as a response."""
        started: list = []

        def start_response(status, headers, exc_info=None):
            started[:] = [status, headers]
            return lambda data: None

        app_iter = wsgi_callable(environ, start_response)
        try:
            body = b"".join(app_iter)
        finally:
            if hasattr(app_iter, "close"):
                app_iter.close()
        status, headers = started
        return self.application.response_class(body, status=status, headers=headers)


class PageResponse(Response):
    """A response that keeps the text its body was encoded from, so the build vets a rendered
    page without decoding what it has just encoded."""

    _text: tuple[str, bytes] | None = None

    def set_data(self, value) -> None:
        super().set_data(value)
        self._text = (value, self.response[0]) if isinstance(value, str) else None

    @property
    def text(self) -> str | None:
        """The str the body was set from (werkzeug encodes it as UTF-8), or None when it was
        set from bytes or has been replaced since."""
        body = self.response
        if self._text is None or not isinstance(body, list) or len(body) != 1 or body[0] is not self._text[1]:
            return None
        return self._text[0]


def make_static(app: Flask) -> None:
    """Give ``app`` no sessions, the static page client and responses that keep their text,
    and have it tell each request hook and view function async or not once, not on every
    request."""
    app.session_interface = NoSessions()
    app.test_client_class = StaticPageClient
    app.response_class = type("StaticPageResponse", (PageResponse, app.response_class), {})
    app.ensure_sync = _remembered(app.ensure_sync)


def _remembered(ensure_sync):
    """``ensure_sync`` (which inspects the function each call), remembered per function."""
    known: dict = {}

    def remembered(func):
        try:
            return known[func]
        except KeyError:
            made = known[func] = ensure_sync(func)
            return made
        except TypeError:  # an unhashable callable
            return ensure_sync(func)

    return remembered
