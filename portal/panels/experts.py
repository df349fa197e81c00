"""Experts' accounts and profiles, and panels with their members (staff actions, audited)."""
from __future__ import annotations

import secrets
from typing import Any, BinaryIO

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select

from portal.accounts.models import Role, User
from portal.accounts.users import find_by_email
from portal.audit import record as audit
from portal.kernel import db, storage
from portal.kernel.clock import utcnow
from portal.panels import conflicts
from portal.panels.models import ExpertProfile, Panel, PanelCase, PanelMembership

PROFILE_FIELDS = ("name", "title", "affiliation", "field", "bio", "phone", "email", "max_load", "active")
PANEL_FIELDS = ("code", "name_zh", "name_en", "industry_code", "description", "blind")


class ExpertError(ValueError):
    """The change was refused; the message is for staff."""


def profile_of(user: User) -> ExpertProfile | None:
    """The expert profile of a user, if any."""
    return db.session.scalar(select(ExpertProfile).where(ExpertProfile.user_id == user.id))


def new_expert(values: dict[str, Any]) -> ExpertProfile:
    """A new expert user (random password; they set their own through 'forgot password') and
    profile, added to the current session (no commit)."""
    user = User(email=values["email"].strip().lower(), phone=values.get("phone"), full_name=values["name"],
                role=Role.EXPERT.value)
    user.set_password(secrets.token_urlsafe(24))
    profile = ExpertProfile(user=user, created_at=utcnow())
    _apply(profile, values)
    db.session.add(profile)
    return profile


def attach_profile(user: User, values: dict[str, Any]) -> ExpertProfile:
    """A profile for an existing expert account, added to the current session (no commit)."""
    profile = ExpertProfile(user=user, created_at=utcnow())
    _apply(profile, values)
    db.session.add(profile)
    return profile


def _apply(profile: ExpertProfile, values: dict[str, Any]) -> None:
    for name in PROFILE_FIELDS:
        if name in values:
            setattr(profile, name, values[name])
    profile.affiliation_key = conflicts.normalise(profile.affiliation)
    if "publication_consent" in values:
        set_consent(profile, bool(values["publication_consent"]))


def set_consent(profile: ExpertProfile, consent: bool) -> None:
    """Record the expert's separate consent to a public profile (time of the latest change)."""
    if consent != profile.publication_consent:
        profile.publication_consent = consent
        profile.publication_consent_at = utcnow() if consent else None


PHOTO_TYPES = frozenset({"image/jpeg", "image/png"})


def _store_photo(photo: BinaryIO | None):
    """Validate and store an uploaded photo; None when no photo was sent."""
    if photo is None:
        return None
    try:
        stored = storage.save_upload(photo, current_app.config["MAX_UPLOAD_BYTES"])
    except storage.UploadRejected as error:
        raise ExpertError(_("照片无效，请上传 JPG 或 PNG 图片。")) from error
    if stored.content_type not in PHOTO_TYPES:
        storage.delete_stored(stored.stored_name)
        raise ExpertError(_("照片无效，请上传 JPG 或 PNG 图片。"))
    return stored


def _with_photo(profile_write, photo: BinaryIO | None) -> ExpertProfile:
    """Run the profile write with the stored photo; the file is removed again if the write fails."""
    stored = _store_photo(photo)
    try:
        return profile_write(stored)
    except BaseException:
        if stored is not None:
            storage.delete_stored(stored.stored_name)
        raise


def _set_photo(profile: ExpertProfile, stored) -> None:
    if stored is not None:
        profile.photo_name, profile.photo_type = stored.stored_name, stored.content_type


def create_expert(values: dict[str, Any], actor: User, photo: BinaryIO | None = None) -> ExpertProfile:
    """Staff add an expert; refuses an email that already has an account."""
    if find_by_email(values["email"]):
        raise ExpertError(_("该邮箱已有账号。"))

    def write(stored) -> ExpertProfile:
        with db.transaction():
            profile = new_expert(values)
            _set_photo(profile, stored)
            db.session.flush()
            audit.record(actor, "expert.create", "expert", profile.id, email=profile.user.email)
        return profile

    return _with_photo(write, photo)


def refresh_conflicts(profile: ExpertProfile) -> None:
    """Re-detect automatic conflicts for every case of the expert's panels (caller's transaction)."""
    panel_ids = [m.panel_id for m in profile.memberships]
    for case in db.session.scalars(select(PanelCase).where(PanelCase.panel_id.in_(panel_ids))):
        conflicts.detect(case.application, [profile])


def update_expert(profile: ExpertProfile, values: dict[str, Any], actor: User, photo: BinaryIO | None = None) -> None:
    """Staff (or the expert, for their own profile) change it; conflicts follow the affiliation."""
    old_photo = profile.photo_name

    def write(stored) -> ExpertProfile:
        with db.transaction():
            _apply(profile, values)
            _set_photo(profile, stored)
            if "phone" in values:
                profile.user.phone = values["phone"]
            profile.user.full_name = profile.name
            refresh_conflicts(profile)
            audit.record(actor, "expert.update", "expert", profile.id, fields=sorted(values))
        return profile

    _with_photo(write, photo)
    if old_photo and old_photo != profile.photo_name:
        storage.delete_stored(old_photo)


def save_panel(panel: Panel | None, values: dict[str, Any], chair: ExpertProfile | None, actor: User) -> Panel:
    """Create or change a panel; the chair must be one of its members."""
    clash = db.session.scalar(select(Panel).where(Panel.code == values["code"]))
    if clash is not None and clash is not panel:
        raise ExpertError(_("评审组代码已被使用。"))
    if chair is not None and (panel is None or chair not in panel.members):
        raise ExpertError(_("组长必须是评审组成员。"))
    with db.transaction() as session:
        if panel is None:
            panel = Panel(created_at=utcnow())
            session.add(panel)
        for name in PANEL_FIELDS:
            setattr(panel, name, values.get(name))
        panel.chair_id = chair.id if chair else None
        session.flush()
        audit.record(actor, "panel.save", "panel", panel.id, fields=sorted(values), chair_id=panel.chair_id)
    return panel


def add_member(panel: Panel, profile: ExpertProfile, actor: User) -> None:
    """Put the expert on the panel and detect their conflicts with its cases."""
    if profile in panel.members:
        raise ExpertError(_("该专家已是评审组成员。"))
    with db.transaction() as session:
        session.add(PanelMembership(panel=panel, expert=profile, joined_at=utcnow()))
        session.flush()
        refresh_conflicts(profile)
        audit.record(actor, "panel.add_member", "panel", panel.id, expert_id=profile.id)


def remove_member(panel: Panel, profile: ExpertProfile, actor: User) -> None:
    """Take the expert off the panel (existing assignments stay); a chair stops being chair."""
    with db.transaction() as session:
        for membership in list(panel.memberships):
            if membership.expert_id == profile.id:
                panel.memberships.remove(membership)
                session.delete(membership)
        if panel.chair_id == profile.id:
            panel.chair_id = None
        audit.record(actor, "panel.remove_member", "panel", panel.id, expert_id=profile.id)
