"""Write sitemap.xml (with hreflang alternates) for the public site."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"
MAX_URLS = 50_000  # the sitemaps.org limit for one file


@dataclass(frozen=True, slots=True)
class SitemapEntry:
    """One page: its absolute URL, last change, and its translations by language code."""

    loc: str
    lastmod: dt.date | None = None
    alternates: Mapping[str, str] = field(default_factory=dict)


def sitemap_xml(entries: Iterable[SitemapEntry]) -> bytes:
    """The UTF-8 bytes of a sitemap listing ``entries`` in the order given.

    Raises ValueError for a relative URL or for more than 50,000 entries
    (the protocol's limit for one file).
    """
    ET.register_namespace("", SITEMAP_NS)
    ET.register_namespace("xhtml", XHTML_NS)
    urlset = ET.Element(f"{{{SITEMAP_NS}}}urlset")
    count = 0
    for entry in entries:
        count += 1
        if count > MAX_URLS:
            raise ValueError(f"a sitemap holds at most {MAX_URLS} URLs")
        _check_absolute(entry.loc)
        url = ET.SubElement(urlset, f"{{{SITEMAP_NS}}}url")
        ET.SubElement(url, f"{{{SITEMAP_NS}}}loc").text = entry.loc
        if entry.lastmod is not None:
            ET.SubElement(url, f"{{{SITEMAP_NS}}}lastmod").text = entry.lastmod.isoformat()
        for lang, href in sorted(entry.alternates.items()):
            _check_absolute(href)
            ET.SubElement(url, f"{{{XHTML_NS}}}link", rel="alternate", hreflang=lang, href=href)
    ET.indent(urlset)
    return ET.tostring(urlset, encoding="utf-8", xml_declaration=True) + b"\n"


def write_sitemap(path: Path, entries: Iterable[SitemapEntry]) -> None:
    """Write ``sitemap_xml(entries)`` to ``path``."""
    Path(path).write_bytes(sitemap_xml(entries))


def _check_absolute(url: str) -> None:
    if not url.startswith(("http://", "https://")):
        raise ValueError(f"sitemap URLs must be absolute, got {url!r}")
