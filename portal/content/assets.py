"""Find the files a page's HTML references relatively, so the build can copy them."""

from __future__ import annotations

import hashlib
import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from portal.content.errors import ContentError
from portal.content.page import Asset


class _RefCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.refs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value and (name == "src" or (name == "href" and tag == "a")):
                self.refs.append(value)


def _is_relative_file(ref: str) -> bool:
    parts = urlsplit(ref)
    if parts.scheme or parts.netloc or ref.startswith(("/", "#", "?")):
        return False
    # A relative link to another page ("../apply/") is not a file to copy.
    return bool(parts.path) and not parts.path.endswith("/") and "." in posixpath.basename(parts.path)


# An SVG is served from the site's own origin, so script inside it would run
# with the site's privileges when the image is opened directly.
_ACTIVE_SVG = re.compile(rb"<script|<foreignobject|\son[a-z]+\s*=|javascript:", re.IGNORECASE)


def _checked_hash(source: Path, page_file: Path, ref: str) -> str:
    data = source.read_bytes()
    if source.suffix.lower() == ".svg" and _ACTIVE_SVG.search(data):
        raise ContentError(page_file, "body", f"image {ref!r} is an SVG with script or event handlers")
    return hashlib.sha256(data).hexdigest()


def refresh_assets(assets: tuple[Asset, ...], page_file: Path) -> tuple[Asset, ...]:
    """Re-resolve and re-hash ``assets`` of a cached page read from ``page_file``.

    A changed image is noticed, and a content folder that moved still
    works. Raises ContentError naming ``page_file`` if an asset has gone.
    """
    fresh = []
    for asset in assets:
        source = page_file.parent / asset.ref
        if not source.is_file():
            raise ContentError(page_file, "body", f"image or file {asset.ref!r} does not exist")
        fresh.append(Asset(asset.ref, source.resolve(), _checked_hash(source, page_file, asset.ref)))
    return tuple(fresh)


def find_assets(html: str, page_file: Path) -> tuple[Asset, ...]:
    """Return the files that ``html`` (rendered from ``page_file``) references relatively.

    Every relative ``src`` and every relative ``<a href>`` to a file name
    with an extension is resolved against the folder of ``page_file``. A
    reference that climbs out of that folder (``..``) or names a file that
    does not exist raises ContentError naming the page and the reference.
    Markdown files linked this way are treated as page links, not assets.
    """
    if "src=" not in html and "href=" not in html:
        return ()  # most news items: nothing to parse
    collector = _RefCollector()
    collector.feed(html)
    found: dict[str, Asset] = {}
    for ref in collector.refs:
        if not _is_relative_file(ref):
            continue
        path = posixpath.normpath(unquote(urlsplit(ref).path))
        if path.endswith(".md"):
            continue
        if path.startswith("../") or path == "..":
            raise ContentError(page_file, "body", f"image or file {ref!r} is outside the page's folder")
        source = page_file.parent / path
        if not source.is_file():
            raise ContentError(page_file, "body", f"image or file {ref!r} does not exist")
        if path not in found:
            found[path] = Asset(ref=path, source=source.resolve(), sha256=_checked_hash(source, page_file, ref))
    return tuple(found.values())
