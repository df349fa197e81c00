"""Write robots.txt for the public site."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path


def robots_txt(sitemap_url: str, disallow: Iterable[str] = ()) -> str:
    """robots.txt text that allows every crawler, except under ``disallow`` paths, and names the sitemap.

    ``sitemap_url`` must be absolute (the protocol requires it); ``disallow``
    paths are URL paths including any base path (``/sub/search/``).
    """
    if not sitemap_url.startswith(("http://", "https://")):
        raise ValueError(f"the sitemap URL must be absolute, got {sitemap_url!r}")
    lines = ["User-agent: *"]
    paths = sorted(set(disallow))
    lines += [f"Disallow: {p}" for p in paths] if paths else ["Disallow:"]
    lines += ["", f"Sitemap: {sitemap_url}", ""]
    return "\n".join(lines)


def write_robots(path: Path, sitemap_url: str, disallow: Iterable[str] = ()) -> None:
    """Write ``robots_txt(sitemap_url, disallow)`` to ``path``."""
    Path(path).write_text(robots_txt(sitemap_url, disallow), encoding="utf-8")
