"""One place for "load this application if the current user may see (or edit) it"."""
from __future__ import annotations

from flask import abort
from flask_login import current_user

from portal import db
from portal.models import Application, Material
from portal.models.users import Role


def can_view(user, application: Application) -> bool:
    """Owner, admins, city HR, and division HR of the application's target division."""
    if not user.is_authenticated:
        return False
    if application.applicant_id == user.id:
        return True
    if user.role == Role.ADMIN.value:
        return True
    if user.role == Role.HR.value:
        return user.division_code is None or user.division_code == application.division_code
    return False


def get_application(app_id: int, *, owner_only: bool = False) -> Application:
    """The application, or 404 when it does not exist or the user may not see it.

    404 rather than 403, so that nobody learns which ids exist.
    """
    application = db.session.get(Application, app_id)
    if application is None or not can_view(current_user, application):
        abort(404)
    if owner_only and application.applicant_id != current_user.id:
        abort(404)
    return application


def get_material(app_id: int, material_id: int, *, owner_only: bool = False) -> Material:
    """A material of a visible application, or 404."""
    application = get_application(app_id, owner_only=owner_only)
    material = db.session.get(Material, material_id)
    if material is None or material.application_id != application.id:
        abort(404)
    return material
