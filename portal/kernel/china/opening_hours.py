"""Weekly opening hours: checking that they make sense and saying whether a place is open now.

A period is (weekday, opens, closes) with weekday 0 = Monday and times in China Standard Time.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time
from typing import Iterable

WEEKDAYS = range(7)

Period = tuple[int, time, time]


class InvalidHours(ValueError):
    """The hours do not make sense; `reason` is one of weekday, order, overlap; `weekday` which day."""

    def __init__(self, reason: str, weekday: int | None = None):
        super().__init__(reason)
        self.reason = reason
        self.weekday = weekday


def check(periods: Iterable[Period]) -> list[Period]:
    """The periods sorted by day and time; raises InvalidHours for a bad weekday, an opening at or
    after the closing time, or two periods of one day that overlap or touch."""
    ordered = sorted(periods, key=lambda p: (p[0], p[1]))
    for weekday, opens, closes in ordered:
        if not isinstance(weekday, int) or weekday not in WEEKDAYS:
            raise InvalidHours("weekday", weekday if isinstance(weekday, int) else None)
        if opens >= closes:
            raise InvalidHours("order", weekday)
    for earlier, later in zip(ordered, ordered[1:]):
        if earlier[0] == later[0] and later[1] <= earlier[2]:
            raise InvalidHours("overlap", earlier[0])
    return ordered


@dataclass(frozen=True)
class OpenStatus:
    """Open now (and until when), or closed (and when it next opens, if ever)."""

    is_open: bool
    until: time | None = None
    next_weekday: int | None = None
    next_opens: time | None = None


def status_at(periods: Iterable[Period], moment: datetime) -> OpenStatus:
    """Whether the periods cover `moment` (naive CST); if not, the next opening within a week."""
    ordered = sorted(periods, key=lambda p: (p[0], p[1]))
    today, now = moment.weekday(), moment.time()
    for weekday, opens, closes in ordered:
        if weekday == today and opens <= now < closes:
            return OpenStatus(True, until=closes)
    for offset in range(8):
        day = (today + offset) % 7
        for weekday, opens, _closes in ordered:
            if weekday == day and (offset > 0 or opens > now):
                return OpenStatus(False, next_weekday=day, next_opens=opens)
    return OpenStatus(False)


def parse_time(text: str) -> time | None:
    """'8:30', '08:30' or '08:30:00' as a time; None when it is not a time of day."""
    parts = (text or "").strip().split(":")
    if len(parts) not in (2, 3) or not all(p.isdigit() and len(p) <= 2 for p in parts):
        return None
    hour, minute = int(parts[0]), int(parts[1])
    if hour > 23 or minute > 59 or (len(parts) == 3 and int(parts[2]) > 59):
        return None
    return time(hour, minute)
