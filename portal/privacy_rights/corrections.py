"""Correcting personal data (PIPL art. 46): the account's contact details directly, a submitted
application's fields through a request that staff accept or refuse."""
from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import func, select

from portal.accounts.models import User
from portal.applications import access, workflow
from portal.applications.models import Application
from portal.applications.transitions import record_event
from portal.audit import record as audit
from portal.kernel import db
from portal.kernel.china import idcard
from portal.kernel.clock import utcnow
from portal.privacy_rights.models import ACCEPTED, PENDING, REFUSED, CorrectionRequest
from portal.review.staff_review import FIELD_LABELS

# The fields an applicant may ask to correct once submitted (codes that steer the review are not).
CORRECTABLE_FIELDS = ("full_name", "id_number", "phone", "email", "address", "degree", "graduate_school",
                      "major", "professional_title", "employer", "position")


class CorrectionError(ValueError):
    """The change is refused; the message is for the user."""


def update_contact(user: User, full_name: str | None, phone: str, email: str) -> None:
    """Change the account's name, mobile and e-mail (already validated); the e-mail must stay unique."""
    email = email.strip().lower()
    with db.transaction():
        taken = db.session.scalar(select(User.id).where(func.lower(User.email) == email, User.id != user.id))
        if taken is not None:
            raise CorrectionError(_("该邮箱已被其他账号使用。"))
        changed = [name for name, value in (("full_name", (full_name or "").strip() or None), ("phone", phone),
                                            ("email", email)) if getattr(user, name) != value]
        user.full_name, user.phone, user.email = (full_name or "").strip() or None, phone, email
        if changed:
            audit.record(user, "account.contact_update", "user", user.id, fields=changed)


def can_request(application: Application) -> bool:
    """A submitted application that the applicant can no longer edit himself."""
    return application.state not in workflow.EDITABLE_STATES and application.anonymised_at is None


def request_correction(application: Application, actor: User, field: str, value: str,
                       reason: str) -> CorrectionRequest:
    """File a correction request for staff (the value was validated by the form)."""
    if application.applicant_id != actor.id:
        raise CorrectionError(_("只有申请人本人可以申请更正。"))
    if not can_request(application):
        raise CorrectionError(_("草稿和退回补正的申报请直接修改，无需申请更正。"))
    if field not in CORRECTABLE_FIELDS:
        raise CorrectionError(_("该项不能申请更正。"))
    with db.transaction() as session:
        request = CorrectionRequest(application_id=application.id, requested_by_id=actor.id, field=field,
                                    requested_value=value.strip(), reason=reason.strip(), status=PENDING,
                                    created_at=utcnow())
        session.add(request)
        session.flush()
        audit.record(actor, "correction.request", "application", application.id, request_id=request.id,
                     field=field)
    return request


def requests_for(application: Application) -> list[CorrectionRequest]:
    """The application's correction requests, oldest first."""
    return list(db.session.scalars(select(CorrectionRequest).where(
        CorrectionRequest.application_id == application.id).order_by(CorrectionRequest.id)))


def decide(request: CorrectionRequest, actor: User, accept: bool, note: str | None) -> None:
    """Accept (the field changes, with a timeline event and an audit entry) or refuse with a reason."""
    application = db.session.get(Application, request.application_id)
    if not access.can_act(actor, application):
        raise CorrectionError(_("该申报不在您的管辖范围内。"))
    if request.status != PENDING:
        raise CorrectionError(_("该更正申请已经处理过了。"))
    note = (note or "").strip()
    if not accept and not note:
        raise CorrectionError(_("不予更正时请写明理由。"))
    label = str(FIELD_LABELS.get(request.field, request.field))
    with db.transaction():
        if accept:
            _apply(application, request.field, request.requested_value)
            comment = _("依申请人申请更正了“%(field)s”。", field=label)
        else:
            comment = _("申请人要求更正“%(field)s”，不予更正：%(note)s", field=label, note=note)
        request.status = ACCEPTED if accept else REFUSED
        request.handled_by_id, request.decision_note, request.decided_at = actor.id, note or None, utcnow()
        record_event(application, application.state, application.state, actor, comment)
        audit.record(actor, "correction.accept" if accept else "correction.refuse", "application",
                     application.id, request_id=request.id, field=request.field)


def _apply(application: Application, field: str, value: str | None) -> None:
    setattr(application, field, value)
    if field == "id_number" and value:
        application.birth_date = idcard.birth_date(value)
        application.gender = idcard.gender(value)
    application.updated_at = utcnow()
