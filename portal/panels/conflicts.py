"""Conflicts of interest: the ONE place that decides whether an expert may see an application.

Automatic conflicts (the expert's affiliation is the applicant's current or listed employer, or
staff recorded a relationship between them) are detected into ConflictOfInterest rows whenever a
case, membership, profile or relationship changes; experts declare their own. A conflict is active
until staff override it. `is_conflicted` and `hide_conflicted` read the same rows, so every
expert-facing route, listing, search and export agrees.
"""
from __future__ import annotations

import unicodedata

from flask_babel import gettext as _
from sqlalchemy import Select, exists, select

from portal.accounts.models import User
from portal.applications.models import Application
from portal.audit import record as audit
from portal.kernel import db
from portal.kernel.clock import utcnow
from portal.panels.models import Assignment, ConflictOfInterest, ExpertProfile, ExpertRelationship, PanelCase

AUTOMATIC = ("affiliation", "relationship")
DECLARED = "declared"


class ConflictError(ValueError):
    """The conflict change was refused; the message is for the user."""


def normalise(name: str | None) -> str:
    """Organisation names compared loosely: full-width/half-width folded, case, spaces and
    punctuation ignored ('辽宁工程技术大学 ' == '辽宁工程技术大学')."""
    folded = unicodedata.normalize("NFKC", name or "").casefold()
    return "".join(ch for ch in folded if ch.isalnum())


def employers_of(application: Application) -> set[str]:
    """Normalised employers the applicant gave: the current one and any in submitted snapshots
    (including a `previous_employers` list when the form collects one)."""
    names = [application.employer]
    for snapshot in application.snapshots:
        names.append(snapshot.data.get("employer"))
        names.extend(snapshot.data.get("previous_employers") or [])
    return {key for key in map(normalise, names) if key}


def automatic_reasons(expert: ExpertProfile, application: Application, relationship: str | None) -> dict[str, str]:
    """{source: detail} of the automatic conflicts between them: the shared organisation, and the
    kind of relationship staff recorded (if any)."""
    reasons = {}
    if expert.affiliation_key and expert.affiliation_key in employers_of(application):
        reasons["affiliation"] = expert.affiliation
    if relationship:
        reasons["relationship"] = relationship
    return reasons


def detect(application: Application, experts: list[ExpertProfile]) -> None:
    """Bring the automatic conflict rows of these pairs up to date (inside the caller's transaction).
    Overridden rows are kept as they are, so an override is never silently undone."""
    if not experts:
        return
    ids = [e.id for e in experts]
    related = dict(db.session.execute(select(ExpertRelationship.expert_id, ExpertRelationship.kind).where(
        ExpertRelationship.applicant_id == application.applicant_id, ExpertRelationship.expert_id.in_(ids))).all())
    rows = db.session.scalars(select(ConflictOfInterest).where(
        ConflictOfInterest.application_id == application.id, ConflictOfInterest.expert_id.in_(ids),
        ConflictOfInterest.source.in_(AUTOMATIC))).all()
    existing = {(r.expert_id, r.source): r for r in rows}
    for expert in experts:
        reasons = automatic_reasons(expert, application, related.get(expert.id))
        for source in AUTOMATIC:
            row = existing.get((expert.id, source))
            if source in reasons and row is None:
                db.session.add(ConflictOfInterest(application_id=application.id, expert_id=expert.id,
                                                  source=source, detail=reasons[source], created_at=utcnow()))
            elif source not in reasons and row is not None and row.active:
                db.session.delete(row)
            elif source in reasons and row.active:
                row.detail = reasons[source]
    db.session.flush()


def _active(expert_id: int):
    """The active conflict rows of an expert, correlated to Application.id."""
    return exists().where(ConflictOfInterest.application_id == Application.id,
                          ConflictOfInterest.expert_id == expert_id, ConflictOfInterest.overridden_at.is_(None))


def hide_conflicted(query: Select, expert: ExpertProfile) -> Select:
    """Add to a query over Application the rule: nothing the expert is conflicted with."""
    return query.where(~_active(expert.id))


def is_conflicted(expert: ExpertProfile, application: Application) -> bool:
    """True while the expert has any active conflict with the application."""
    return bool(db.session.scalar(select(Application.id).where(Application.id == application.id,
                                                               _active(expert.id))))


def conflicts_of(application: Application) -> list[ConflictOfInterest]:
    """Every conflict row of the application, active and overridden, for staff."""
    return list(db.session.scalars(select(ConflictOfInterest).where(
        ConflictOfInterest.application_id == application.id).order_by(ConflictOfInterest.id)))


def add_declared(expert: ExpertProfile, application: Application, reason: str) -> ConflictOfInterest:
    """Record (inside the caller's transaction) the conflict the expert declares; from then on
    they can neither see nor score the application. portal.services.declarations calls this."""
    if not (reason or "").strip():
        raise ConflictError(_("请说明利益冲突的情况。"))
    row = db.session.scalar(select(ConflictOfInterest).where(
        ConflictOfInterest.application_id == application.id, ConflictOfInterest.expert_id == expert.id,
        ConflictOfInterest.source == DECLARED))
    if row is None:
        row = ConflictOfInterest(application_id=application.id, expert_id=expert.id, source=DECLARED)
        db.session.add(row)
    row.detail, row.created_at = reason.strip(), utcnow()
    row.overridden_by_id = row.overridden_at = row.override_reason = None
    audit.record(expert.user, "conflict.declare", "application", application.id, expert_id=expert.id)
    return row


def override(conflict: ConflictOfInterest, actor: User, reason: str) -> None:
    """Staff lift a conflict with a stated reason; audited."""
    if not (reason or "").strip():
        raise ConflictError(_("请填写撤销冲突的理由。"))
    if not conflict.active:
        raise ConflictError(_("该冲突已被撤销。"))
    with db.transaction():
        conflict.overridden_by_id, conflict.overridden_at = actor.id, utcnow()
        conflict.override_reason = reason.strip()
        audit.record(actor, "conflict.override", "application", conflict.application_id,
                     conflict_id=conflict.id, expert_id=conflict.expert_id, source=conflict.source,
                     reason=conflict.override_reason)


def record_relationship(expert: ExpertProfile, applicant: User, kind: str, actor: User) -> ExpertRelationship:
    """Staff record a relationship between an expert and an applicant; every application of the
    applicant becomes an automatic conflict for the expert. Audited."""
    if not (kind or "").strip():
        raise ConflictError(_("请填写关系说明。"))
    with db.transaction() as session:
        row = session.scalar(select(ExpertRelationship).where(ExpertRelationship.expert_id == expert.id,
                                                              ExpertRelationship.applicant_id == applicant.id))
        if row is None:
            row = ExpertRelationship(expert_id=expert.id, applicant_id=applicant.id, created_at=utcnow())
            session.add(row)
        row.kind, row.recorded_by_id = kind.strip()[:100], actor.id
        session.flush()
        for application in session.scalars(select(Application).where(Application.applicant_id == applicant.id)):
            detect(application, [expert])
        audit.record(actor, "relationship.record", "expert", expert.id, applicant_id=applicant.id, kind=row.kind)
    return row


def redetect_after_transition(application: Application, _transition, _actor, _comment) -> None:
    """A transition hook: whenever an application that was sent to a panel moves (e.g. it comes
    back after a correction with a new snapshot), re-detect conflicts with the panel's members and
    everyone assigned, inside the transition's transaction."""
    case = db.session.scalar(select(PanelCase).where(PanelCase.application_id == application.id))
    if case is None:
        return
    assigned = db.session.scalars(select(ExpertProfile).join(Assignment, Assignment.expert_id == ExpertProfile.id)
                                  .where(Assignment.application_id == application.id)).all()
    detect(application, list({e.id: e for e in [*case.panel.members, *assigned]}.values()))
