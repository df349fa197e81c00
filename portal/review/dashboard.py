"""Figures for the staff dashboard, limited to what the user may see."""
from __future__ import annotations

from collections import defaultdict
from datetime import timedelta

from sqlalchemy import DateTime, String, and_, cast, func, select

from portal.accounts.models import User
from portal.applications import workflow
from portal.applications.access import staff_scope
from portal.applications.models import Application, ApplicationEvent
from portal.kernel import db


def _scoped(user: User):
    clauses = [Application.state != workflow.DRAFT]
    scope = staff_scope(user, Application.division_code)
    if scope is not None:
        clauses.append(scope)
    return and_(*clauses)


def counts_by(user: User, column) -> list[tuple[str | None, int]]:
    """(value, number of applications) for one column, largest first."""
    query = (select(column, func.count()).where(_scoped(user)).group_by(column).order_by(func.count().desc()))
    return [(value, count) for value, count in db.session.execute(query)]


def monthly_submissions(user: User, months: int = 12) -> list[tuple[str, int]]:
    """(YYYY-MM, submissions) for the most recent `months` months that had any."""
    month = func.substr(cast(Application.submitted_at, String), 1, 7)
    query = (select(month, func.count()).where(_scoped(user), Application.submitted_at.is_not(None))
             .group_by(month).order_by(month.desc()).limit(months))
    return list(reversed([(value, count) for value, count in db.session.execute(query)]))


def average_days_in_state(user: User) -> list[tuple[str, float]]:
    """Mean days applications spent in each state before leaving it, from the event history."""
    next_at = func.lead(ApplicationEvent.created_at, type_=DateTime).over(
        partition_by=ApplicationEvent.application_id, order_by=ApplicationEvent.id)
    stays = (select(ApplicationEvent.to_state.label("state"), ApplicationEvent.created_at.label("entered"),
                    next_at.label("left"))
             .join(Application, Application.id == ApplicationEvent.application_id).where(_scoped(user))
             .subquery())
    totals: dict[str, timedelta] = defaultdict(timedelta)
    counts: dict[str, int] = defaultdict(int)
    query = select(stays.c.state, stays.c.entered, stays.c.left).where(stays.c.left.is_not(None))
    for state, entered, left in db.session.execute(query.execution_options(yield_per=2000)):
        totals[state] += left - entered
        counts[state] += 1
    order = list(workflow.STATE_LABELS)
    return [(state, round(totals[state].total_seconds() / 86400 / counts[state], 1))
            for state in sorted(counts, key=order.index)]
