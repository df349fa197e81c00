"""Staff actions on one application: workflow steps, return for correction, rejection, notes."""
from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import or_, select

from portal.accounts.models import User
from portal.applications import workflow
from portal.applications.access import can_act
from portal.applications.filing import STEP_FIELDS
from portal.applications.models import Application
from portal.applications.transitions import TransitionRefused, move
from portal.audit import record as audit
from portal.kernel import db
from portal.kernel.reference_data import reference
from portal.review.models import CorrectionItem, InternalNote

FIELD_LABELS = {
    "full_name": _l("姓名"), "id_number": _l("居民身份证号码"), "phone": _l("手机号码"), "email": _l("电子邮箱"),
    "address": _l("通讯地址"), "education_level": _l("最高学历"), "degree": _l("学位"),
    "graduate_school": _l("毕业院校"), "major": _l("所学专业"), "professional_title": _l("专业技术职称"),
    "title_level": _l("职称级别"), "employer": _l("工作单位"), "position": _l("职务/岗位"),
    "category_code": _l("申报类别"), "industry_code": _l("所属产业"), "division_code": _l("申报县区"),
}
MATERIALS_STEP = 4
# Transitions that may be taken on many applications at once: they decide nothing about the merits.
BULK_ACTIONS = ("intake",)


@dataclass(frozen=True)
class Problem:
    """One item of a return for correction, before it is stored."""

    kind: str  # field | material | other
    target: str | None
    note: str


def step_of(kind: str, target: str | None) -> int | None:
    """The application step where the applicant fixes this kind of problem."""
    if kind == "material":
        return MATERIALS_STEP
    for step, names in STEP_FIELDS.items():
        if target in names:
            return step
    return None


def take(application: Application, name: str, actor: User, comment: str | None = None) -> None:
    """Take workflow transition `name` as staff, with its audit entry, in one transaction."""
    with db.transaction():
        move(application, name, actor, comment)
        audit.record(actor, f"transition.{name}", "application", application.id, comment=comment or "")


def return_for_correction(application: Application, actor: User, problems: list[Problem],
                          comment: str | None = None) -> list[CorrectionItem]:
    """Send the application back once, listing every problem (一次性告知); all or nothing."""
    if not problems:
        raise TransitionRefused(_("请至少列出一项需要补正的问题。"))
    if any(not p.note.strip() for p in problems):
        raise TransitionRefused(_("每一项问题都需要写明补正要求。"))
    with db.transaction() as session:
        event = move(application, "return_for_correction", actor, comment)
        session.flush()
        items = [CorrectionItem(application_id=application.id, event_id=event.id, kind=p.kind, target=p.target,
                                step=step_of(p.kind, p.target), note=p.note.strip()) for p in problems]
        session.add_all(items)
        audit.record(actor, "transition.return_for_correction", "application", application.id,
                     items=[{"kind": p.kind, "target": p.target} for p in problems])
    return items


def correction_items(application: Application) -> list[CorrectionItem]:
    """The items of the most recent return for correction (empty if it was never returned)."""
    latest = db.session.scalar(select(CorrectionItem.event_id).where(
        CorrectionItem.application_id == application.id).order_by(CorrectionItem.event_id.desc()).limit(1))
    if latest is None:
        return []
    return list(db.session.scalars(select(CorrectionItem).where(CorrectionItem.event_id == latest)
                                   .order_by(CorrectionItem.id)))


def target_label(item: CorrectionItem) -> str:
    """What the item is about, in the current language."""
    if item.kind == "field":
        return str(FIELD_LABELS.get(item.target, item.target))
    if item.kind == "material":
        return reference("material_types").name(item.target)
    return _("其他")


def reject(application: Application, actor: User, reason_code: str, detail: str | None = None) -> None:
    """Refuse recognition with a reason from the editable list (plus optional detail) shown to the applicant."""
    reason = reference("rejection_reasons").get(reason_code)
    if reason is None:
        raise TransitionRefused(_("请选择不予认定的原因。"))
    comment = reason.name_zh + (f"：{detail.strip()}" if detail and detail.strip() else "")
    with db.transaction():
        move(application, "reject", actor, comment)
        audit.record(actor, "transition.reject", "application", application.id, reason=reason_code,
                     detail=detail or "")


def add_note(application: Application, actor: User, body: str) -> InternalNote:
    """Add an internal note (staff only); refused outside the actor's scope or when empty."""
    if not can_act(actor, application):
        raise TransitionRefused(_("该申报不在您的管辖范围内。"))
    if not body.strip():
        raise TransitionRefused(_("备注不能为空。"))
    with db.transaction() as session:
        note = InternalNote(application_id=application.id, author_id=actor.id, body=body.strip())
        session.add(note)
        session.flush()
        audit.record(actor, "note.add", "application", application.id, note_id=note.id)
    return note


def notes(application: Application) -> list[InternalNote]:
    """Internal notes, oldest first."""
    return list(db.session.scalars(select(InternalNote).where(InternalNote.application_id == application.id)
                                   .order_by(InternalNote.id)))


def bulk_take(ids: list[int], name: str, actor: User) -> tuple[int, int]:
    """Take a safe transition (e.g. intake) on many applications, each in its own transaction.

    Applications the actor may not act on, or in the wrong state, are skipped. Returns (done, skipped).
    """
    if name not in BULK_ACTIONS:
        raise TransitionRefused(_("该操作不能批量执行。"))
    wanted = set(ids)
    done = 0
    for application in list(db.session.scalars(select(Application).where(Application.id.in_(wanted)))):
        try:
            take(application, name, actor, _("批量操作"))
        except TransitionRefused:
            continue
        done += 1
    return done, len(wanted) - done



def duplicates(application: Application) -> list[tuple[Application, list[str]]]:
    """Other submitted applications sharing this one's ID number or phone, with what they share."""
    clauses = []
    if application.id_number:
        clauses.append(Application.id_number == application.id_number)
    if application.phone:
        clauses.append(Application.phone == application.phone)
    if not clauses:
        return []
    others = db.session.scalars(select(Application).where(
        or_(*clauses), Application.id != application.id, Application.state != workflow.DRAFT))
    found = []
    for other in others:
        shared = []
        if application.id_number and other.id_number == application.id_number:
            shared.append(str(_("身份证号码")))
        if application.phone and other.phone == application.phone:
            shared.append(str(_("手机号码")))
        found.append((other, shared))
    return found
