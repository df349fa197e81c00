"""Applicant views. Each is a few lines over portal.applications.filing."""
from __future__ import annotations

from flask import (
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from portal.accounts.forms import PostForm
from portal.applications import access, bp, workflow
from portal.applications import filing as service
from portal.applications.forms import (
    ConsentForm,
    EducationForm,
    EmploymentForm,
    MaterialForm,
    PersonalForm,
    WithdrawForm,
)
from portal.applications.models import Application
from portal.applications.step_handling import collect_step_values
from portal.applications.transitions import TransitionRefused
from portal.audit import record as audit
from portal.kernel import db, storage
from portal.kernel.permissions import roles_required
from portal.kernel.reference_data import reference, required_materials

FORM_STEPS = {1: PersonalForm, 2: EducationForm, 3: EmploymentForm}


def _upload_message(reason: str, limit_mb: float) -> str:
    return {
        "empty": _("上传的文件是空的，请重新选择。"),
        "type": _("只接受 PDF、JPG 或 PNG 文件（按文件内容识别，改扩展名无效）。"),
        "too_large": _("文件超过 %(mb)s MB 的上限，请压缩后再上传。", mb=format(limit_mb, "g")),
        "material_type": _("请选择有效的材料类型。"),
    }[reason]


def _editable_or_redirect(application: Application):
    if application.state in workflow.EDITABLE_STATES:
        return None
    flash(_("申报已提交，当前不能修改。"), "info")
    return redirect(url_for("apply.status", app_id=application.id))


@bp.get("/")
@roles_required("applicant")
def index():
    """The applicant's applications, newest first."""
    mine = db.session.scalars(
        select(Application).where(Application.applicant_id == current_user.id).order_by(Application.id.desc())
    ).all()
    return render_template("apply/index.html", applications=mine, open_app=service.open_application(current_user),
                           form=PostForm())


@bp.post("/start")
@roles_required("applicant")
def start():
    """Start a draft, or resume the open application."""
    application = service.start_or_resume(current_user)
    target = min(application.last_step, service.LAST_STEP)
    return redirect(url_for("apply.step", app_id=application.id, step=target))


@bp.route("/<int:app_id>/step/<int:step>", methods=["GET", "POST"])
@roles_required("applicant")
def step(app_id: int, step: int):
    """Show or save one step; every POST saves what is valid, so nothing typed is lost."""
    application = access.get_application(app_id, owner_only=True)
    if step not in range(1, service.LAST_STEP + 1):
        abort(404)
    blocked = _editable_or_redirect(application)
    if blocked:
        return blocked
    if step == 4:
        return _materials_step(application)
    if step == 5:
        return _consent_step(application)
    form_class = FORM_STEPS[step]
    form = form_class(obj=application) if request.method == "GET" else form_class()
    if request.method == "POST":
        values, complete = collect_step_values(form, service.STEP_FIELDS[step], advance=bool(form.next.data))
        service.save_step(application, step, values, advance=complete and bool(form.next.data))
        if complete:
            if form.next.data:
                return redirect(url_for("apply.step", app_id=app_id, step=step + 1))
            flash(_("草稿已保存。"), "success")
            return redirect(url_for("apply.step", app_id=app_id, step=step))
        flash(_("已保存填写正确的内容，请修改标出的问题。"), "error")
    return render_template(f"apply/step{step}.html", form=form, application=application, step=step)


def _materials_step(application: Application):
    required = required_materials(application.category_code)
    if request.method == "POST":  # "continue" from the materials page
        return redirect(url_for("apply.step", app_id=application.id, step=5))
    return render_template("apply/step4.html", application=application, step=4, form=MaterialForm(),
                           required=required, delete_form=PostForm(), types=reference("material_types"))


def _consent_step(application: Application):
    form = ConsentForm()
    if request.method == "GET":
        form.privacy_consent.data = application.privacy_consent_at is not None
        form.publication_consent.data = application.publication_consent
    problems = service.missing_items(application)
    if request.method == "POST" and form.validate():
        service.save_consents(application, bool(form.privacy_consent.data), bool(form.publication_consent.data))
        if form.submit.data:
            try:
                service.submit(application, current_user)
            except TransitionRefused as error:
                flash(str(error), "error")
                problems = service.missing_items(application)
            else:
                flash(_("提交成功，申报编号 %(ref)s。", ref=application.reference), "success")
                return redirect(url_for("apply.status", app_id=application.id))
        else:
            flash(_("草稿已保存。"), "success")
            return redirect(url_for("apply.step", app_id=application.id, step=5))
    return render_template("apply/step5.html", form=form, application=application, step=5, problems=problems)


@bp.post("/<int:app_id>/materials")
@roles_required("applicant")
def upload(app_id: int):
    """Store one evidence file after checking its type by content and its size."""
    application = access.get_application(app_id, owner_only=True)
    blocked = _editable_or_redirect(application)
    if blocked:
        return blocked
    form = MaterialForm()
    if form.validate_on_submit():
        try:
            service.add_material(application, form.material_type.data, form.file.data.filename, form.file.data.stream)
        except storage.UploadRejected as error:
            limit_mb = current_app.config["MAX_UPLOAD_BYTES"] / 1024 / 1024
            flash(_upload_message(error.reason, round(limit_mb, 1)), "error")
        else:
            flash(_("材料已上传。"), "success")
    else:
        for errors in form.errors.values():
            for message in errors:
                flash(message, "error")
    return redirect(url_for("apply.step", app_id=app_id, step=4))


@bp.post("/<int:app_id>/materials/<int:material_id>/delete")
@roles_required("applicant")
def delete_material(app_id: int, material_id: int):
    """Remove an uploaded file while the application can still be edited."""
    material = access.get_material(app_id, material_id, owner_only=True)
    blocked = _editable_or_redirect(material.application)
    if blocked:
        return blocked
    if PostForm().validate_on_submit():
        service.remove_material(material.application, material)
        flash(_("材料已删除。"), "info")
    return redirect(url_for("apply.step", app_id=app_id, step=4))


@bp.get("/<int:app_id>/materials/<int:material_id>")
@roles_required("applicant", "hr", "admin")
def material_file(app_id: int, material_id: int):
    """Send a stored file to its owner or authorised staff; inline with ?inline=1."""
    material = access.get_material(app_id, material_id)
    path = storage.path_of(material.stored_name)
    if not path.exists():
        abort(404)
    if current_user.id != material.application.applicant_id:
        audit.record_now(current_user, "material.view", "application", app_id, material_id=material.id,
                         material_type=material.material_type)
    response = send_file(path, mimetype=material.content_type, as_attachment=not request.args.get("inline"),
                         download_name=material.original_name, max_age=0)
    response.headers["Cache-Control"] = "private, no-store"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


@bp.get("/<int:app_id>")
@roles_required("applicant", "hr", "admin")
def status(app_id: int):
    """The application's state, its timeline and what was submitted."""
    application = access.get_application(app_id)
    if application.applicant_id != current_user.id:  # staff reading someone's personal data
        audit.record_now(current_user, "application.view", "application", app_id, page="status")
    can_withdraw = application.applicant_id == current_user.id and bool(
        [t for t in workflow.available(application.state, workflow.OWNER) if t.name == "withdraw"])
    return render_template("apply/status.html", application=application, can_withdraw=can_withdraw,
                           withdraw_form=WithdrawForm())


@bp.post("/<int:app_id>/withdraw")
@roles_required("applicant")
def withdraw(app_id: int):
    """Withdraw after explicit confirmation."""
    application = access.get_application(app_id, owner_only=True)
    form = WithdrawForm()
    if not form.validate_on_submit():
        flash(_("请勾选确认后再撤回。"), "error")
        return redirect(url_for("apply.status", app_id=app_id))
    try:
        service.withdraw(application, current_user, form.reason.data)
    except TransitionRefused as error:
        flash(str(error), "error")
    else:
        flash(_("申报已撤回。"), "info")
    return redirect(url_for("apply.status", app_id=app_id))
