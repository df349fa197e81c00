"""Counting working days: weekends and listed holidays are off, listed 调休 weekend days are on."""
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
    """The calendar in the YAML file at `path` (lists `holidays` and `workdays`)."""
    raw = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    return Calendar(frozenset(raw.get("holidays") or []), frozenset(raw.get("workdays") or []))


def calendar() -> Calendar:
    """The calendar from the current app's reference data folder (portal/data/holidays.yaml)."""
    return load_calendar(str(Path(current_app.config["REFERENCE_DATA_DIR"]) / "holidays.yaml"))
