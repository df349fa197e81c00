"""Expert views: assignments (listing, search, export), the conflict check before a file opens
(no conflict, conflict, or decline), the application in blind or open mode, scoring, the panel
page, reopening and the chair's recommendation. Every application is loaded through
portal.panels.expert_access, which applies the conflict rule; a file opens only after "no conflict"."""
from __future__ import annotations

import csv
import io

from flask import (
    Response,
    abort,
    flash,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user

from portal.accounts.forms import PostForm
from portal.audit import record as audit
from portal.kernel import db, storage
from portal.kernel.clock import today
from portal.kernel.permissions import roles_required
from portal.panels import aggregation, bp, conflicts, declarations, expert_access, experts
from portal.panels import scores as reviews
from portal.panels.forms import OwnProfileForm, ReasonForm, RecommendationForm, review_form_class
from portal.panels.models import Review
from portal.panels.scoring import rubric


@bp.get("/expert/")
@roles_required("expert")
def expert_home():
    """The expert's assignments, with a search box; conflicted applications never appear."""
    profile = expert_access.current_profile()
    search = request.args.get("q", "")
    found = expert_access.visible_assignments(profile, search) if profile else []
    return render_template("panels/expert_home.html", profile=profile, assignments=found, search=search,
                           today=today())


@bp.get("/expert/assignments.csv")
@roles_required("expert")
def expert_export():
    """The expert's own assignments and scores as CSV (conflicted ones left out)."""
    profile = expert_access.current_profile() or abort(404)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["reference", "deadline", "state", "weighted_score"])
    for a in expert_access.visible_assignments(profile):
        writer.writerow([a.application.reference, a.deadline.isoformat(), a.state,
                         a.review.weighted_score if a.review else ""])
    return Response("\ufeff" + out.getvalue(), mimetype="text/csv",
                    headers={"Content-Disposition": "attachment; filename=assignments.csv"})


def _review_form(assignment):
    form_class = review_form_class()
    review = assignment.review if assignment else None
    if request.method == "POST" or review is None:
        return form_class()
    form = form_class(obj=review)
    for code, value in (review.scores or {}).items():
        if f"score_{code}" in form:
            form[f"score_{code}"].data = value
    return form


def _to_check(app_id: int):
    flash(_("打开申报材料前，请先确认您与申报人是否存在利益冲突。"), "info")
    return redirect(url_for("panels.expert_check", app_id=app_id))


def _not_yet(profile, application):
    """Where an expert goes who may not yet see colleagues' work: the check, or their own scoring."""
    if not expert_access.cleared(profile, application):
        return _to_check(application.id)
    flash(_("请先提交您自己的评分，再查看其他专家的评审意见。"), "info")
    return redirect(url_for("panels.expert_case", app_id=application.id))


@bp.get("/expert/applications/<int:app_id>/check")
@roles_required("expert")
def expert_check(app_id: int):
    """The conflict check: only name, employer and category, with the three answers (audited)."""
    application, assignment, _panel = expert_access.get_case(app_id)
    profile = expert_access.current_profile()
    audit.record_now(current_user, "application.conflict_check_view", "application", app_id, expert_id=profile.id)
    return render_template("panels/expert_check.html", application=application, assignment=assignment,
                           fields=expert_access.conflict_check_fields(application),
                           declaration=declarations.declaration_of(profile, application),
                           form=ReasonForm())


@bp.post("/expert/applications/<int:app_id>/no-conflict")
@roles_required("expert")
def expert_clear(app_id: int):
    """Declare no conflict of interest; the file opens."""
    application, _assignment, _panel = expert_access.get_case(app_id)
    if not PostForm().validate_on_submit():
        flash(_("页面已过期，请重试。"), "error")
        return redirect(url_for("panels.expert_check", app_id=app_id))
    declarations.declare_no_conflict(expert_access.current_profile(), application)
    flash(_("已确认无利益冲突，现在可以查看申报材料。"), "success")
    return redirect(url_for("panels.expert_case", app_id=app_id))


@bp.post("/expert/applications/<int:app_id>/decline")
@roles_required("expert")
def expert_decline(app_id: int):
    """Hand the assignment back with a reason; the slot returns to the assignment proposal."""
    application, _assignment, _panel = expert_access.get_case(app_id)
    form = ReasonForm()
    try:
        declarations.decline(expert_access.current_profile(), application,
                             form.reason.data if form.validate_on_submit() else "")
    except declarations.DeclarationRefused as error:
        flash(str(error), "error")
        return redirect(url_for("panels.expert_check", app_id=app_id))
    flash(_("您已谢绝该评审任务，人才办将另行安排专家。"), "info")
    return redirect(url_for("panels.expert_home"))


@bp.get("/expert/applications/<int:app_id>")
@roles_required("expert")
def expert_case(app_id: int):
    """The application as the expert may see it, with the review form; every view is audited."""
    application, assignment, panel = expert_access.get_case(app_id)
    profile = expert_access.current_profile()
    if not expert_access.cleared(profile, application):
        return _to_check(app_id)
    audit.record_now(current_user, "application.expert_view", "application", app_id, expert_id=profile.id,
                     blind=panel.blind)
    return _render_case(application, assignment, panel, _review_form(assignment))


def _render_case(application, assignment, panel, form):
    profile = expert_access.current_profile()
    return render_template("panels/expert_case.html", application=application, assignment=assignment, panel=panel,
                           fields=expert_access.shown_fields(application, panel.blind),
                           materials=expert_access.shown_materials(application, panel.blind), form=form,
                           criteria=rubric().criteria, conflict_form=ReasonForm(),
                           is_chair=panel.chair_id == profile.id)


@bp.post("/expert/applications/<int:app_id>/review")
@roles_required("expert")
def expert_review(app_id: int):
    """Save a draft review or submit it (locked afterwards)."""
    application, assignment, panel = expert_access.get_case(app_id)
    if assignment is None:
        abort(404)
    if not expert_access.cleared(expert_access.current_profile(), application):
        return _to_check(app_id)
    form = _review_form(assignment)
    if form.validate_on_submit():
        scores = {c.code: form[f"score_{c.code}"].data for c in rubric().criteria}
        try:
            reviews.save(assignment, scores, form.confidence.data, form.panel_comment.data, form.hr_summary.data,
                         submit=bool(form.submit.data))
        except reviews.ReviewRefused as error:
            flash(str(error), "error")
        else:
            flash(_("评审意见已提交。") if form.submit.data else _("草稿已保存。"), "success")
            return redirect(url_for("panels.expert_case", app_id=app_id))
    else:
        flash(_("请修改标出的问题。"), "error")
    return _render_case(application, assignment, panel, form)


@bp.post("/expert/applications/<int:app_id>/conflict")
@roles_required("expert")
def expert_declare(app_id: int):
    """Declare a conflict of interest (before or after opening); the expert leaves the case."""
    application, _assignment, _panel = expert_access.get_case(app_id)
    form = ReasonForm()
    try:
        declarations.declare_conflict(expert_access.current_profile(), application,
                                      form.reason.data if form.validate_on_submit() else "")
    except conflicts.ConflictError as error:
        flash(str(error), "error")
        return redirect(url_for("panels.expert_check", app_id=app_id))
    flash(_("已申报利益冲突，您将不再看到该申报。"), "info")
    return redirect(url_for("panels.expert_home"))


@bp.get("/expert/applications/<int:app_id>/materials/<int:material_id>")
@roles_required("expert")
def expert_material(app_id: int, material_id: int):
    """A material of an application the expert may see (audited)."""
    material = expert_access.get_material(app_id, material_id)
    if not expert_access.cleared(expert_access.current_profile(), material.application):
        abort(403)
    path = storage.path_of(material.stored_name)
    if not path.exists():
        abort(404)
    audit.record_now(current_user, "material.view", "application", app_id, material_id=material.id,
                     material_type=material.material_type)
    response = send_file(path, mimetype=material.content_type, as_attachment=not request.args.get("inline"),
                         download_name=f"{material.material_type}-{material.id}", max_age=0)
    response.headers["Cache-Control"] = "private, no-store"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


@bp.get("/expert/panels/<int:panel_id>")
@roles_required("expert")
def expert_panel(panel_id: int):
    """The panel's page for members: the applications they may see, reviews and aggregates."""
    panel, profile = expert_access.panel_of_member(panel_id)
    rows = []
    for application in expert_access.panel_applications(panel, profile):
        if expert_access.sees_colleagues(profile, application):
            rows.append((application, aggregation.application_aggregate(application),
                         aggregation.counted_reviews(application), reviews.recommendation_of(application)))
        else:  # independence: nothing of other experts' work until the expert scored it
            rows.append((application, None, [], None))
    rows.sort(key=lambda row: -((row[1].weighted if row[1] else None) or -1))
    return render_template("panels/expert_panel.html", panel=panel, profile=profile, rows=rows,
                           reopen_form=ReasonForm(), recommendation_form=RecommendationForm())


@bp.post("/expert/reviews/<int:review_id>/reopen")
@roles_required("expert")
def expert_reopen(review_id: int):
    """The chair reopens a submitted review."""
    review = db.session.get(Review, review_id) or abort(404)
    application, _assignment, _panel = expert_access.get_case(review.assignment.application_id)
    profile = expert_access.current_profile()
    if not expert_access.sees_colleagues(profile, application):
        return _not_yet(profile, application)
    form = ReasonForm()
    try:
        reviews.reopen(review, profile, form.reason.data if form.validate_on_submit() else "")
    except reviews.ReviewRefused as error:
        flash(str(error), "error")
    else:
        flash(_("评审意见已重新开放。"), "info")
    return redirect(url_for("panels.expert_panel", panel_id=review.assignment.panel_id))


@bp.post("/expert/applications/<int:app_id>/recommendation")
@roles_required("expert")
def expert_recommend(app_id: int):
    """The chair saves the panel's recommendation."""
    application, _assignment, panel = expert_access.get_case(app_id)
    profile = expert_access.current_profile()
    if not expert_access.sees_colleagues(profile, application):
        return _not_yet(profile, application)
    form = RecommendationForm()
    try:
        if not form.validate_on_submit():
            raise reviews.ReviewRefused(_("请选择推荐结论并填写意见。"))
        reviews.recommend(application, profile, form.outcome.data, form.text.data)
    except reviews.ReviewRefused as error:
        flash(str(error), "error")
    else:
        flash(_("评审组意见已保存。"), "success")
    return redirect(url_for("panels.expert_panel", panel_id=panel.id))


@bp.route("/expert/profile", methods=["GET", "POST"])
@roles_required("expert")
def expert_profile():
    """The expert's own public profile and their consent to publication."""
    profile = expert_access.current_profile() or abort(404)
    form = OwnProfileForm(obj=profile)
    if form.validate_on_submit():
        values = {name: form[name].data for name in ("title", "field", "bio", "phone", "publication_consent")}
        experts.update_expert(profile, values, current_user)
        flash(_("个人资料已保存。"), "success")
        return redirect(url_for("panels.expert_profile"))
    return render_template("panels/expert_profile.html", form=form, profile=profile)
