"""The sections of the public site. Each is one module that registers its routes on the
blueprint and offers some of:

- ``outputs(source) -> Iterable[Output]``: every URL it publishes, with its dependencies;
- ``load() -> data``: its database rows, read once per build (``source.section_data(NAME)``);
- ``feed_items(source) -> Iterable[FeedItem]``: entries for feed.xml;
- ``NAV``: ``(endpoint, label)`` header links (label a lazy string).

Adding a section is adding its module to SECTIONS, plus its templates.
"""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from portal.site.outputs import FeedItem, Output
from portal.site.sections import content, home, panels, publicity, search, stations
from portal.site.source import register_section_loader

SECTIONS: tuple = (home, content, publicity, stations, panels, search)
for _module in SECTIONS:
    if hasattr(_module, "load"):
        register_section_loader(_module.NAME, _module.load)


def all_outputs(source) -> Iterator[Output]:
    """Every output of every section."""
    for module in SECTIONS:
        yield from module.outputs(source)


def all_feed_items(source) -> Iterator[FeedItem]:
    """Every feed entry of every section."""
    for module in SECTIONS:
        if hasattr(module, "feed_items"):
            yield from module.feed_items(source)


def nav_items() -> tuple[tuple[str, Any], ...]:
    """Header links of the sections this site has, in order: (endpoint, lazy label)."""
    return tuple(item for module in SECTIONS if getattr(module, "enabled", lambda: True)()
                 for item in getattr(module, "NAV", ()))
