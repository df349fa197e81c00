"""Experts' reviews: drafts, submission (which locks), the chair reopening, and the chair's
panel recommendation."""
from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import select

from portal.applications import workflow
from portal.applications.models import Application
from portal.audit import record as audit
from portal.kernel import db
from portal.kernel.clock import utcnow
from portal.panels import conflicts
from portal.panels.models import (
    Assignment,
    ExpertProfile,
    PanelCase,
    PanelRecommendation,
    Review,
)
from portal.panels.scoring import InvalidScores, check_scores, rubric, weighted_score

OUTCOMES = ("recommend", "not_recommend")


class ReviewRefused(ValueError):
    """The review change is not allowed; the message is for the expert."""


def save(assignment: Assignment, scores: dict[str, int | None], confidence: int | None, panel_comment: str,
         hr_summary: str, submit: bool) -> Review:
    """Save the expert's review as a draft, or submit it (complete, then locked)."""
    expert, application = assignment.expert, assignment.application
    if conflicts.is_conflicted(expert, application):
        raise ReviewRefused(_("您与该申报存在利益冲突，不能评分。"))
    if application.state != workflow.EXPERT_REVIEW:
        raise ReviewRefused(_("该申报已不在专家评审阶段。"))
    review = assignment.review
    if review is not None and review.locked:
        raise ReviewRefused(_("评审意见已提交并锁定；如需修改，请联系评审组组长重新开放。"))
    criteria = rubric().criteria
    try:
        check_scores(criteria, scores, complete=submit)
    except InvalidScores as error:
        raise ReviewRefused(str(error)) from None
    if submit and confidence not in rubric().confidence:
        raise ReviewRefused(_("请选择评审把握程度。"))
    if submit and not (hr_summary or "").strip():
        raise ReviewRefused(_("请填写供人才办参考的评审摘要。"))
    with db.transaction() as session:
        if review is None:
            review = Review(assignment=assignment)
            session.add(review)
        review.scores = {c.code: scores.get(c.code) for c in criteria}
        review.confidence = confidence
        review.panel_comment = (panel_comment or "").strip() or None
        review.hr_summary = (hr_summary or "").strip() or None
        review.weighted_score = weighted_score(criteria, scores) if submit else None
        review.updated_at = utcnow()
        if submit:
            review.submitted_at = utcnow()
            assignment.state = "submitted"
    return review


def is_chair(expert: ExpertProfile, application: Application) -> bool:
    """True when the expert chairs the panel the application was sent to."""
    case = db.session.scalar(select(PanelCase).where(PanelCase.application_id == application.id))
    return case is not None and case.panel.chair_id == expert.id


def reopen(review: Review, chair: ExpertProfile, reason: str) -> None:
    """The panel chair unlocks a submitted review so its expert can change it; audited."""
    application = review.assignment.application
    if not is_chair(chair, application) or conflicts.is_conflicted(chair, application):
        raise ReviewRefused(_("只有评审组组长可以重新开放评审意见。"))
    if not review.locked:
        raise ReviewRefused(_("该评审意见尚未提交。"))
    if not (reason or "").strip():
        raise ReviewRefused(_("请填写重新开放的理由。"))
    with db.transaction():
        review.submitted_at, review.weighted_score = None, None
        review.reopened_by_id, review.reopened_at = chair.user_id, utcnow()
        review.assignment.state = "assigned"
        audit.record(chair.user, "review.reopen", "application", application.id, review_id=review.id,
                     expert_id=review.assignment.expert_id, reason=reason.strip())


def recommendation_of(application: Application) -> PanelRecommendation | None:
    """The chair's recommendation for the application, if written."""
    return db.session.scalar(select(PanelRecommendation).where(PanelRecommendation.application_id == application.id))


def recommend(application: Application, chair: ExpertProfile, outcome: str, text: str) -> PanelRecommendation:
    """The chair writes (or rewrites) the panel's recommendation while the case is in expert review."""
    if not is_chair(chair, application) or conflicts.is_conflicted(chair, application):
        raise ReviewRefused(_("只有评审组组长可以填写评审组意见。"))
    if application.state != workflow.EXPERT_REVIEW:
        raise ReviewRefused(_("该申报已不在专家评审阶段。"))
    if outcome not in OUTCOMES or not (text or "").strip():
        raise ReviewRefused(_("请选择推荐结论并填写意见。"))
    with db.transaction() as session:
        row = recommendation_of(application)
        if row is None:
            case = db.session.scalar(select(PanelCase).where(PanelCase.application_id == application.id))
            row = PanelRecommendation(application_id=application.id, panel_id=case.panel_id, chair_id=chair.id)
            session.add(row)
        row.outcome, row.text, row.updated_at = outcome, text.strip(), utcnow()
        audit.record(chair.user, "panel.recommend", "application", application.id, outcome=outcome)
    return row
