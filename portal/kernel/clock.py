"""The one place the portal reads the time, so tests can move it, and the one place the
China time zone is written."""
from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone

# China Standard Time, UTC+8 all year round (no daylight saving).
CHINA_TZ = timezone(timedelta(hours=8))

_frozen: datetime | None = None


def utcnow() -> datetime:
    """Naive UTC now (the database stores naive UTC everywhere)."""
    if _frozen is not None:
        return _frozen
    return datetime.now(timezone.utc).replace(tzinfo=None)


def to_china(moment: datetime) -> datetime:
    """Naive UTC -> naive China Standard Time."""
    return moment + CHINA_TZ.utcoffset(None)


def china_day_start(day: date) -> datetime:
    """The naive UTC moment that ``day`` begins in China."""
    return datetime.combine(day, time()) - CHINA_TZ.utcoffset(None)


def china_now() -> datetime:
    """Naive China Standard Time now."""
    return to_china(utcnow())


def today() -> date:
    """Today's date in China."""
    return china_now().date()


def freeze(moment: datetime | None) -> None:
    """Pin the clock to `moment` (naive UTC); None releases it. Tests only."""
    global _frozen
    _frozen = moment
