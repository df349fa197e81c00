"""公示 batches: creating them from decided applications, objections, pulling entries, closing,
and the public view (only the fields DOMAIN.md allows) that the portal and the static site share."""
from __future__ import annotations

from datetime import date
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from portal.accounts.models import User
from portal.accounts.staff import is_city_level
from portal.applications import workflow
from portal.applications.models import Application
from portal.applications.transitions import TransitionRefused, move
from portal.audit import record as audit
from portal.holidays.arrangements import current_calendar
from portal.kernel import db
from portal.kernel.clock import today, utcnow
from portal.kernel.reference_data import reference
from portal.publicity.models import Objection, PublicityBatch, PublicityEntry

DEFAULT_WORKING_DAYS = 5
# The only fields a public 公示 list or honour roll may carry (DOMAIN.md, PIPL).
PUBLIC_ENTRY_FIELDS = ("full_name", "employer", "category", "education", "professional_title")
PUBLIC_BATCH_FIELDS = ("id", "title", "start_date", "end_date", "objection_contact", "entries")


class PublicityError(TransitionRefused):
    """A 公示 action is not possible; the message is for the user."""


def _require_city(actor: User) -> None:
    if not is_city_level(actor):
        raise PublicityError(_("公示由市级人才办办理。"))


def end_date_for(start: date, working_days: int = DEFAULT_WORKING_DAYS) -> date:
    """The last day of a 公示 of `working_days` working days starting on `start`."""
    return current_calendar().add_working_days(start, working_days)


def years_without_holidays(batch: PublicityBatch) -> list[int]:
    """The years of the batch's period whose holiday arrangement is missing (counted by weekends alone)."""
    return current_calendar().missing_years(batch.start_date, batch.end_date)


def publicity_over(batch: PublicityBatch) -> bool:
    """True once the batch's end date has passed (China time)."""
    return batch.is_over


def active_entry(application: Application) -> PublicityEntry | None:
    """The application's current entry on a 公示 batch (not pulled out, not yet decided)."""
    return application.active_publicity_entry


def eligible_applications() -> list[Application]:
    """Decided applications whose owners consented to publication: what a new batch may list."""
    return list(db.session.scalars(select(Application).where(
        Application.state == workflow.DECISION, Application.publication_consent.is_(True))
        .order_by(Application.id)))


def create_batch(actor: User, title: str, start: date, application_ids: list[int], objection_contact: str,
                 working_days: int = DEFAULT_WORKING_DAYS) -> PublicityBatch:
    """Open a batch listing the given decided, consenting applications and move them into 公示; all or nothing."""
    _require_city(actor)
    if not application_ids:
        raise PublicityError(_("请至少选择一份申报。"))
    if not objection_contact.strip():
        raise PublicityError(_("请填写异议受理联系方式。"))
    with db.transaction() as session:
        batch = PublicityBatch(title=title.strip(), start_date=start, working_days=working_days,
                               end_date=end_date_for(start, working_days), objection_contact=objection_contact.strip(),
                               created_by_id=actor.id)
        session.add(batch)
        for application in session.scalars(select(Application).where(Application.id.in_(application_ids))):
            _add_entry(session, batch, application, actor)
        if len(batch.entries) != len(set(application_ids)):
            raise PublicityError(_("所选申报有的不存在。"))
        session.flush()
        audit.record(actor, "publicity.create", "publicity_batch", batch.id, applications=sorted(application_ids))
    return batch


def _add_entry(session, batch: PublicityBatch, application: Application, actor: User) -> None:
    if not application.publication_consent:
        raise PublicityError(_("%(ref)s 的申请人未同意公示，不能列入。", ref=application.reference))
    if application.state != workflow.DECISION:
        raise PublicityError(_("%(ref)s 尚未作出认定决定，不能列入公示。", ref=application.reference))
    entry = PublicityEntry(batch=batch, application=application, full_name=application.full_name or "",
                           employer=application.employer or "", category_code=application.category_code or "",
                           education_level=application.education_level,
                           professional_title=application.professional_title)
    session.add(entry)
    move(application, "start_publicity", actor, _("列入公示：%(title)s", title=batch.title))


def _require_open(batch: PublicityBatch) -> None:
    if batch.closed_at is not None:
        raise PublicityError(_("该公示批次已结束。"))


def record_objection(entry: PublicityEntry, actor: User, objector_name: str, objector_contact: str,
                     received_on: date, content: str) -> Objection:
    """Record a written, real-name objection against an entry of an open batch."""
    _require_city(actor)
    _require_open(entry.batch)
    if not (objector_name.strip() and objector_contact.strip() and content.strip()):
        raise PublicityError(_("异议须署真实姓名、联系方式并写明内容。"))
    with db.transaction() as session:
        objection = Objection(entry=entry, objector_name=objector_name.strip(),
                              objector_contact=objector_contact.strip(), received_on=received_on,
                              content=content.strip(), recorded_by_id=actor.id)
        session.add(objection)
        session.flush()
        audit.record(actor, "publicity.objection", "publicity_entry", entry.id, objection_id=objection.id)
    return objection


def decide_objection(objection: Objection, actor: User, upheld: bool, resolution: str) -> None:
    """Mark an objection upheld or dismissed, with the finding."""
    _require_city(actor)
    _require_open(objection.entry.batch)
    if not resolution.strip():
        raise PublicityError(_("请写明核查结论。"))
    with db.transaction():
        objection.status = "upheld" if upheld else "dismissed"
        objection.resolution = resolution.strip()
        audit.record(actor, "publicity.objection_decided", "publicity_entry", objection.entry_id,
                     objection_id=objection.id, status=objection.status)


def pull_entry(entry: PublicityEntry, actor: User, reason: str) -> None:
    """Take an entry off an open batch; the application goes back to the decision stage."""
    _require_open(entry.batch)
    if entry.pulled_at is not None:
        raise PublicityError(_("该条目已撤出公示。"))
    with db.transaction():
        move(entry.application, "pull_from_publicity", actor, reason)
        entry.pulled_at = utcnow()
        entry.pulled_reason = reason.strip()
        audit.record(actor, "publicity.pull", "publicity_entry", entry.id, reason=reason)


def certificate_number(application: Application) -> str:
    """FXYC-<year>-<application id>: unique because the id is."""
    return f"FXYC-{today().year}-{application.id:06d}"


def close_batch(batch: PublicityBatch, actor: User) -> tuple[int, int]:
    """After the end date: recognise entries without upheld objections (certificate numbers),
    reject the others. Refused while any objection is undecided. Returns (recognised, rejected)."""
    _require_city(actor)
    _require_open(batch)
    if not publicity_over(batch):
        raise PublicityError(_("公示期至 %(end)s 结束，之后才能办结。", end=batch.end_date.isoformat()))
    live = [e for e in batch.entries if e.pulled_at is None and e.application.state == workflow.PUBLICITY]
    if any(o.status == "pending" for e in live for o in e.objections):
        raise PublicityError(_("还有未核查的异议，请先作出结论。"))
    recognised = rejected = 0
    reason = reference("rejection_reasons").get("objection_upheld")
    with db.transaction():
        for entry in batch.entries:  # withdrawn or refused meanwhile: record what became of them
            if entry.pulled_at is None and entry not in live:
                entry.outcome = entry.application.state
        for entry in live:
            application = entry.application
            if entry.has_upheld_objection:
                move(application, "reject", actor, reason.name_zh if reason else _("公示期间异议成立"))
                entry.outcome, rejected = "rejected", rejected + 1
                continue
            # Numbered before the move so the applicant's notice carries it (undone on refusal).
            application.certificate_number = certificate_number(application)
            application.recognised_at = utcnow()
            move(application, "recognise", actor, _("公示期满无异议，予以认定。"))
            entry.outcome, recognised = "recognised", recognised + 1
        batch.closed_at = utcnow()
        audit.record(actor, "publicity.close", "publicity_batch", batch.id, recognised=recognised,
                     rejected=rejected)
    return recognised, rejected


def batches() -> list[PublicityBatch]:
    """Every batch, newest first (for staff)."""
    return list(db.session.scalars(select(PublicityBatch).order_by(PublicityBatch.id.desc())))


def _public_person(full_name: str, employer: str, category_code: str, education_level: str | None,
                   professional_title: str | None) -> dict[str, str]:
    return {"full_name": full_name, "employer": employer,
            "category": reference("categories").name(category_code),
            "education": reference("education_levels").name(education_level) if education_level else "",
            "professional_title": professional_title or ""}


def _published(entry: PublicityEntry) -> bool:
    """Pulled entries, applicants who withdrew, and those who withdrew their consent leave the public list."""
    return (entry.pulled_at is None and entry.application.state != workflow.WITHDRAWN
            and entry.application.publication_consent)


def public_batch(batch: PublicityBatch) -> dict[str, Any]:
    """A batch as plain data with only the publishable fields; pulled entries are left out."""
    return {"id": batch.id, "title": batch.title, "start_date": batch.start_date.isoformat(),
            "end_date": batch.end_date.isoformat(), "objection_contact": batch.objection_contact,
            "entries": [_public_person(e.full_name, e.employer, e.category_code, e.education_level,
                                       e.professional_title) for e in batch.entries if _published(e)]}


def public_batches() -> list[dict[str, Any]]:
    """Every batch as public data, newest first: what the portal page and the static site publish.

    The entries and their applications come in two more queries, not one per batch and entry.
    """
    query = (select(PublicityBatch).order_by(PublicityBatch.id.desc())
             .options(selectinload(PublicityBatch.entries).selectinload(PublicityEntry.application)))
    return [public_batch(b) for b in db.session.scalars(query)]


def honour_roll() -> list[dict[str, str]]:
    """Recognised talents who consented to publication, newest first, with the publishable fields only."""
    rows = db.session.execute(select(
        Application.full_name, Application.employer, Application.category_code, Application.education_level,
        Application.professional_title, Application.recognised_at).where(
        Application.state == workflow.RECOGNISED, Application.publication_consent.is_(True))
        .order_by(Application.recognised_at.desc(), Application.id.desc()))
    return [{**_public_person(r.full_name or "", r.employer or "", r.category_code or "", r.education_level,
                              r.professional_title),
             "recognised_on": r.recognised_at.date().isoformat() if r.recognised_at else ""} for r in rows]
