"""Write the Atom feed (feed.xml) of news and 公示 announcements."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from portal.kernel.clock import CHINA_TZ

ATOM_NS = "http://www.w3.org/2005/Atom"


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """One feed item. ``url`` is absolute; ``updated`` is a date or an aware datetime."""

    title: str
    url: str
    updated: dt.date | dt.datetime
    summary: str = ""
    categories: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class FeedInfo:
    """The feed itself: its title, the site URL, its own URL, author and language."""

    title: str
    site_url: str
    feed_url: str
    author: str
    lang: str = "zh"




def _moment(value: dt.date | dt.datetime) -> dt.datetime:
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            raise ValueError("feed datetimes must be timezone-aware")
        return value
    # A bare day is published at midnight China Standard Time.
    return dt.datetime.combine(value, dt.time(), tzinfo=CHINA_TZ)


def _timestamp(value: dt.date | dt.datetime) -> str:
    return _moment(value).isoformat()


def _sort_key(entry: FeedEntry) -> dt.datetime:
    return _moment(entry.updated)


def atom_xml(info: FeedInfo, entries: Sequence[FeedEntry], limit: int = 50) -> bytes:
    """The UTF-8 bytes of a valid Atom 1.0 feed of the newest ``limit`` entries.

    Entries are sorted newest first (ties keep their given order); the
    feed's ``updated`` is the newest entry's, or 1970-01-01 for an empty
    feed, so the output depends only on the inputs. Entry ids are the
    entries' URLs, which must therefore be absolute and stable.
    """
    ET.register_namespace("", ATOM_NS)
    newest = sorted(entries, key=_sort_key, reverse=True)[:limit]
    feed = ET.Element(f"{{{ATOM_NS}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": info.lang})
    _text(feed, "title", info.title)
    _text(feed, "id", info.feed_url)
    _text(feed, "updated", _timestamp(newest[0].updated) if newest else "1970-01-01T00:00:00+00:00")
    ET.SubElement(feed, f"{{{ATOM_NS}}}link", rel="self", href=info.feed_url, type="application/atom+xml")
    ET.SubElement(feed, f"{{{ATOM_NS}}}link", rel="alternate", href=info.site_url, type="text/html")
    author = ET.SubElement(feed, f"{{{ATOM_NS}}}author")
    _text(author, "name", info.author)
    for entry in newest:
        item = ET.SubElement(feed, f"{{{ATOM_NS}}}entry")
        _text(item, "title", entry.title)
        _text(item, "id", entry.url)
        _text(item, "updated", _timestamp(entry.updated))
        ET.SubElement(item, f"{{{ATOM_NS}}}link", rel="alternate", href=entry.url, type="text/html")
        for category in entry.categories:
            ET.SubElement(item, f"{{{ATOM_NS}}}category", term=category)
        if entry.summary:
            _text(item, "summary", entry.summary)
    ET.indent(feed)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"


def write_feed(path: Path, info: FeedInfo, entries: Sequence[FeedEntry], limit: int = 50) -> None:
    """Write ``atom_xml(info, entries, limit)`` to ``path``."""
    Path(path).write_bytes(atom_xml(info, entries, limit))


def _text(parent: ET.Element, tag: str, text: str) -> None:
    ET.SubElement(parent, f"{{{ATOM_NS}}}{tag}").text = text
