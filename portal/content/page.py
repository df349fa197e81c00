"""The immutable records a content file is read into."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class PageMeta:
    """Validated front matter of one content file."""

    title: str
    date: dt.date
    slug: str
    lang: str
    tags: tuple[str, ...] = ()
    summary: str = ""
    draft: bool = False

    def values(self) -> tuple:
        """Every field, in order: what the constructor takes (and a cheap, stable repr)."""
        return (self.title, self.date, self.slug, self.lang, self.tags, self.summary, self.draft)

    def __reduce__(self):
        # Pickled as a constructor call: the dataclass default for frozen slots classes
        # looks the fields up again for every object, which made loading ten thousand
        # cached pages twice as slow.
        return PageMeta, self.values()


@dataclass(frozen=True, slots=True)
class Asset:
    """A file (usually an image) that a page references relatively.

    ``ref`` is the normalised relative reference as written in the page
    (``images/map.svg``); ``source`` is the absolute file it points at. The
    build copies ``source`` to ``<page output folder>/<ref>`` so the
    reference keeps working unchanged.
    """

    ref: str
    source: Path
    sha256: str


@dataclass(frozen=True, slots=True)
class Page:
    """One content file, read, validated, rendered and sanitised.

    ``source`` is the file's path relative to the content root (POSIX
    style, e.g. ``news/spring-campaign.zh.md``), stable across machines so
    it can key the build state; ``sha256`` is the hash of the file's bytes.
    """

    section: str
    meta: PageMeta
    html: str
    source: str
    sha256: str
    assets: tuple[Asset, ...] = ()

    def __reduce__(self):
        # See PageMeta.__reduce__.
        return Page, (self.section, self.meta, self.html, self.source, self.sha256, self.assets)

    @property
    def key(self) -> tuple[str, str, str]:
        """(section, lang, slug): unique within a library."""
        return (self.section, self.meta.lang, self.meta.slug)

    @property
    def dependency_key(self) -> str:
        """Opaque build-state key for this page's source file."""
        return f"content:{self.source}"
