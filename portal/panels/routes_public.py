"""Public panel pages: the panels, each panel, each consenting expert. No personal contact data."""
from __future__ import annotations

from flask import abort, render_template, send_file

from portal.kernel import db, storage
from portal.panels import bp
from portal.panels import directory as panel_directory
from portal.panels.models import ExpertProfile


@bp.get("/panels/")
def public_index():
    """Every panel with its public summary."""
    return render_template("panels/public_index.html", panels=panel_directory.public_panels())


@bp.get("/panels/<code>")
def public_panel(code: str):
    """One panel and its listed members."""
    panel = panel_directory.public_panel(code)
    if panel is None:
        abort(404)
    return render_template("panels/public_panel.html", panel=panel)


@bp.get("/panels/experts/<int:expert_id>")
def public_expert(expert_id: int):
    """An expert's public profile, only with their consent."""
    expert = panel_directory.public_expert(expert_id)
    if expert is None:
        abort(404)
    return render_template("panels/public_expert.html", expert=expert)


@bp.get("/panels/experts/<int:expert_id>/photo")
def public_photo(expert_id: int):
    """A consenting expert's photo."""
    expert = db.session.get(ExpertProfile, expert_id)
    if panel_directory.public_expert(expert_id) is None or not expert.photo_name:
        abort(404)
    path = storage.path_of(expert.photo_name)
    if not path.exists():
        abort(404)
    return send_file(path, mimetype=expert.photo_type or "image/jpeg", max_age=3600)
