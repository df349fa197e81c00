"""The "my data" page and its actions; each view is a few lines over this package's services."""
from __future__ import annotations

import click
from flask import Blueprint, abort, flash, redirect, render_template, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, logout_user

from portal.applications import access
from portal.kernel import db
from portal.kernel.permissions import roles_required
from portal.privacy_rights import consent, corrections, data_export, erasure, retention
from portal.privacy_rights.forms import (
    CloseAccountForm,
    ContactForm,
    CorrectionRequestForm,
    DecisionForm,
    WithdrawConsentForm,
)
from portal.privacy_rights.models import CorrectionRequest
from portal.review.staff_review import FIELD_LABELS

bp = Blueprint("privacy_rights", __name__, template_folder="templates", cli_group=None)
STAFF = ("hr", "admin")


def _flash_errors(form) -> None:
    for errors in form.errors.values():
        for message in errors:
            flash(message, "error")


def _page(status: int = 200, contact_form=None, close_form=None, correction=None):
    """The page; a posted form that failed replaces its blank twin so the input and errors stay."""
    applications = erasure.applications_of(current_user)
    correction_forms = {a.id: CorrectionRequestForm(formdata=None, prefix=f"a{a.id}") for a in applications}
    if correction is not None:
        correction_forms[correction[0]] = correction[1]
    return render_template(
        "privacy_rights/account.html", applications=applications, rule=retention.current_rule(),
        submitted=erasure.ever_submitted(applications),
        requests={a.id: corrections.requests_for(a) for a in applications}, can_request=corrections.can_request,
        field_labels=FIELD_LABELS, correction_forms=correction_forms,
        consent_forms={a.id: WithdrawConsentForm(formdata=None, prefix=f"c{a.id}") for a in applications},
        contact_form=contact_form or ContactForm(obj=current_user, formdata=None),
        close_form=close_form or CloseAccountForm(formdata=None)), status


@bp.get("/account")
@login_required
def account():
    """What is held, how to download it, correct it, withdraw consent, and close the account."""
    return _page()


@bp.get("/me/data")
@login_required
def download():
    """The ZIP copy of everything held about the signed-in person (audited)."""
    archive = data_export.build_zip(current_user)
    response = send_file(archive, mimetype="application/zip", as_attachment=True,
                         download_name=f"my-data-{current_user.id}.zip", max_age=0)
    response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.post("/account/contact")
@login_required
def update_contact():
    """Change the account's name, mobile and e-mail after re-entering the password."""
    form = ContactForm()
    if not form.validate_on_submit():
        return _page(400, contact_form=form)
    if not current_user.check_password(form.password.data):
        form.password.errors = [_("当前密码不正确。")]
        return _page(400, contact_form=form)
    try:
        corrections.update_contact(current_user, form.full_name.data, form.phone.data, form.email.data)
    except corrections.CorrectionError as error:
        form.email.errors = [str(error)]
        return _page(400, contact_form=form)
    flash(_("联系方式已更新。"), "success")
    return redirect(url_for("privacy_rights.account"))


@bp.post("/account/applications/<int:app_id>/corrections")
@roles_required("applicant")
def request_correction(app_id: int):
    """Ask staff to correct a field of a submitted application."""
    application = access.get_application(app_id, owner_only=True)
    form = CorrectionRequestForm(prefix=f"a{app_id}")
    if not form.validate_on_submit():
        return _page(400, correction=(app_id, form))
    try:
        corrections.request_correction(application, current_user, form.field.data, form.value.data,
                                       form.reason.data)
    except corrections.CorrectionError as error:
        flash(str(error), "error")
    else:
        flash(_("更正申请已提交，工作人员处理后会在本页显示结果。"), "success")
    return redirect(url_for("privacy_rights.account"))


@bp.post("/account/applications/<int:app_id>/withdraw-consent")
@roles_required("applicant")
def withdraw_consent(app_id: int):
    """Withdraw the consent to 公示 of one application."""
    application = access.get_application(app_id, owner_only=True)
    form = WithdrawConsentForm(prefix=f"c{app_id}")
    if not form.validate_on_submit():
        _flash_errors(form)
        return redirect(url_for("privacy_rights.account"))
    try:
        consent.withdraw_publication_consent(application, current_user)
    except consent.ConsentError as error:
        flash(str(error), "error")
    else:
        flash(_("已撤回公示同意。下次网站发布时，您的姓名将从公示名单和人才名录中移除。"), "success")
    return redirect(url_for("privacy_rights.account"))


@bp.post("/account/delete")
@roles_required("applicant")
def delete_account():
    """Delete the account at once, or close it when a submitted record must be kept; signs out."""
    form = CloseAccountForm()
    if not form.validate_on_submit():
        return _page(400, close_form=form)
    if not current_user.check_password(form.password.data):
        form.password.errors = [_("当前密码不正确。")]
        return _page(400, close_form=form)
    try:
        outcome = erasure.close_or_delete(current_user)
    except erasure.ErasureRefused as error:
        flash(str(error), "error")
        return redirect(url_for("privacy_rights.account"))
    logout_user()
    flash(_("账号及全部数据已删除。") if outcome == "deleted" else
          _("账号已注销，不能再登录。申报记录将按保存期限保存，期满后匿名化。"), "info")
    return redirect(url_for("main.index"))


@bp.post("/review/corrections/<int:request_id>")
@roles_required(*STAFF)
def decide_correction(request_id: int):
    """Staff accept or refuse a correction request from the application's review page."""
    request_row = db.session.get(CorrectionRequest, request_id)
    if request_row is None:
        abort(404)
    application = access.get_application(request_row.application_id)
    form = DecisionForm(prefix=f"cr{request_id}")
    if not form.validate_on_submit():
        _flash_errors(form)
    else:
        try:
            corrections.decide(request_row, current_user, form.decision.data == "accept", form.note.data)
        except corrections.CorrectionError as error:
            flash(str(error), "error")
        else:
            flash(_("更正申请已处理。"), "success")
    return redirect(url_for("review.detail", app_id=application.id) + "#data-corrections")


@bp.app_template_global()
def data_correction_requests(application) -> list:
    """(request, decision form) pairs of an application, for the staff review page."""
    return [(r, DecisionForm(formdata=None, prefix=f"cr{r.id}")) for r in corrections.requests_for(application)]


@bp.cli.command("purge-personal-data")
def purge_command() -> None:
    """Anonymise closed accounts whose retention period has ended (see portal/data/retention.yaml)."""
    try:
        counts = erasure.purge_due()
    except retention.RetentionRuleError as error:
        raise click.ClickException(str(error)) from None
    click.echo("purged {accounts} accounts, {applications} applications, {files} files".format(**counts))
