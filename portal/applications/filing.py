"""An applicant's own actions: drafts, materials, submission and withdrawal."""
from __future__ import annotations

from typing import Any, BinaryIO

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select

from portal.accounts.models import User
from portal.applications import workflow
from portal.applications.models import (
    EDUCATION_FIELDS,
    EMPLOYMENT_FIELDS,
    PERSONAL_FIELDS,
    Application,
    ApplicationSnapshot,
    Material,
)
from portal.applications.transitions import TransitionRefused, move
from portal.kernel import db, storage
from portal.kernel.china import idcard
from portal.kernel.clock import utcnow
from portal.kernel.reference_data import reference, required_materials

STEP_FIELDS: dict[int, tuple[str, ...]] = {
    1: tuple(f for f in PERSONAL_FIELDS if f not in ("gender", "birth_date")),
    2: EDUCATION_FIELDS,
    3: EMPLOYMENT_FIELDS + ("station_id",),  # the station that helped, optional
}
REQUIRED_FIELDS: dict[int, tuple[str, ...]] = {
    1: ("full_name", "id_number", "phone", "email", "address"),
    2: ("education_level", "graduate_school", "major", "title_level"),
    3: ("employer", "position", "category_code", "industry_code", "division_code"),
}
LAST_STEP = 5


class NotEditable(Exception):
    """The application cannot be changed in its current state."""


def open_application(user: User) -> Application | None:
    """The user's application that is not yet final, if any (one at a time)."""
    query = select(Application).where(
        Application.applicant_id == user.id, Application.state.not_in(workflow.FINAL_STATES)
    ).order_by(Application.id.desc())
    return db.session.scalars(query).first()


def start_or_resume(user: User) -> Application:
    """The user's open application, or a new draft pre-filled with their contact details."""
    existing = open_application(user)
    if existing is not None:
        return existing
    with db.transaction() as session:
        application = Application(applicant_id=user.id, state=workflow.DRAFT, email=user.email,
                                  phone=user.phone, last_step=1)
        session.add(application)
    return application


def _ensure_editable(application: Application) -> None:
    if application.state not in workflow.EDITABLE_STATES:
        raise NotEditable(_("当前状态下不能修改申报内容。"))


def save_step(application: Application, step: int, values: dict[str, Any], advance: bool) -> None:
    """Store the given step fields (already validated by the form) and remember where the user is."""
    _ensure_editable(application)
    with db.transaction():
        for name in STEP_FIELDS[step]:
            if name in values:
                setattr(application, name, values[name])
        if step == 1 and application.id_number:
            application.birth_date = idcard.birth_date(application.id_number)
            application.gender = idcard.gender(application.id_number)
        application.last_step = max(application.last_step, step + 1 if advance else step)
        application.updated_at = utcnow()


def save_consents(application: Application, privacy: bool, publication: bool) -> None:
    """Record the privacy consent and the separate, optional consent to 公示 publication."""
    _ensure_editable(application)
    now = utcnow()
    with db.transaction():
        application.privacy_consent_at = now if privacy else None
        application.publication_consent = bool(publication)
        application.publication_consent_at = now if publication else None
        application.last_step = LAST_STEP


def add_material(application: Application, material_type: str, filename: str, stream: BinaryIO) -> Material:
    """Validate and store an evidence file; raises storage.UploadRejected with a reason."""
    _ensure_editable(application)
    if material_type not in reference("material_types"):
        raise storage.UploadRejected("material_type")
    stored = storage.save_upload(stream, current_app.config["MAX_UPLOAD_BYTES"])
    try:
        with db.transaction() as session:
            material = Material(application=application, material_type=material_type,
                                original_name=(filename or "upload")[-255:], stored_name=stored.stored_name,
                                content_type=stored.content_type, size=stored.size, sha256=stored.sha256)
            session.add(material)
    except BaseException:
        storage.delete_stored(stored.stored_name)
        raise
    return material


def remove_material(application: Application, material: Material) -> None:
    """Delete an uploaded file while the application is still editable."""
    _ensure_editable(application)
    if application.snapshots:  # an earlier submission refers to it: keep the file for the history
        with db.transaction():
            material.retired_at = utcnow()
        return
    stored_name = material.stored_name
    with db.transaction() as session:
        session.delete(material)
    storage.delete_stored(stored_name)


def missing_items(application: Application) -> list[tuple[int, str]]:
    """(step, message) for everything that must be completed before submission."""
    problems: list[tuple[int, str]] = []
    for step, names in REQUIRED_FIELDS.items():
        if any(not getattr(application, name) for name in names):
            problems.append((step, _("第 %(step)d 步有必填项未完成。", step=step)))
    uploaded = {m.material_type for m in application.current_materials}
    material_names = reference("material_types")
    for code in required_materials(application.category_code):
        if code not in uploaded:
            problems.append((4, _("缺少材料：%(name)s", name=material_names.name(code))))
    if application.privacy_consent_at is None:
        problems.append((5, _("请阅读并同意隐私说明。")))
    return problems


def reference_number(application: Application) -> str:
    """FX-<year>-<six-digit sequence>, unique because the sequence is the row id."""
    return f"FX-{utcnow().year}-{application.id:06d}"


def submit(application: Application, actor: User) -> None:
    """Submit (or resubmit after correction): freeze a snapshot and move the state, atomically."""
    problems = missing_items(application)
    if problems:
        raise TransitionRefused("；".join(message for _step, message in problems))
    name = "resubmit" if application.state == workflow.RETURNED else "submit"
    with db.transaction() as session:
        move(application, name, actor)
        if application.reference is None:
            application.reference = reference_number(application)
        application.submitted_at = utcnow()
        version = len(application.snapshots) + 1
        data = application.applicant_data()
        data["materials"] = [
            {"id": m.id, "type": m.material_type, "name": m.original_name, "sha256": m.sha256}
            for m in application.current_materials
        ]
        data["publication_consent"] = application.publication_consent
        session.add(ApplicationSnapshot(application=application, version=version, data=data))


def withdraw(application: Application, actor: User, reason: str | None) -> None:
    """Withdraw a submitted application for good."""
    with db.transaction():
        move(application, "withdraw", actor, reason)
