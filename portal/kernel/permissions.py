"""Role checks for views: anonymous users go to sign-in (or get 401 as JSON), others get 403."""
from __future__ import annotations

from functools import wraps
from typing import Callable

from flask import abort, redirect, request, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from portal.kernel.errors import render_error, wants_json
from portal.kernel.extensions import login_manager


def roles_required(*roles: str) -> Callable:
    """Allow the view only to signed-in users whose role is in `roles`."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        @login_required
        def wrapped(*args, **kwargs):
            if not current_user.has_role(*roles):
                abort(403)
            return view(*args, **kwargs)

        return wrapped

    return decorator


def init_login_manager() -> None:
    """Wire Flask-Login to our error conventions (``portal.accounts`` registers the user loader)."""
    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("请先登录。")
    login_manager.login_message_category = "info"
    login_manager.session_protection = "strong"

    @login_manager.unauthorized_handler
    def unauthorized():
        if wants_json():
            return render_error(401)
        return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
