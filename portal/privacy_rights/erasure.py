"""Deleting, closing and anonymising accounts (PIPL art. 47).

An account that never submitted anything is deleted outright, files included. An account with a
submitted application is closed: it can no longer sign in, an open application is withdrawn,
and the record is kept for the retention rule, after which `purge_due` replaces the personal
fields and deletes the files, keeping only what statistics need. Every step is audited.
"""
from __future__ import annotations

import secrets
from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import delete, func, select, update

from portal.accounts.models import LoginAttempt, Role, User
from portal.applications import workflow
from portal.applications.models import Application, ApplicationEvent, ApplicationSnapshot, Material
from portal.applications.transitions import move
from portal.audit import record as audit
from portal.audit.models import AuditEntry
from portal.kernel import db, storage
from portal.kernel.clock import utcnow
from portal.notifications.models import Notification
from portal.panels.models import ExpertRelationship
from portal.privacy_rights.models import PLACEHOLDER_NAME, CorrectionRequest
from portal.privacy_rights.retention import current_rule, keep_until
from portal.publicity.models import PublicityEntry
from portal.review.models import CorrectionItem, InternalNote

# What an anonymised application keeps: enough for counts by category, division, state and date.
STATISTIC_FIELDS = ("education_level", "title_level", "category_code", "industry_code", "division_code")
CLEARED_FIELDS = ("id_number", "birth_date", "gender", "phone", "email", "address", "degree", "graduate_school",
                  "major", "professional_title", "employer", "position", "certificate_number")


class ErasureRefused(ValueError):
    """The account cannot be deleted or closed this way; the message is for the user."""


def applications_of(user: User) -> list[Application]:
    """Every application of the user, oldest first."""
    return list(db.session.scalars(select(Application).where(Application.applicant_id == user.id)
                                   .order_by(Application.id)))


def ever_submitted(applications: list[Application]) -> bool:
    """True once any application left the draft state (a submitted record must be kept for a while)."""
    return any(a.state != workflow.DRAFT or a.reference is not None for a in applications)


def _stored_names(application_ids: list[int]) -> list[str]:
    if not application_ids:
        return []
    return list(db.session.scalars(select(Material.stored_name).where(Material.application_id.in_(application_ids))))


def _delete_applications(session, application_ids: list[int]) -> None:
    if not application_ids:
        return
    for model in (Material, ApplicationSnapshot, ApplicationEvent, CorrectionItem, InternalNote, Notification,
                  CorrectionRequest, PublicityEntry):
        session.execute(delete(model).where(model.application_id.in_(application_ids)))
    session.execute(delete(Application).where(Application.id.in_(application_ids)))


def _delete_files(stored_names: list[str]) -> None:
    for name in stored_names:  # after the commit: a rollback must not leave rows without files
        storage.delete_stored(name)


def close_or_delete(user: User) -> str:
    """Delete the account at once ("deleted") or close it ("closed"); applicants only."""
    if user.role != Role.APPLICANT.value:
        raise ErasureRefused(_("工作人员和专家账号请联系系统管理员注销。"))
    if user.closed_at is not None:
        raise ErasureRefused(_("该账号已注销。"))
    applications = applications_of(user)
    return _close(user, applications) if ever_submitted(applications) else _delete_now(user, applications)


def _delete_now(user: User, applications: list[Application]) -> str:
    ids = [a.id for a in applications]
    files = _stored_names(ids)
    user_id, email = user.id, user.email
    with db.transaction() as session:
        audit.record(None, "account.delete", "user", user_id, applications=ids, files=len(files))
        _delete_applications(session, ids)
        session.execute(update(AuditEntry).where(AuditEntry.actor_id == user_id).values(actor_id=None))
        session.execute(update(CorrectionRequest).where(CorrectionRequest.requested_by_id == user_id)
                        .values(requested_by_id=None))
        session.execute(delete(ExpertRelationship).where(ExpertRelationship.applicant_id == user_id))
        session.execute(delete(Notification).where(Notification.user_id == user_id))
        session.execute(delete(LoginAttempt).where(func.lower(LoginAttempt.email) == email.lower()))
        session.execute(delete(User).where(User.id == user_id))
    session.expunge_all()
    _delete_files(files)
    return "deleted"


def _close(user: User, applications: list[Application]) -> str:
    drafts = [a.id for a in applications if a.state == workflow.DRAFT and a.reference is None]
    files = _stored_names(drafts)
    with db.transaction() as session:
        for application in applications:
            if application.id not in drafts and application.state not in workflow.FINAL_STATES:
                move(application, "withdraw", user, _("申请人注销账号，申报随之撤回。"))
        _delete_applications(session, drafts)
        user.closed_at = utcnow()
        user.active = False
        audit.record(user, "account.close", "user", user.id, withdrawn=[a.id for a in applications
                                                                          if a.id not in drafts],
                     deleted_drafts=drafts)
    _delete_files(files)
    return "closed"


def due_accounts(now: datetime | None = None) -> list[tuple[User, list[Application]]]:
    """Closed, not yet anonymised accounts whose retention period has ended."""
    now, rule = now or utcnow(), current_rule()
    closed = db.session.scalars(select(User).where(User.closed_at.is_not(None), User.anonymised_at.is_(None))
                                .order_by(User.id))
    due = []
    for user in closed:
        applications = applications_of(user)
        until = keep_until(user, applications, rule)
        if until is not None and until <= now:
            due.append((user, applications))
    return due


def purge_due(now: datetime | None = None) -> dict[str, int]:
    """Anonymise every account past retention; returns the counts of accounts, applications and files."""
    counts = {"accounts": 0, "applications": 0, "files": 0}
    for user, applications in due_accounts(now):
        files = anonymise(user, applications)
        counts["accounts"] += 1
        counts["applications"] += len(applications)
        counts["files"] += files
    return counts


def anonymise(user: User, applications: list[Application]) -> int:
    """Replace the personal fields of the account and its applications, delete the files; returns files deleted."""
    ids = [a.id for a in applications]
    files = _stored_names(ids)
    old_email = user.email
    with db.transaction() as session:
        for application in applications:
            _anonymise_application(session, application)
        session.execute(delete(Material).where(Material.application_id.in_(ids or [-1])))
        session.execute(delete(Notification).where(Notification.user_id == user.id))
        session.execute(delete(LoginAttempt).where(func.lower(LoginAttempt.email) == old_email.lower()))
        session.execute(delete(ExpertRelationship).where(ExpertRelationship.applicant_id == user.id))
        user.full_name, user.phone = PLACEHOLDER_NAME, None
        user.email = f"closed-{user.id}@deleted.invalid"
        user.password_hash = "!" + secrets.token_hex(16)  # no password matches
        user.anonymised_at = utcnow()
        audit.record(None, "personal_data.purge", "user", user.id, applications=ids, files=len(files))
    _delete_files(files)
    return len(files)


def _anonymise_application(session, application: Application) -> None:
    application.full_name = PLACEHOLDER_NAME
    for name in CLEARED_FIELDS:
        setattr(application, name, None)
    application.publication_consent = False
    application.anonymised_at = utcnow()
    for snapshot in application.snapshots:
        snapshot.data = {k: v for k, v in snapshot.data.items() if k in STATISTIC_FIELDS}
    for model, column, value in ((ApplicationEvent, ApplicationEvent.comment, None),
                                 (CorrectionItem, CorrectionItem.note, "—"),
                                 (InternalNote, InternalNote.body, "—")):
        session.execute(update(model).where(model.application_id == application.id).values({column: value}))
    session.execute(update(CorrectionRequest).where(CorrectionRequest.application_id == application.id)
                    .values(requested_value=None, reason=None, decision_note=None))
    session.execute(update(PublicityEntry).where(PublicityEntry.application_id == application.id)
                    .values(full_name=PLACEHOLDER_NAME, employer="", professional_title=None))
