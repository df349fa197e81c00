"""What a section declares to the build: the pages it publishes and what each is made from."""
from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Output:
    """One published URL: ``url_for(endpoint, **values)``.

    ``deps`` maps build-state keys (``content:news/x.zh.md``, ``row:publicity_batch:3``,
    ``listing:news:zh:page:2`` ...) to the hash of what the page shows of them; the build
    re-renders the page when any of them changes, and adds the template and site-wide keys
    itself. ``primary`` keys are the page's sources: when all are gone the page is removed.
    ``alternates`` names the same page in other languages (lang -> values) for hreflang in
    the sitemap; ``lastmod`` and ``sitemap`` control the sitemap entry.
    """

    endpoint: str
    values: Mapping[str, Any]
    deps: Mapping[str, str]
    template: str | None = None
    primary: tuple[str, ...] = ()
    alternates: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    lastmod: dt.date | None = None
    sitemap: bool = True


@dataclass(frozen=True)
class FeedItem:
    """One entry of feed.xml: a news item or a 公示 announcement."""

    title: str
    endpoint: str
    values: Mapping[str, Any]
    updated: dt.date | dt.datetime
    summary: str = ""
    categories: tuple[str, ...] = ()


def digest(*parts: object) -> str:
    """A stable hash of ``parts`` (their reprs), for dependency keys over database rows."""
    h = hashlib.sha256()
    for part in parts:
        h.update(repr(part).encode("utf-8"))
        h.update(b"\x1f")
    return h.hexdigest()
