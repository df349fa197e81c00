"""Staff views: each a few lines over portal.services.{queue,review,export,dashboard}."""
from __future__ import annotations

from flask import (
    Response,
    abort,
    flash,
    redirect,
    render_template,
    request,
    stream_with_context,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user

from portal.accounts.forms import PostForm
from portal.applications import access, workflow
from portal.applications.models import Application
from portal.applications.transitions import TransitionRefused, check
from portal.audit import browse as audit_log
from portal.audit import record as audit
from portal.holidays import arrangements as holidays
from portal.kernel.charts import bar_chart, column_chart
from portal.kernel.permissions import roles_required
from portal.kernel.reference_data import reference
from portal.panels import aggregation
from portal.review import bp, dashboard, export, queue
from portal.review import staff_review as review
from portal.review.correction_form import material_targets, read_problems
from portal.review.forms import CommentForm, NoteForm, RejectForm, ReturnForm
from portal.review.staff_review import FIELD_LABELS

STAFF = ("hr", "admin")


@bp.get("/", endpoint="queue")
@roles_required(*STAFF)
def queue_view():
    """The filtered, sorted, paged queue; the filters live in the URL."""
    filters = queue.QueueFilters.from_args(request.args)
    # Names looked up once per page rather than once per cell.
    names = {list_name: dict(reference(list_name).choices()) for list_name in ("categories", "industries", "divisions")}
    names["states"] = {state: workflow.state_label(state) for state in queue.STAFF_STATES}
    if filters.q:  # a search by name or reference reads people's data: who looked for whom
        audit.record_now(current_user, "queue.search", "application", None, q=filters.q[:100])
    return render_template("review/queue.html", filters=filters, result=queue.page(current_user, filters),
                           form=PostForm(), names=names, detail_prefix=url_for("review.queue"))


@bp.post("/bulk")
@roles_required(*STAFF)
def bulk():
    """A safe action (intake) on the ticked applications; the others are left alone and counted."""
    if PostForm().validate_on_submit():
        ids = [int(i) for i in request.form.getlist("ids") if i.isdigit()]
        try:
            done, skipped = review.bulk_take(ids, request.form.get("action", ""), current_user)
        except TransitionRefused as error:
            flash(str(error), "error")
        else:
            flash(_("已处理 %(done)d 份，跳过 %(skipped)d 份。", done=done, skipped=skipped), "success")
    return redirect(url_for("review.queue", **queue.QueueFilters.from_args(request.args).to_args()))


@bp.get("/export.<fmt>")
@roles_required(*STAFF)
def export_queue(fmt: str):
    """The current filtered queue as a streamed CSV or XLSX download (audited)."""
    if fmt not in ("csv", "xlsx"):
        abort(404)
    filters = queue.QueueFilters.from_args(request.args)
    audit.record_now(current_user, "queue.export", "application", None, format=fmt, filters=filters.to_args())
    if fmt == "csv":
        body, mimetype = export.csv_stream(current_user, filters), "text/csv; charset=utf-8"
    else:
        body = export.xlsx_stream(current_user, filters)
        mimetype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    response = Response(stream_with_context(body), mimetype=mimetype)
    response.headers["Content-Disposition"] = f"attachment; filename=applications.{fmt}"
    response.headers["Cache-Control"] = "private, no-store"
    return response


def _staff_application(app_id: int) -> Application:
    application = access.get_application(app_id)
    if application.applicant_id == current_user.id or application.state == workflow.DRAFT:
        abort(404)
    return application


def _allowed(application: Application, name: str) -> bool:
    try:
        check(application, name, current_user, comment="-")
    except TransitionRefused:
        return False
    return True


@bp.get("/<int:app_id>")
@roles_required(*STAFF)
def detail(app_id: int):
    """Everything about one application for staff: data, materials, notes, history, duplicates."""
    application = _staff_application(app_id)
    audit.record_now(current_user, "application.view", "application", app_id)
    return _render_detail(application)


def _render_detail(application: Application, status: int = 200, **forms):
    """The staff page; `forms` replaces a blank form with a posted one that failed, keeping the input."""
    shown = request.args.get("material", type=int)
    material = next((m for m in application.materials if m.id == shown), None)
    actions = [workflow.TRANSITIONS[n] for n in workflow.DIRECT_STAFF_ACTIONS if _allowed(application, n)]
    blank = {"comment_form": CommentForm(formdata=None), "reject_form": RejectForm(formdata=None),
             "note_form": NoteForm(formdata=None)}
    return render_template(
        "review/detail.html", application=application, material=material, actions=actions,
        can_return=_allowed(application, "return_for_correction"), can_reject=_allowed(application, "reject"),
        may_act=access.can_act(current_user, application), notes=review.notes(application),
        duplicates=review.duplicates(application), corrections=review.correction_items(application),
        panel_outcome=aggregation.panel_outcome(application),
        target_label=review.target_label, field_labels=FIELD_LABELS, **{**blank, **forms}), status


def _post_action(application: Application, form_name: str, form, action, success: str):
    """Validate, run the service action, and redirect; on failure show the page again with the input kept."""
    if form.validate_on_submit():
        try:
            action()
        except TransitionRefused as error:
            flash(str(error), "error")
        else:
            flash(success, "success")
            return redirect(url_for("review.detail", app_id=application.id))
    return _render_detail(application, 400, **{form_name: form})


@bp.post("/<int:app_id>/act/<name>")
@roles_required(*STAFF)
def act(app_id: int, name: str):
    """Take one of the direct workflow steps, with an optional comment."""
    application = _staff_application(app_id)
    if name not in workflow.DIRECT_STAFF_ACTIONS:
        abort(404)
    form = CommentForm()
    return _post_action(application, "comment_form", form,
                        lambda: review.take(application, name, current_user, form.comment.data),
                        _("已办理：%(action)s。", action=workflow.TRANSITIONS[name].label))


@bp.route("/<int:app_id>/return", methods=["GET", "POST"])
@roles_required(*STAFF)
def return_for_correction(app_id: int):
    """The 一次性告知 checklist: every problem at once, per field, per material, plus free text."""
    application = _staff_application(app_id)
    form = ReturnForm()
    if not _allowed(application, "return_for_correction"):
        flash(_("当前不能退回该申报。"), "error")
        return redirect(url_for("review.detail", app_id=app_id))
    if form.validate_on_submit():
        try:
            review.return_for_correction(application, current_user, read_problems(request.form, application),
                                         form.comment.data)
        except TransitionRefused as error:
            flash(str(error), "error")
        else:
            flash(_("已退回补正，申请人将收到通知。"), "success")
            return redirect(url_for("review.detail", app_id=app_id))
    return render_template("review/return.html", application=application, form=form, field_labels=FIELD_LABELS,
                           materials=material_targets(application), values=request.form)


@bp.post("/<int:app_id>/reject")
@roles_required(*STAFF)
def reject(app_id: int):
    """Refuse recognition with a reason from the list."""
    application = _staff_application(app_id)
    form = RejectForm()
    return _post_action(application, "reject_form", form,
                        lambda: review.reject(application, current_user, form.reason.data, form.detail.data),
                        _("已作出不予认定决定。"))


@bp.post("/<int:app_id>/notes")
@roles_required(*STAFF)
def add_note(app_id: int):
    """Add an internal note (never shown to the applicant)."""
    application = _staff_application(app_id)
    form = NoteForm()
    return _post_action(application, "note_form", form,
                        lambda: review.add_note(application, current_user, form.body.data), _("备注已添加。"))


@bp.get("/dashboard", endpoint="dashboard")
@roles_required(*STAFF)
def dashboard_view():
    """Counts, applications over time and the average days in each state, as SVG charts."""
    user = current_user
    return render_template(
        "review/dashboard.html", by_state=dashboard.counts_by(user, Application.state),
        by_division=dashboard.counts_by(user, Application.division_code),
        by_category=dashboard.counts_by(user, Application.category_code),
        by_industry=dashboard.counts_by(user, Application.industry_code),
        monthly=dashboard.monthly_submissions(user), durations=dashboard.average_days_in_state(user),
        missing_years=holidays.years_to_warn_about())


@bp.get("/audit", endpoint="audit_log")
@roles_required("admin")
def audit_log_view():
    """The audit log for admins, filtered by action, actor, object and date; read only."""
    filters = audit_log.AuditFilters.from_args(request.args)
    return render_template("review/audit.html", filters=filters, result=audit_log.page(filters),
                           actions=audit_log.known_actions())



@bp.app_template_global()
def reference_choices(list_name: str) -> list[tuple[str, str]]:
    """(code, name) pairs of a reference list, for filter selects."""
    return reference(list_name).choices()


@bp.app_template_global("can_view")
def can_view_global(application: Application) -> bool:
    """May the current user open this application?"""
    return access.can_view(current_user, application)


bp.add_app_template_global(bar_chart)
bp.add_app_template_global(column_chart)


@bp.app_template_global()
def correction_items(application: Application) -> list:
    """(item, label) pairs of the latest return for correction, for the applicant's pages."""
    return [(item, review.target_label(item)) for item in review.correction_items(application)]
