"""Notification views over portal.notifications.delivery."""
from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from portal.accounts.forms import PostForm
from portal.notifications import bp
from portal.notifications import delivery as notifications


@bp.get("/")
@login_required
def index():
    """The signed-in user's notifications, newest first."""
    return render_template("notifications/index.html", items=notifications.for_user(current_user), form=PostForm())


@bp.post("/read")
@login_required
def mark_read():
    """Mark every notification read."""
    if PostForm().validate_on_submit():
        notifications.mark_all_read(current_user)
        flash(_("已全部标记为已读。"), "success")
    return redirect(url_for("notifications.index"))
