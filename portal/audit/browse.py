"""Reading the audit log (admins only): filters from the URL and pages. There is no way to change it."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from math import ceil
from typing import Mapping

from sqlalchemy import and_, func, select

from portal.audit.models import AuditEntry
from portal.kernel import db
from portal.kernel.clock import china_day_start

PER_PAGE = 100


def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


@dataclass(frozen=True)
class AuditFilters:
    action: str = ""
    actor_id: int | None = None
    object_type: str = ""
    object_id: str = ""
    date_from: date | None = None
    date_to: date | None = None
    page: int = 1

    @classmethod
    def from_args(cls, args: Mapping[str, str]) -> AuditFilters:
        """Filters from query arguments; malformed values are ignored."""
        actor, page = args.get("actor", ""), args.get("page", "1")
        return cls(action=(args.get("action") or "")[:64], actor_id=int(actor) if actor.isdigit() else None,
                   object_type=(args.get("object_type") or "")[:32], object_id=(args.get("object_id") or "")[:64],
                   date_from=_date(args.get("from")), date_to=_date(args.get("to")),
                   page=max(1, int(page)) if page.isdigit() else 1)

    def to_args(self, **changes) -> dict[str, str]:
        """Query arguments for these filters (with `changes`), leaving out empty ones."""
        values = {"action": self.action, "actor": self.actor_id, "object_type": self.object_type,
                  "object_id": self.object_id, "from": self.date_from, "to": self.date_to, "page": self.page}
        values.update(changes)
        return {k: str(v) for k, v in values.items() if v and not (k == "page" and v == 1)}


def _clauses(filters: AuditFilters):
    clauses = []
    if filters.action:
        clauses.append(AuditEntry.action == filters.action)
    if filters.actor_id:
        clauses.append(AuditEntry.actor_id == filters.actor_id)
    if filters.object_type:
        clauses.append(AuditEntry.object_type == filters.object_type)
    if filters.object_id:
        clauses.append(AuditEntry.object_id == filters.object_id)
    if filters.date_from:
        clauses.append(AuditEntry.created_at >= china_day_start(filters.date_from))
    if filters.date_to:
        clauses.append(AuditEntry.created_at < datetime.combine(filters.date_to, time()) + timedelta(hours=16))
    return and_(True, *clauses)


@dataclass(frozen=True)
class AuditPage:
    entries: list[AuditEntry]
    total: int
    page: int
    pages: int

    @property
    def has_next(self) -> bool:
        return self.page < self.pages


def page(filters: AuditFilters) -> AuditPage:
    """Newest entries first, PER_PAGE at a time."""
    where = _clauses(filters)
    total = db.session.scalar(select(func.count()).select_from(AuditEntry).where(where)) or 0
    pages = max(1, ceil(total / PER_PAGE))
    number = min(filters.page, pages)
    entries = list(db.session.scalars(select(AuditEntry).where(where).order_by(AuditEntry.id.desc())
                                      .limit(PER_PAGE).offset((number - 1) * PER_PAGE)))
    return AuditPage(entries, total, number, pages)


def known_actions() -> list[str]:
    """Every action name in the log, for the filter's choices."""
    return list(db.session.scalars(select(AuditEntry.action).distinct().order_by(AuditEntry.action)))
