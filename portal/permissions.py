"""Role checks for views: anonymous users go to sign-in (or get 401 as JSON), others get 403."""
from __future__ import annotations

from functools import wraps
from typing import Callable

from flask import abort
from flask_login import current_user, login_required

from portal.extensions import login_manager


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
    """Wire Flask-Login to our users table and error conventions."""
    from flask import redirect, request, url_for
    from flask_babel import lazy_gettext as _l

    from portal import db
    from portal.errors import render_error, wants_json
    from portal.models import User

    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("请先登录。")
    login_manager.login_message_category = "info"
    login_manager.session_protection = "strong"

    @login_manager.user_loader
    def load_user(user_id: str):
        # "id:version"; a session or remember-me token from before the last version bump is refused.
        uid, _, version = user_id.partition(":")
        if not (uid.isdigit() and version.isdigit()):
            return None
        user = db.session.get(User, int(uid))
        return user if user is not None and user.session_version == int(version) else None

    @login_manager.unauthorized_handler
    def unauthorized():
        if wants_json():
            return render_error(401)
        return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
