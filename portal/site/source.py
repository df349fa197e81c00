"""What the public site is rendered from: the content library plus each section's data.

The static build loads one ``SiteSource`` before rendering and hands it to the app
(``use_source``), so thousands of requests never touch the disk or the database. The
staff preview under /site/ loads it on demand instead.
"""
from __future__ import annotations

import os
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from flask import Flask, current_app

from portal.content.cache import PageCache
from portal.content.files import content_files
from portal.content.library import Library, load_library
from portal.content.preload import ContentPreload

_EXTENSION_KEY = "site_source"


@dataclass(frozen=True)
class SiteSource:
    """The content library and, by section name, the data each database-backed section loaded."""

    library: Library
    data: Mapping[str, Any] = field(default_factory=dict)

    def section_data(self, name: str, default: Any = None) -> Any:
        """The data the section ``name`` loaded, or ``default`` when it loaded none."""
        return self.data.get(name, default)


def load_source(content_dir: Path, cache: PageCache | None = None, workers: int | None = None,
                preload: ContentPreload | None = None) -> SiteSource:
    """Read the content folder and every section's database rows into a SiteSource.

    Raises ContentError (file and field named) for bad content. Call inside an app context.
    ``preload``: the folder's files already being rendered (see ``portal.content.preload``).
    """
    from portal.site.sections import load_section_data

    # The database first: while it is read, a preload's readers go on rendering content.
    data = load_section_data()
    library = load_library(Path(content_dir), workers=workers, cache=cache, preload=preload)
    return SiteSource(library=library, data=data)


def use_source(app: Flask, source: SiteSource) -> None:
    """Make every request of ``app`` render from ``source`` (the static build does this)."""
    app.extensions[_EXTENSION_KEY] = source


_preview_lock = threading.Lock()
_preview_cache: dict[str, tuple[tuple, Library]] = {}


def _signature(root: Path) -> tuple:
    return tuple((str(path), path.stat().st_mtime_ns, path.stat().st_size) for path, _ in content_files(root))


def _preview_library(root: Path) -> Library:
    """The library of ``root``, re-read only when a content file changed (preview only)."""
    signature = _signature(root)
    with _preview_lock:
        cached = _preview_cache.get(str(root))
        if cached is None or cached[0] != signature:
            cached = (signature, load_library(root, workers=1))
            _preview_cache[str(root)] = cached
        return cached[1]


def current_source() -> SiteSource:
    """The source for this request: the build's, or a fresh preview of content and database."""
    source = current_app.extensions.get(_EXTENSION_KEY)
    if source is not None:
        return source
    from portal.site.sections import load_section_data

    root = Path(os.path.abspath(current_app.config["CONTENT_DIR"]))
    return SiteSource(library=_preview_library(root), data=load_section_data())
