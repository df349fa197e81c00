"""The conflict check an expert answers before a file opens, and what follows from the answer.

Before opening, the expert sees only the applicant's name, employer and category. They declare
"no conflict" (the file opens), "conflict" (a declared conflict: the file stays shut and an
unscored assignment is withdrawn, so the slot is open again), or decline the assignment with a
reason (the slot is open again and the proposal no longer offers them for this case). Each answer
is one transaction, audited, and kept as an ExpertDeclaration with its time for staff.
"""
from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import select

from portal.applications.models import Application
from portal.audit import record as audit
from portal.kernel import db
from portal.kernel.clock import utcnow
from portal.panels import conflicts
from portal.panels.models import Assignment, ExpertDeclaration, ExpertProfile

NO_CONFLICT, CONFLICT, DECLINED = "none", "conflict", "declined"


class DeclarationRefused(ValueError):
    """The answer was refused; the message is for the expert."""


def declaration_of(expert: ExpertProfile, application: Application) -> ExpertDeclaration | None:
    """The expert's latest answer for the application, if any."""
    return db.session.scalar(select(ExpertDeclaration).where(ExpertDeclaration.application_id == application.id,
                                                            ExpertDeclaration.expert_id == expert.id))


def has_cleared(expert: ExpertProfile, application: Application) -> bool:
    """True once the expert declared no conflict with the application (the file may open)."""
    row = declaration_of(expert, application)
    return row is not None and row.outcome == NO_CONFLICT


def declarations_of(application: Application) -> dict[int, ExpertDeclaration]:
    """Every expert's answer for the application, by expert id (for staff)."""
    rows = db.session.scalars(select(ExpertDeclaration).where(ExpertDeclaration.application_id == application.id))
    return {row.expert_id: row for row in rows}


def declined_by(application_ids: list[int]) -> dict[int, set[int]]:
    """{application id: ids of the experts who declined it}, for the assignment proposal."""
    rows = db.session.execute(select(ExpertDeclaration.application_id, ExpertDeclaration.expert_id).where(
        ExpertDeclaration.application_id.in_(application_ids), ExpertDeclaration.outcome == DECLINED)).all()
    found: dict[int, set[int]] = {}
    for application_id, expert_id in rows:
        found.setdefault(application_id, set()).add(expert_id)
    return found


def _answer(expert: ExpertProfile, application: Application, outcome: str, reason: str | None) -> ExpertDeclaration:
    row = declaration_of(expert, application)
    if row is None:
        row = ExpertDeclaration(application_id=application.id, expert_id=expert.id)
        db.session.add(row)
    row.outcome, row.reason, row.declared_at = outcome, reason, utcnow()
    return row


def _assignment(expert: ExpertProfile, application: Application) -> Assignment | None:
    return db.session.scalar(select(Assignment).where(Assignment.application_id == application.id,
                                                      Assignment.expert_id == expert.id))


def declare_no_conflict(expert: ExpertProfile, application: Application) -> ExpertDeclaration:
    """The expert declares no conflict; the file opens for them. Audited."""
    with db.transaction():
        row = _answer(expert, application, NO_CONFLICT, None)
        audit.record(expert.user, "declaration.no_conflict", "application", application.id, expert_id=expert.id)
    return row


def declare_conflict(expert: ExpertProfile, application: Application, reason: str) -> ExpertDeclaration:
    """The expert declares a conflict: a declared conflict row, and their assignment withdrawn
    unless they already scored (a submitted review is kept but no longer counted)."""
    with db.transaction() as session:
        conflicts.add_declared(expert, application, reason)
        row = _answer(expert, application, CONFLICT, reason.strip())
        assignment = _assignment(expert, application)
        if assignment is not None and assignment.state != "submitted":
            session.delete(assignment)
            audit.record(expert.user, "assignment.withdrawn_by_conflict", "application", application.id,
                         expert_id=expert.id)
    return row


def decline(expert: ExpertProfile, application: Application, reason: str) -> ExpertDeclaration:
    """The expert hands an unscored assignment back with a reason; the slot opens again and the
    proposal no longer offers them for this application. Audited."""
    reason = (reason or "").strip()
    if not reason:
        raise DeclarationRefused(_("请说明谢绝评审的理由。"))
    assignment = _assignment(expert, application)
    if assignment is None:
        raise DeclarationRefused(_("您没有该申报的评审任务。"))
    if assignment.state == "submitted":
        raise DeclarationRefused(_("您已提交评审意见，不能再谢绝该任务。"))
    with db.transaction() as session:
        row = _answer(expert, application, DECLINED, reason[:1000])
        session.delete(assignment)
        audit.record(expert.user, "assignment.decline", "application", application.id, expert_id=expert.id,
                     reason=row.reason)
    return row
