"""URL building for the public site, memoised: the same nav, tag and listing links appear on
thousands of pages, and building each with url_for costs more than rendering the rest."""
from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import lru_cache

from flask import Flask, current_app, request, url_for
from flask.globals import request_ctx


@lru_cache(maxsize=65536)
def _build(script_root: str, host_url: str, endpoint: str, values: tuple) -> str:
    # script_root and host_url are part of the key: the same app serves several base URLs.
    return path_builder(current_app)(endpoint, dict(values))


def path_builder(app: Flask) -> Callable[[str, Mapping], str]:
    """``url_for(endpoint, **values)`` for the current request context. With no URL-default
    functions to apply, that is the request's URL adapter building the path, which is what
    url_for does after its per-call lookups (half the cost on twelve thousand URLs)."""
    if app.url_default_functions:
        return lambda endpoint, values: url_for(endpoint, **values)
    adapter = request_ctx.url_adapter
    return lambda endpoint, values: adapter.build(endpoint, values)


# What a request's script root and host URL are made of (besides the app's trusted hosts).
_ORIGIN_KEYS = ("wsgi.url_scheme", "HTTP_HOST", "SERVER_NAME", "SERVER_PORT", "SCRIPT_NAME")
_bases: dict[tuple, tuple[str, str]] = {}


def request_base() -> tuple[str, str]:
    """This request's (script_root, host_url), worked out once per origin: werkzeug works
    ``host_url`` out afresh for every request, and a static build makes twelve thousand
    requests from one origin."""
    environ = request.environ
    base = environ.get("portal.site.base")
    if base is None:
        trusted = request.trusted_hosts
        origin = (*(environ.get(key) for key in _ORIGIN_KEYS), tuple(trusted) if trusted is not None else None)
        base = _bases.get(origin)
        if base is None:
            if len(_bases) >= 1024:
                _bases.clear()
            base = _bases[origin] = (request.script_root, request.host_url)
        environ["portal.site.base"] = base
    return base


def url_builder() -> Callable[..., str]:
    """``site_url(endpoint, **values)`` for this request: ``url_for``, remembered per base URL."""
    script_root, host_url = request_base()

    def site_url(endpoint: str, **values) -> str:
        return _build(script_root, host_url, endpoint, tuple(sorted(values.items())))

    return site_url


def absolute_url_builder() -> Callable[..., str]:
    """``url_for(endpoint, _external=True, **values)`` for this request, remembered like
    ``url_builder``'s (the canonical, hreflang, sitemap and feed URLs)."""
    origin, build = request_base()[1].rstrip("/"), url_builder()
    return lambda endpoint, **values: origin + build(endpoint, **values)


def site_url(endpoint: str, **values) -> str:
    """``url_for(endpoint, **values)``, remembered for this request's base URL."""
    return _build(*request_base(), endpoint, tuple(sorted(values.items())))
