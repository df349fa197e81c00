"""The staff queue: filters read from the URL, the scoped query, text search, sorting and pages."""
from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from datetime import date, datetime, timedelta
from math import ceil
from typing import Any, Mapping

from sqlalchemy import Select, and_, false, func, or_, select

from portal.accounts.models import User
from portal.accounts.staff import is_city_level
from portal.applications import workflow
from portal.applications.access import staff_scope
from portal.applications.models import Application
from portal.kernel import db
from portal.kernel.clock import china_day_start
from portal.kernel.reference_data import reference
from portal.search import sync as search_sync

PER_PAGE = 50
# Counting stops here: an exact count of a huge result costs a scan of every match and helps
# nobody; beyond it the queue says "more than" and still pages on ("next" while pages are full).
COUNT_CAP = 1_000
MAX_QUERY = 100
QUEUE_COLUMNS = (Application.id, Application.reference, Application.full_name, Application.employer,
                 Application.category_code, Application.industry_code, Application.division_code,
                 Application.state, Application.submitted_at, Application.updated_at,
                 Application.publication_consent)
SORTS = {
    "updated": (Application.updated_at.desc(), Application.id.desc()),
    "oldest": (Application.updated_at.asc(), Application.id.asc()),
    "submitted": (Application.submitted_at.desc(), Application.id.desc()),
    "name": (Application.full_name.asc(), Application.id.asc()),
    "reference": (Application.reference.asc(), Application.id.asc()),
}
STAFF_STATES = tuple(s for s in workflow.STATE_LABELS if s != workflow.DRAFT)


def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _choice(value: str | None, allowed) -> str | None:
    return value if value and value in allowed else None


@dataclass(frozen=True)
class QueueFilters:
    """What the queue shows; every field round-trips through the URL so views can be bookmarked."""

    state: str | None = None
    category: str | None = None
    industry: str | None = None
    division: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    mine: bool = False
    q: str = ""
    sort: str = "updated"
    page: int = 1

    @classmethod
    def from_args(cls, args: Mapping[str, str]) -> QueueFilters:
        """Read filters from query arguments; unknown or malformed values are ignored, never errors."""
        page = args.get("page", "1")
        return cls(
            state=_choice(args.get("state"), STAFF_STATES),
            category=_choice(args.get("category"), reference("categories")),
            industry=_choice(args.get("industry"), reference("industries")),
            division=_choice(args.get("division"), reference("divisions")),
            date_from=_date(args.get("from")), date_to=_date(args.get("to")),
            mine=args.get("mine") == "1", q=(args.get("q") or "").strip()[:MAX_QUERY],
            sort=args.get("sort") if args.get("sort") in SORTS else "updated",
            page=max(1, int(page)) if page.isdigit() else 1,
        )

    def to_args(self, **changes: Any) -> dict[str, str]:
        """Query arguments for these filters (with `changes`), leaving out defaults."""
        values = asdict(replace(self, **changes))
        args = {"state": values["state"], "category": values["category"], "industry": values["industry"],
                "division": values["division"], "from": values["date_from"], "to": values["date_to"],
                "mine": "1" if values["mine"] else None, "q": values["q"] or None,
                "sort": None if values["sort"] == "updated" else values["sort"],
                "page": None if values["page"] == 1 else values["page"]}
        return {key: str(value) for key, value in args.items() if value}


SEARCH_CAP = 5_000  # best matches handed to SQL; the queue's own filters and order apply on top


def search_applications(text: str, user: User):
    """A clause selecting applications matching `text` in the private search index, within the
    user's division scope; a LIKE over reference, name and employer until the index exists."""
    divisions = None if is_city_level(user) else {user.division_code}
    ids = search_sync.matching_application_ids(text, divisions, SEARCH_CAP)
    if ids is not None:
        return Application.id.in_(ids) if ids else false()
    pattern = f"%{text.replace('%', '').replace('_', '')}%"
    return or_(Application.reference.ilike(pattern), Application.full_name.ilike(pattern),
               Application.employer.ilike(pattern))


def waiting_clause(user: User):
    """Applications waiting for `user`'s level: their division's early stages, or the city's stages."""
    division_states = [s for s, level in workflow.STAGE_LEVEL.items() if level == "division"]
    city_states = [s for s, level in workflow.STAGE_LEVEL.items() if level == "city"]
    if user.role == "admin":
        return Application.state.in_(list(workflow.STAGE_LEVEL))
    if is_city_level(user):
        return Application.state.in_(city_states)
    return Application.state.in_(division_states)


def _utc(day: date) -> datetime:
    return china_day_start(day)


def filtered(user: User, filters: QueueFilters, columns=QUEUE_COLUMNS) -> Select:
    """The scoped, filtered (unsorted, unpaged) selection of submitted applications."""
    clauses = [Application.state != workflow.DRAFT]
    scope = staff_scope(user, Application.division_code)
    if scope is not None:
        clauses.append(scope)
    for value, column in ((filters.state, Application.state), (filters.category, Application.category_code),
                          (filters.industry, Application.industry_code),
                          (filters.division, Application.division_code)):
        if value:
            clauses.append(column == value)
    if filters.date_from:
        clauses.append(Application.submitted_at >= _utc(filters.date_from))
    if filters.date_to:
        clauses.append(Application.submitted_at < _utc(filters.date_to + timedelta(days=1)))
    if filters.mine:
        clauses.append(waiting_clause(user))
    if filters.q:
        clauses.append(search_applications(filters.q, user))
    return select(*columns).where(and_(*clauses))


def sorted_query(user: User, filters: QueueFilters, columns=QUEUE_COLUMNS) -> Select:
    """The filtered selection in the chosen order."""
    return filtered(user, filters, columns).order_by(*SORTS[filters.sort])


@dataclass(frozen=True)
class QueuePage:
    rows: list
    total: int  # at most COUNT_CAP
    capped: bool  # True when there are more than COUNT_CAP matches
    page: int
    pages: int  # pages known to exist (COUNT_CAP / PER_PAGE when capped)
    has_next: bool


def capped_count(user: User, filters: QueueFilters) -> int:
    """The number of matches, counting no further than COUNT_CAP + 1."""
    matches = filtered(user, filters, (Application.id,)).limit(COUNT_CAP + 1).subquery()
    return db.session.scalar(select(func.count()).select_from(matches)) or 0


def page(user: User, filters: QueueFilters) -> QueuePage:
    """One page of the queue plus the (capped) total."""
    counted = capped_count(user, filters)
    total, capped = min(counted, COUNT_CAP), counted > COUNT_CAP
    pages = max(1, ceil(total / PER_PAGE))
    number = filters.page if capped else min(filters.page, pages)
    # One row more than a page tells whether a next page exists without counting everything.
    rows = db.session.execute(sorted_query(user, filters).limit(PER_PAGE + 1).offset((number - 1) * PER_PAGE)).all()
    return QueuePage(rows=rows[:PER_PAGE], total=total, capped=capped, page=number, pages=pages,
                     has_next=len(rows) > PER_PAGE)
