"""The one place the portal reads the time, so tests can move it."""
from __future__ import annotations

from datetime import date, datetime, timezone

_frozen: datetime | None = None


def utcnow() -> datetime:
    """Naive UTC now (the database stores naive UTC everywhere)."""
    if _frozen is not None:
        return _frozen
    return datetime.now(timezone.utc).replace(tzinfo=None)


def today() -> date:
    """Today's date in China Standard Time (UTC+8), which has no daylight saving."""
    from datetime import timedelta

    return (utcnow() + timedelta(hours=8)).date()


def freeze(moment: datetime | None) -> None:
    """Pin the clock to `moment` (naive UTC); None releases it. Tests only."""
    global _frozen
    _frozen = moment
