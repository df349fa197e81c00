"""Sending applications in expert review to a panel, proposing reviewers and assigning them.

Every write is one transaction and is audited. The rules of a proposal are enforced again on
every manual assignment, so staff adjusting by hand cannot break them either.
"""
from __future__ import annotations

from datetime import date

from flask_babel import gettext as _
from sqlalchemy import func, select

from portal.accounts.models import User
from portal.applications import workflow
from portal.applications.models import Application
from portal.audit import record as audit
from portal.kernel import db
from portal.kernel.clock import utcnow
from portal.panels import conflicts, declarations
from portal.panels.assignment_proposal import Case, Expert, Proposal, propose
from portal.panels.models import Assignment, ConflictOfInterest, ExpertProfile, Panel, PanelCase
from portal.panels.rules import reviewers_for


class AssignmentRefused(ValueError):
    """The assignment breaks a rule; the message is for staff."""


def case_of(application: Application) -> PanelCase | None:
    """The application's panel case, if it was sent to a panel."""
    return db.session.scalar(select(PanelCase).where(PanelCase.application_id == application.id))


def assignments_of(application: Application) -> list[Assignment]:
    """The application's assignments, oldest first."""
    return list(db.session.scalars(select(Assignment).where(Assignment.application_id == application.id)
                                   .order_by(Assignment.id)))


def send_to_panel(application: Application, panel: Panel, actor: User) -> PanelCase:
    """Send an application in expert review to a panel (or move it while nobody is assigned);
    automatic conflicts with the panel's members are detected at once."""
    if application.state != workflow.EXPERT_REVIEW:
        raise AssignmentRefused(_("只有处于专家评审阶段的申报才能分配给评审组。"))
    with db.transaction() as session:
        case = case_of(application)
        if case is not None and case.panel_id != panel.id and assignments_of(application):
            raise AssignmentRefused(_("已有专家接受分配，不能更换评审组；请先撤销分配。"))
        if case is None:
            case = PanelCase(application_id=application.id)
            session.add(case)
        case.panel_id, case.sent_by_id, case.sent_at = panel.id, actor.id, utcnow()
        conflicts.detect(application, panel.members)
        audit.record(actor, "panel.send", "application", application.id, panel_id=panel.id)
    return case


def loads(expert_ids: list[int]) -> dict[int, int]:
    """Open load per expert: assignments on applications still in expert review."""
    rows = db.session.execute(
        select(Assignment.expert_id, func.count()).join(Application)
        .where(Assignment.expert_id.in_(expert_ids), Application.state == workflow.EXPERT_REVIEW)
        .group_by(Assignment.expert_id)).all()
    counts = {expert_id: 0 for expert_id in expert_ids}
    counts.update({expert_id: count for expert_id, count in rows})
    return counts


def _active_conflicts(application_ids: list[int]) -> dict[int, set[int]]:
    rows = db.session.execute(select(ConflictOfInterest.application_id, ConflictOfInterest.expert_id).where(
        ConflictOfInterest.application_id.in_(application_ids), ConflictOfInterest.overridden_at.is_(None))).all()
    found: dict[int, set[int]] = {}
    for application_id, expert_id in rows:
        found.setdefault(application_id, set()).add(expert_id)
    return found


def _inputs(cases: list[PanelCase]) -> tuple[list[Case], list[Expert]]:
    members = {e.id: e for case in cases for e in case.panel.members if e.active}
    current = loads(list(members))
    experts = [Expert(e.id, e.affiliation_key, e.max_load, current[e.id]) for e in members.values()]
    found = _active_conflicts([c.application_id for c in cases])
    declined = declarations.declined_by([c.application_id for c in cases])
    assigned: dict[int, list[int]] = {}
    for a in db.session.scalars(select(Assignment).where(Assignment.application_id.in_([c.application_id for c in cases]))):
        assigned.setdefault(a.application_id, []).append(a.expert_id)
    inputs = []
    for case in cases:
        already = tuple(assigned.get(case.application_id, ()))
        needed = max(0, reviewers_for(case.application.category_code) - len(already))
        inputs.append(Case(case.application_id, tuple(e.id for e in case.panel.members if e.active), needed,
                           frozenset(found.get(case.application_id, ())), already,
                           frozenset(declined.get(case.application_id, ()))))
    return inputs, experts


def propose_for(cases: list[PanelCase]) -> Proposal:
    """Proposed experts (ids) for the given cases; nothing is written."""
    inputs, experts = _inputs(cases)
    return propose(inputs, experts)


def open_cases(panel: Panel) -> list[PanelCase]:
    """The panel's cases whose application is still in expert review."""
    return list(db.session.scalars(select(PanelCase).join(Application).where(
        PanelCase.panel_id == panel.id, Application.state == workflow.EXPERT_REVIEW).order_by(PanelCase.id)))


def _check(application: Application, case: PanelCase, expert: ExpertProfile, taken: list[ExpertProfile]) -> None:
    if expert not in case.panel.members or not expert.active:
        raise AssignmentRefused(_("%(name)s 不是该评审组的成员。", name=expert.name))
    if conflicts.is_conflicted(expert, application):
        raise AssignmentRefused(_("%(name)s 与该申报存在利益冲突，不能分配。", name=expert.name))
    if expert.id in declarations.declined_by([application.id]).get(application.id, ()):
        raise AssignmentRefused(_("%(name)s 已谢绝评审该申报。", name=expert.name))
    if any(other.id == expert.id for other in taken):
        raise AssignmentRefused(_("%(name)s 已被分配该申报。", name=expert.name))
    if any(other.affiliation_key == expert.affiliation_key for other in taken):
        raise AssignmentRefused(_("同一申报最多分配一位来自%(org)s的专家。", org=expert.affiliation))
    if loads([expert.id])[expert.id] >= expert.max_load:
        raise AssignmentRefused(_("%(name)s 已达评审上限（%(cap)d 份）。", name=expert.name, cap=expert.max_load))


def assign(application: Application, experts: list[ExpertProfile], deadline: date, actor: User) -> list[Assignment]:
    """Assign the experts to the application by `deadline`, all or none, checking every rule."""
    case = case_of(application)
    if case is None or application.state != workflow.EXPERT_REVIEW:
        raise AssignmentRefused(_("请先把申报分配给评审组。"))
    if not experts:
        raise AssignmentRefused(_("请至少选择一位专家。"))
    created = []
    with db.transaction() as session:
        conflicts.detect(application, experts)
        taken = [a.expert for a in assignments_of(application)]
        for expert in experts:
            _check(application, case, expert, taken)
            assignment = Assignment(application_id=application.id, expert_id=expert.id, panel_id=case.panel_id,
                                    deadline=deadline, assigned_by_id=actor.id, created_at=utcnow())
            session.add(assignment)
            session.flush()
            taken.append(expert)
            created.append(assignment)
        audit.record(actor, "assignment.create", "application", application.id,
                     expert_ids=[e.id for e in experts], deadline=deadline.isoformat())
    return created


def assign_proposal(panel: Panel, deadline: date, actor: User, visible=lambda application: True) -> int:
    """Accept the proposal for every open case of the panel that `visible` admits (division staff
    only reach their division's), in one transaction; returns how many assignments were made."""
    cases = [c for c in open_cases(panel) if visible(c.application)]
    proposal = propose_for(cases)
    experts = {e.id: e for e in panel.members}
    made = 0
    with db.transaction() as session:
        for case in cases:
            for expert_id in proposal.picks.get(case.application_id, []):
                session.add(Assignment(application_id=case.application_id, expert_id=expert_id, panel_id=panel.id,
                                       deadline=deadline, assigned_by_id=actor.id, created_at=utcnow()))
                made += 1
        audit.record(actor, "assignment.accept_proposal", "panel", panel.id, count=made,
                     picks={str(k): v for k, v in proposal.picks.items() if v},
                     experts=sorted({i for v in proposal.picks.values() for i in v if i in experts}))
    return made


def unassign(assignment: Assignment, actor: User) -> None:
    """Withdraw an assignment whose review was not submitted; audited."""
    if assignment.review is not None and assignment.review.locked:
        raise AssignmentRefused(_("该专家已提交评审意见，不能撤销分配。"))
    with db.transaction() as session:
        audit.record(actor, "assignment.remove", "application", assignment.application_id,
                     expert_id=assignment.expert_id)
        session.delete(assignment)
