"""What a preload hands the library: rendered files, and the protocol every preload keeps.

A leaf module, so that ``preload`` (which renders) and ``library`` (which loads) can share
these types without importing each other.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from portal.content.page import Page


@dataclass(frozen=True)
class Rendered:
    """One content file, rendered: its page, the page pickled (when a reader made it) and
    the file's stamp taken before it was read."""

    page: Page
    blob: bytes | None
    stamp: str


class ContentPreload(Protocol):
    """What the load phase takes from a preload started before the web stack was imported."""

    root: Path  # the content folder, resolved

    def pages(self) -> list[Rendered]: ...

    def store(self, cache_file: Path, rendered: list[Rendered]) -> None: ...

    def close(self) -> None: ...
