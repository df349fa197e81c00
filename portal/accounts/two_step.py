"""The state between the password step and the authenticator-code step of a sign-in, and the
admin rule that keeps staff without two-factor sign-in on its setup page."""
from __future__ import annotations

from datetime import datetime, timedelta

from flask import current_app, flash, redirect, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.accounts import two_factor
from portal.accounts.models import User
from portal.kernel import db
from portal.kernel.clock import utcnow
from portal.kernel.errors import render_error, wants_json

_KEY = "pending_sign_in"
# What a staff member who must set up two-factor sign-in may still reach.
SETUP_ENDPOINTS = frozenset({"auth.two_factor_setup", "auth.logout", "static", "main.set_language", "main.healthz"})


def begin(user: User, remember: bool, next_url: str | None) -> None:
    """Remember that `user` gave the right password; nobody is signed in yet."""
    session[_KEY] = {"uid": user.id, "ver": user.session_version, "remember": bool(remember),
                     "next": next_url, "at": utcnow().isoformat()}


def pending() -> tuple[User | None, dict]:
    """The user waiting for the code step and the pending state; (None, {}) if none or expired."""
    state = session.get(_KEY) or {}
    try:
        started = datetime.fromisoformat(state["at"])
    except (KeyError, TypeError, ValueError):
        return None, {}
    if utcnow() - started > timedelta(seconds=current_app.config["LOGIN_CODE_MAX_AGE"]):
        return None, {}
    user = db.session.get(User, state.get("uid"))
    if user is None or not user.active or user.session_version != state.get("ver") or not user.totp_enabled:
        return None, {}
    return user, state


def clear() -> None:
    """Forget the pending sign-in."""
    session.pop(_KEY, None)


def enforce_required_setup():
    """Before every request: a staff member who must use two-factor sign-in and has not set it up
    can do nothing but set it up (or sign out)."""
    if request.endpoint in SETUP_ENDPOINTS or not current_user.is_authenticated:
        return None
    if not two_factor.required_for(current_user):
        return None
    message = _("管理员要求工作人员使用两步验证登录，请先设置认证器应用。")
    if wants_json():
        return render_error(403, message)
    flash(message, "info")
    return redirect(url_for("auth.two_factor_setup"))
