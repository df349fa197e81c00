"""Routes that belong to no single area."""
from __future__ import annotations

from flask import (
    current_app,
    jsonify,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from portal.home import bp
from portal.home.forms import LanguageForm
from portal.kernel import db
from portal.kernel.safe_redirect import safe_next


@bp.get("/")
def index():
    """The portal's landing page."""
    return render_template("main/index.html")


@bp.get("/healthz")
def healthz():
    """200 with JSON when the database answers, 503 when it does not."""
    try:
        db.session.execute(text("SELECT 1"))
    except SQLAlchemyError:
        db.session.rollback()
        return jsonify(status="unavailable", database=False), 503
    return jsonify(status="ok", database=True)


@bp.post("/language")
def set_language():
    """Remember the chosen UI language and go back where the user was."""
    form = LanguageForm()
    if form.validate_on_submit() and form.lang.data in current_app.config["LANGUAGES"]:
        session["lang"] = form.lang.data
    return redirect(safe_next(request.form.get("next")) or url_for("main.index"))
