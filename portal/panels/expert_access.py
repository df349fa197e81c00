"""What an expert may see: their assignments (never a conflicted one), the applications they were
assigned or chair, and those applications' fields with blind mode applied. A file opens only after
the expert declared no conflict; other experts' work shows only once the expert scored it.

Every expert-facing route loads applications through here, and here through
portal.panels.conflicts, so a conflict hides an application everywhere at once.
"""
from __future__ import annotations

from flask import abort
from flask_login import current_user
from sqlalchemy import or_, select

from portal.applications.models import Application, Material
from portal.kernel import db
from portal.kernel.china import masking
from portal.panels import conflicts, declarations
from portal.panels.experts import profile_of
from portal.panels.models import Assignment, ExpertProfile, Panel, PanelCase
from portal.panels.scores import is_chair

BLIND_HIDDEN_MATERIALS = frozenset({"id_card"})  # carries the name, ID number and photo


def current_profile() -> ExpertProfile | None:
    """The signed-in expert's profile (None for an expert staff have not set up yet)."""
    return profile_of(current_user) if current_user.is_authenticated else None


def visible_assignments(profile: ExpertProfile, search: str | None = None) -> list[Assignment]:
    """The expert's assignments, newest first, without conflicted applications; `search` matches
    the reference, employer, major or title (never the name, which blind mode hides)."""
    query = select(Assignment).join(Application).where(Assignment.expert_id == profile.id)
    query = conflicts.hide_conflicted(query, profile)
    if search and search.strip():
        pattern = f"%{search.strip()}%"
        query = query.where(or_(Application.reference.ilike(pattern), Application.employer.ilike(pattern),
                                Application.major.ilike(pattern), Application.professional_title.ilike(pattern)))
    return list(db.session.scalars(query.order_by(Assignment.id.desc())))


def get_case(app_id: int) -> tuple[Application, Assignment | None, Panel]:
    """The application if the signed-in expert is assigned to it or chairs its panel and is not
    conflicted; 404 otherwise (so nobody learns which ids exist)."""
    profile = current_profile()
    application = db.session.get(Application, app_id)
    if profile is None or application is None or conflicts.is_conflicted(profile, application):
        abort(404)
    case = db.session.scalar(select(PanelCase).where(PanelCase.application_id == app_id))
    assignment = db.session.scalar(select(Assignment).where(Assignment.application_id == app_id,
                                                            Assignment.expert_id == profile.id))
    if case is None or (assignment is None and not is_chair(profile, application)):
        abort(404)
    return application, assignment, case.panel


def get_material(app_id: int, material_id: int) -> Material:
    """A current material of a case the expert may see; ID images stay hidden in blind mode."""
    application, _assignment, panel = get_case(app_id)
    material = db.session.get(Material, material_id)
    if (material is None or material.application_id != application.id or material.retired_at is not None
            or (panel.blind and material.material_type in BLIND_HIDDEN_MATERIALS)):
        abort(404)
    return material


def shown_fields(application: Application, blind: bool) -> list[tuple[str, str]]:
    """(field, value) pairs an expert sees. Blind: no name, ID number, photo or contact details;
    otherwise the name, with the ID number and contacts masked."""
    fields = [] if blind else [
        ("full_name", application.full_name or ""), ("id_number", masking.mask_id_number(application.id_number)),
        ("phone", masking.mask_phone(application.phone)), ("email", masking.mask_email(application.email))]
    fields += [(name, getattr(application, name) or "") for name in (
        "education_level", "degree", "graduate_school", "major", "professional_title", "title_level",
        "employer", "position", "category_code", "industry_code")]
    return fields


def shown_materials(application: Application, blind: bool) -> list[Material]:
    """The current materials an expert may open."""
    return [m for m in application.current_materials
            if not (blind and m.material_type in BLIND_HIDDEN_MATERIALS)]


def panel_of_member(panel_id: int) -> tuple[Panel, ExpertProfile]:
    """A panel the signed-in expert sits on, or 404."""
    profile = current_profile()
    panel = db.session.get(Panel, panel_id)
    if profile is None or panel is None or profile not in panel.members:
        abort(404)
    return panel, profile


def panel_applications(panel: Panel, profile: ExpertProfile) -> list[Application]:
    """The panel's applications a member may see: all (the chair) or those assigned to them,
    never a conflicted one."""
    query = select(Application).join(PanelCase).where(PanelCase.panel_id == panel.id)
    if panel.chair_id != profile.id:
        query = query.where(Application.id.in_(select(Assignment.application_id).where(
            Assignment.expert_id == profile.id)))
    return list(db.session.scalars(conflicts.hide_conflicted(query, profile).order_by(Application.id)))


CONFLICT_CHECK_FIELDS = ("full_name", "employer", "category_code")


def conflict_check_fields(application: Application) -> list[tuple[str, str]]:
    """What the expert sees before opening the file, enough to spot a conflict: name, employer, category."""
    return [(name, getattr(application, name) or "") for name in CONFLICT_CHECK_FIELDS]


def cleared(profile: ExpertProfile, application: Application) -> bool:
    """True once the expert declared no conflict with the application, so its file may open."""
    return declarations.has_cleared(profile, application)


def sees_colleagues(profile: ExpertProfile, application: Application) -> bool:
    """True when the expert may see other experts' scores, comments and the aggregate: they declared
    no conflict and submitted their own score (a chair who does not review it: once declared)."""
    if not cleared(profile, application):
        return False
    assignment = db.session.scalar(select(Assignment).where(Assignment.application_id == application.id,
                                                            Assignment.expert_id == profile.id))
    if assignment is None:
        return is_chair(profile, application)
    review = assignment.review
    return review is not None and (review.submitted_at is not None or review.reopened_at is not None)
