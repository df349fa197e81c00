"""Where the site will be served from: an absolute URL ending in a slash."""
from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit


def resolve_base_url(given: str | None, default: str) -> str:
    """``given`` as an absolute URL ending in "/"; a bare path (``/some/sub/path/``) takes
    the origin of ``default``. Raises ValueError for anything else."""
    base = urlsplit(default if not given else given)
    if not given or given.startswith("/"):
        origin = urlsplit(default)
        base = origin._replace(path=(given or origin.path or "/"))
    if base.scheme not in ("http", "https") or not base.netloc:
        raise ValueError(f"the base URL must be a path like /sub/path/ or an http(s) URL, got {given!r}")
    path = "/" + base.path.strip("/") + "/" if base.path.strip("/") else "/"
    return urlunsplit((base.scheme, base.netloc, path, "", ""))
