"""Check that every internal link and asset in a built site resolves to a file."""

from __future__ import annotations

import os
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

# (tag, attribute) pairs whose value is a URL the browser will fetch or follow.
_URL_ATTRS = {
    ("a", "href"), ("link", "href"), ("area", "href"),
    ("img", "src"), ("script", "src"), ("source", "src"), ("iframe", "src"),
    ("video", "src"), ("video", "poster"), ("audio", "src"), ("track", "src"),
    ("embed", "src"), ("form", "action"),
}
_SRCSET_TAGS = {"img", "source"}


@dataclass(frozen=True, slots=True)
class BrokenLink:
    """One internal link that does not resolve: where it is, what it says, and why."""

    file: str
    link: str
    reason: str

    def __str__(self) -> str:
        return f"{self.file}: {self.link}: {self.reason}"


class _LinkCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.base_href: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if tag == "base" and name == "href":
                self.base_href = value
            elif (tag, name) in _URL_ATTRS:
                self.links.append(value.strip())
            elif name == "srcset" and tag in _SRCSET_TAGS:
                self.links.extend(part.split()[0] for part in value.split(",") if part.split())


def _is_internal(link: str) -> bool:
    parts = urlsplit(link)
    return not (parts.scheme or parts.netloc) and bool(parts.path)


def _resolve(site: Path, url_path: str) -> Path | None:
    """The file a static server would send for ``url_path`` (relative to the site root)."""
    rel = url_path.lstrip("/")
    candidate = site / rel
    if url_path.endswith("/") or rel == "":
        candidate = candidate / "index.html"
    if candidate.is_file():
        return candidate
    if candidate.is_dir() and (candidate / "index.html").is_file():
        return candidate / "index.html"
    return None


def check_links(site: Path, base_path: str = "/") -> list[BrokenLink]:
    """Return every internal ``href``/``src`` in the HTML under ``site`` that does not resolve.

    ``base_path`` is the URL path the site is served from (``/`` or
    ``/some/sub/path/``): a root-relative link must start with it, and the
    rest must name a file in ``site`` (a path ending in ``/`` means its
    ``index.html``). Relative links are resolved against the page's own URL.
    External links (with a scheme or host), ``mailto:``, ``tel:`` and pure
    fragments are not checked. The result is sorted by file, then link.
    """
    site = Path(site)
    base = "/" + base_path.strip("/") + "/" if base_path.strip("/") else "/"
    broken: list[BrokenLink] = []
    for dirpath, _dirs, files in os.walk(site):
        for name in files:
            if name.endswith((".html", ".htm")):
                broken.extend(_check_page(site, Path(dirpath) / name, base))
    return sorted(broken, key=lambda b: (b.file, b.link))


def _check_page(site: Path, page: Path, base: str) -> list[BrokenLink]:
    rel_file = page.relative_to(site).as_posix()
    collector = _LinkCollector()
    collector.feed(page.read_text(encoding="utf-8", errors="replace"))
    page_url = base + rel_file
    if collector.base_href and _is_internal(collector.base_href):
        page_url = urljoin(page_url, collector.base_href)
    broken = []
    for link in collector.links:
        if not _is_internal(link):
            continue
        reason = _problem(site, urljoin(page_url, urlsplit(link).path), base)
        if reason:
            broken.append(BrokenLink(rel_file, link, reason))
    return broken


def _problem(site: Path, url: str, base: str) -> str | None:
    url = unquote(url)
    if url == base.rstrip("/"):
        url = base
    if not url.startswith(base):
        return f"outside the base path {base}"
    if _resolve(site, url[len(base):]) is None:
        return "no such file in the output"
    return None
