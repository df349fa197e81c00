"""Counting working days: weekends and listed holidays are off, listed 调休 weekend days are on.

A year the calendar has no arrangement for is counted by weekends alone: the portal keeps working
past the last holiday list, and `missing_years` lets it say so to admins.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

import yaml
from flask import current_app


@dataclass(frozen=True)
class Calendar:
    """Holidays (days off) and make-up working days (weekend days on)."""

    holidays: frozenset[date]
    workdays: frozenset[date]
    years: frozenset[int] = frozenset()

    def missing_years(self, start: date, end: date) -> list[int]:
        """The years from `start` to `end` whose official arrangement the calendar lacks."""
        return [year for year in range(start.year, end.year + 1) if year not in self.years]

    def with_years(self, arrangements: dict[int, tuple[frozenset[date], frozenset[date]]]) -> "Calendar":
        """This calendar with each given year's (holidays, workdays) replacing what it had for that year."""
        def keep(days: frozenset[date]) -> set[date]:
            return {day for day in days if day.year not in arrangements}

        holidays, workdays = keep(self.holidays), keep(self.workdays)
        for off, on in arrangements.values():
            holidays |= off
            workdays |= on
        return Calendar(frozenset(holidays), frozenset(workdays), self.years | frozenset(arrangements))

    def is_working_day(self, day: date) -> bool:
        """Monday to Friday unless a holiday; a listed make-up day even on a weekend."""
        if day in self.workdays:
            return True
        return day.weekday() < 5 and day not in self.holidays

    def add_working_days(self, start: date, count: int) -> date:
        """The last day of a period of `count` working days beginning on `start` (counted if working)."""
        if count < 1:
            raise ValueError("count must be at least 1")
        day = start
        remaining = count
        while True:
            if self.is_working_day(day):
                remaining -= 1
                if remaining == 0:
                    return day
            day += timedelta(days=1)


@lru_cache(maxsize=4)
def load_calendar(path: str) -> Calendar:
    """The calendar in the YAML file at `path` (lists `holidays` and `workdays`).

    The years it covers are those with at least one listed holiday.
    """
    raw = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    holidays = frozenset(raw.get("holidays") or [])
    return Calendar(holidays, frozenset(raw.get("workdays") or []), frozenset(day.year for day in holidays))


def calendar() -> Calendar:
    """The calendar of the reference data folder alone (portal/data/holidays.yaml); the portal counts
    with `portal.holidays.arrangements.current_calendar`, which adds the years admins loaded."""
    return load_calendar(str(Path(current_app.config["REFERENCE_DATA_DIR"]) / "holidays.yaml"))
