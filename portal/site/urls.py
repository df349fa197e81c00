"""URL building for the public site, memoised: the same nav, tag and listing links appear on
thousands of pages, and building each with url_for costs more than rendering the rest."""
from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from flask import request, url_for


@lru_cache(maxsize=65536)
def _build(script_root: str, host_url: str, endpoint: str, values: tuple) -> str:
    # script_root and host_url are part of the key: the same app serves several base URLs.
    return url_for(endpoint, **dict(values))


def request_base() -> tuple[str, str]:
    """This request's (script_root, host_url), worked out once per request (werkzeug
    recomputes ``host_url`` on every access, and a page asks for it a dozen times)."""
    environ = request.environ
    base = environ.get("portal.site.base")
    if base is None:
        base = environ["portal.site.base"] = (request.script_root, request.host_url)
    return base


def url_builder() -> Callable[..., str]:
    """``site_url(endpoint, **values)`` for this request: ``url_for``, remembered per base URL."""
    script_root, host_url = request_base()

    def site_url(endpoint: str, **values) -> str:
        return _build(script_root, host_url, endpoint, tuple(sorted(values.items())))

    return site_url


def site_url(endpoint: str, **values) -> str:
    """``url_for(endpoint, **values)``, remembered for this request's base URL."""
    return _build(*request_base(), endpoint, tuple(sorted(values.items())))
