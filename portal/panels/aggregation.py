"""Aggregating submitted reviews per application, and ranking the applications of a panel."""
from __future__ import annotations

import statistics
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from portal.applications.models import Application
from portal.kernel import db
from portal.panels import conflicts, declarations
from portal.panels.models import Assignment, Panel, PanelCase, Review
from portal.panels.scores import recommendation_of
from portal.panels.scoring import rubric


@dataclass(frozen=True)
class Aggregate:
    """The panel's view of one application: `weighted` is the confidence-weighted mean."""

    count: int
    weighted: float | None
    mean: float | None
    median: float | None
    spread: float | None
    disagreement: bool


EMPTY = Aggregate(0, None, None, None, None, False)


def aggregate(scored: list[tuple[float, int]], threshold: float) -> Aggregate:
    """From (weighted score, confidence) pairs: the confidence-weighted mean, the mean, the median,
    the spread (highest minus lowest) and whether the spread exceeds `threshold`."""
    if not scored:
        return EMPTY
    values = [score for score, _confidence in scored]
    weights = [max(confidence, 1) for _score, confidence in scored]
    weighted = sum(v * w for v, w in zip(values, weights)) / sum(weights)
    spread = max(values) - min(values)
    return Aggregate(len(values), round(weighted, 2), round(statistics.fmean(values), 2),
                     round(statistics.median(values), 2), round(spread, 2), spread > threshold)


def rank(aggregates: dict[int, Aggregate]) -> list[tuple[int, int, Aggregate]]:
    """(rank, application id, aggregate), best weighted score first; unscored applications last,
    unranked (rank 0). Ties share a rank."""
    scored = sorted(((a.weighted, a.mean, app_id) for app_id, a in aggregates.items() if a.count),
                    key=lambda t: (-t[0], -t[1], t[2]))
    ranked, previous, position = [], None, 0
    for index, (weighted, mean, app_id) in enumerate(scored, start=1):
        if (weighted, mean) != previous:
            position, previous = index, (weighted, mean)
        ranked.append((position, app_id, aggregates[app_id]))
    ranked += [(0, app_id, a) for app_id, a in sorted(aggregates.items()) if not a.count]
    return ranked


def counted_reviews(application: Application) -> list[Review]:
    """Submitted reviews of the application, leaving out experts who are (now) conflicted."""
    query = (select(Review).join(Assignment).where(Assignment.application_id == application.id,
                                                   Review.submitted_at.is_not(None)).order_by(Review.id))
    return [r for r in db.session.scalars(query) if not conflicts.is_conflicted(r.assignment.expert, application)]


def application_aggregate(application: Application) -> Aggregate:
    """The aggregate of the application's counted reviews."""
    reviews = counted_reviews(application)
    return aggregate([(r.weighted_score, r.confidence or 1) for r in reviews], rubric().disagreement_threshold)


def panel_ranking(panel: Panel) -> list[tuple[int, Application, Aggregate]]:
    """Every application sent to the panel with its rank and aggregate."""
    applications = db.session.scalars(select(Application).join(PanelCase).where(PanelCase.panel_id == panel.id)).all()
    by_id = {a.id: a for a in applications}
    ranked = rank({a.id: application_aggregate(a) for a in applications})
    return [(position, by_id[app_id], agg) for position, app_id, agg in ranked]


def panel_outcome(application: Application) -> dict | None:
    """What HR needs from the panel when deciding: the panel, the aggregate and the chair's
    recommendation; None when the application was never sent to a panel."""
    case = db.session.scalar(select(PanelCase).where(PanelCase.application_id == application.id))
    if case is None:
        return None
    return {"panel": case.panel, "aggregate": application_aggregate(application),
            "recommendation": recommendation_of(application), "timeline": expert_timeline(application)}


def expert_timeline(application: Application) -> list[tuple[str, datetime | None, datetime | None]]:
    """(expert name, when they declared no conflict, when they submitted their score) per assigned
    expert, for the staff deciding; None where it has not happened."""
    answers = declarations.declarations_of(application)
    rows = []
    for assignment in db.session.scalars(select(Assignment).where(Assignment.application_id == application.id)
                                         .order_by(Assignment.id)):
        answer = answers.get(assignment.expert_id)
        review = assignment.review
        rows.append((assignment.expert.name, answer.declared_at if answer and answer.outcome == "none" else None,
                     review.submitted_at if review else None))
    return rows
