"""One place for "load this application if the current user may see (or edit) it"."""
from __future__ import annotations

from flask import abort
from flask_login import current_user

from portal.accounts.models import Role
from portal.accounts.staff import is_city_level
from portal.applications.models import Application, Material
from portal.kernel import db


def can_view(user, application: Application) -> bool:
    """Owner, admins, city HR, and division HR of the application's target division; nobody but
    the owner sees a draft that was never submitted."""
    if not user.is_authenticated:
        return False
    if application.applicant_id == user.id:
        return True
    if application.submitted_at is None:  # a draft never submitted is the applicant's alone
        return False
    if user.role == Role.ADMIN.value:
        return True
    return can_act(user, application)


def can_act(user, application: Application) -> bool:
    """May `user` take staff actions on the application? Staff within their scope only."""
    if not user.is_authenticated or user.role not in (Role.HR.value, Role.ADMIN.value):
        return False
    return is_city_level(user) or user.division_code == application.division_code


def staff_scope(user, column):
    """A WHERE clause limiting `column` (a division code) to what `user` may see; None for everything."""
    return None if is_city_level(user) else column == user.division_code


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
