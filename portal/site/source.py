"""What the public site is rendered from: the content library plus each section's data.

The static build loads one ``SiteSource`` before rendering and hands it to the app
(``use_source``), so thousands of requests never touch the disk or the database. The
staff preview under /site/ loads it on demand instead.
"""
from __future__ import annotations

import os
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from flask import Flask, current_app

from portal.content.files import content_files
from portal.content.library import Library, load_library

_EXTENSION_KEY = "site_source"
_section_loaders: dict[str, Callable[[], Any]] = {}


@dataclass(frozen=True)
class SiteSource:
    """The content library and, by section name, the data each database-backed section loaded."""

    library: Library
    data: Mapping[str, Any] = field(default_factory=dict)

    def section_data(self, name: str, default: Any = None) -> Any:
        """The data the section ``name`` loaded, or ``default`` when it loaded none."""
        return self.data.get(name, default)


def register_section_loader(name: str, load: Callable[[], Any]) -> None:
    """Let the section ``name`` read its database rows into every source (``section_data(name)``).

    The sections register themselves (``portal.site.sections``), so the source never imports them.
    """
    _section_loaders[name] = load


def load_section_data() -> dict[str, Any]:
    """Each registered section's data, by section name (call inside an app context)."""
    return {name: load() for name, load in _section_loaders.items()}


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
    root = Path(os.path.abspath(current_app.config["CONTENT_DIR"]))
    return SiteSource(library=_preview_library(root), data=load_section_data())
