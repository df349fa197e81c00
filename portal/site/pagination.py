"""Listing pages of a fixed size: page 1 at the listing's URL, page n at .../page/n/."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

PER_PAGE = 20


@dataclass(frozen=True)
class Chunk:
    """Page ``number`` (from 1) of ``count`` pages, holding ``items``."""

    items: Sequence[Any]
    number: int
    count: int

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.count


def page_count(total: int, per_page: int = PER_PAGE) -> int:
    """How many listing pages ``total`` items fill; an empty listing still has page 1."""
    return max(1, -(-total // per_page))


def chunk(items: Sequence[Any], number: int, per_page: int = PER_PAGE) -> Chunk | None:
    """Page ``number`` of ``items``, or None when there is no such page."""
    count = page_count(len(items), per_page)
    if not 1 <= number <= count:
        return None
    start = (number - 1) * per_page
    return Chunk(items[start:start + per_page], number, count)


def chunks(items: Sequence[Any], per_page: int = PER_PAGE) -> list[Chunk]:
    """Every listing page of ``items``, in order (at least one)."""
    count = page_count(len(items), per_page)
    return [Chunk(items[i * per_page:(i + 1) * per_page], i + 1, count) for i in range(count)]
