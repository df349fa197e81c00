"""公示 views: public lists (only publishable fields) and staff pages over portal.publicity.batches."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.accounts.forms import PostForm
from portal.accounts.staff import is_city_level
from portal.applications.transitions import TransitionRefused
from portal.holidays import arrangements as holidays
from portal.kernel import db
from portal.kernel.clock import today
from portal.kernel.permissions import roles_required
from portal.publicity import batches as publicity
from portal.publicity import bp
from portal.publicity.forms import (
    BatchForm,
    DecideObjectionForm,
    HolidayFileForm,
    HolidayYearForm,
    ObjectionForm,
    PullForm,
)
from portal.publicity.models import Objection, PublicityBatch, PublicityEntry

STAFF = ("hr", "admin")


def _city_only() -> None:
    """公示 is run by the city: division HR get 403 (batches list other divisions' applicants and
    objectors' contact details)."""
    if not is_city_level(current_user):
        abort(403)


def _get(model, object_id: int):
    found = db.session.get(model, object_id)
    if found is None:
        abort(404)
    return found


@bp.get("/")
def public_list():
    """Every 公示 batch with its published names."""
    return render_template("publicity/public_list.html", batches=publicity.public_batches())


@bp.get("/<int:batch_id>")
def public_batch(batch_id: int):
    """One 公示 list: name, employer, category, education/title, dates, where to object."""
    return render_template("publicity/public_batch.html", batch=publicity.public_batch(_get(PublicityBatch, batch_id)))


@bp.get("/honours")
def honour_roll():
    """Recognised talents who agreed to be published."""
    return render_template("publicity/honour_roll.html", people=publicity.honour_roll())


@bp.route("/manage/", methods=["GET", "POST"])
@roles_required(*STAFF)
def manage():
    """Batches, and a form to open a new one from decided, consenting applications."""
    _city_only()
    form = BatchForm()
    eligible = publicity.eligible_applications()
    form.applications.choices = [(a.id, f"{a.reference} {a.full_name}") for a in eligible]
    if form.start_date.data is None and not form.is_submitted():
        form.start_date.data = today()
    if form.validate_on_submit():
        try:
            batch = publicity.create_batch(current_user, form.title.data, form.start_date.data,
                                           form.applications.data, form.objection_contact.data, form.working_days.data)
        except TransitionRefused as error:
            flash(str(error), "error")
        else:
            flash(_("公示批次已创建，公示期至 %(end)s。", end=batch.end_date.isoformat()), "success")
            missing = publicity.years_without_holidays(batch)
            if missing:
                flash(holidays.missing_years_message(missing), "warning")
            return redirect(url_for("publicity.batch", batch_id=batch.id))
    return render_template("publicity/manage.html", form=form, batches=publicity.batches(), eligible=eligible,
                           missing_years=holidays.years_to_warn_about(form.start_date.data))


@bp.get("/manage/<int:batch_id>")
@roles_required(*STAFF)
def batch(batch_id: int):
    """One batch for staff: entries, objections and the actions still open."""
    _city_only()
    return _render_batch(_get(PublicityBatch, batch_id))


def _render_batch(found: PublicityBatch, bound=None, status: int = 200):
    """The batch page. One form per entry/objection, each with its own prefix so every field id is
    unique; `bound` is a posted form that failed validation, shown again with what was typed."""

    def form_for(form_class, prefix: str, **defaults):
        if bound is not None and bound._prefix == prefix + "-":
            return bound
        return form_class(formdata=None, prefix=prefix, **defaults)

    return render_template(
        "publicity/batch.html", batch=found, over=publicity.publicity_over(found), close_form=PostForm(),
        objection_form=lambda entry: form_for(ObjectionForm, f"o{entry.id}", received_on=today()),
        decide_form=lambda objection: form_for(DecideObjectionForm, f"d{objection.id}"),
        pull_form=lambda entry: form_for(PullForm, f"p{entry.id}")), status


def _refusable(action, batch: PublicityBatch, form, success: str):
    """Run a service action for a posted form; on a refusal show the page again with the input kept."""
    if not form.validate_on_submit():
        return _render_batch(batch, form, 400)
    try:
        action()
    except TransitionRefused as error:
        flash(str(error), "error")
        return _render_batch(batch, form, 400)
    flash(success, "success")
    return redirect(url_for("publicity.batch", batch_id=batch.id))


@bp.post("/manage/entries/<int:entry_id>/objections")
@roles_required(*STAFF)
def add_objection(entry_id: int):
    """Record a written objection against an entry."""
    _city_only()
    entry = _get(PublicityEntry, entry_id)
    form = ObjectionForm(prefix=f"o{entry_id}")
    return _refusable(lambda: publicity.record_objection(entry, current_user, form.objector_name.data,
                                                         form.objector_contact.data, form.received_on.data,
                                                         form.content.data), entry.batch, form, _("异议已登记。"))


@bp.post("/manage/objections/<int:objection_id>/decide")
@roles_required(*STAFF)
def decide_objection(objection_id: int):
    """Record whether an objection is upheld."""
    _city_only()
    objection = _get(Objection, objection_id)
    form = DecideObjectionForm(prefix=f"d{objection_id}")
    return _refusable(lambda: publicity.decide_objection(objection, current_user, form.decision.data == "upheld",
                                                         form.resolution.data),
                      objection.entry.batch, form, _("核查结论已保存。"))


@bp.post("/manage/entries/<int:entry_id>/pull")
@roles_required(*STAFF)
def pull_entry(entry_id: int):
    """Take an entry off the list while the batch is open."""
    _city_only()
    entry = _get(PublicityEntry, entry_id)
    form = PullForm(prefix=f"p{entry_id}")
    return _refusable(lambda: publicity.pull_entry(entry, current_user, form.reason.data), entry.batch, form,
                      _("已撤出公示。"))


@bp.post("/manage/<int:batch_id>/close")
@roles_required(*STAFF)
def close(batch_id: int):
    """Close a batch after its end date: recognise or reject each remaining entry."""
    _city_only()
    found = _get(PublicityBatch, batch_id)
    return _refusable(lambda: publicity.close_batch(found, current_user), found, PostForm(), _("公示已办结。"))


@bp.route("/manage/holidays", methods=["GET", "POST"])
@roles_required("admin")
def holiday_calendar():
    """Admins load a year's 放假 and 调休 days, from a data file or typed in, checked before they are kept."""
    year_form, file_form = HolidayYearForm(prefix="year"), HolidayFileForm(prefix="file")
    try:
        if year_form.submit.data and year_form.validate_on_submit():
            arrangements = [holidays.check_arrangement(year_form.year.data, holidays.split_days(year_form.holidays.data),
                                                       holidays.split_days(year_form.workdays.data or ""))]
            loaded = holidays.load_years(arrangements, current_user, "form")
        elif file_form.submit.data and file_form.validate_on_submit():
            upload = file_form.file.data
            arrangements = holidays.parse_data_file(upload.read(holidays.MAX_FILE_BYTES + 1))
            loaded = holidays.load_years(arrangements, current_user, upload.filename or "file")
        else:
            loaded = None
    except holidays.HolidayDataError as error:
        flash(str(error), "error")
    else:
        if loaded:
            flash(_("已保存 %(years)s 年的节假日安排。", years="、".join(map(str, loaded))), "success")
            return redirect(url_for("publicity.holiday_calendar"))
    return render_template("publicity/holidays.html", year_form=year_form, file_form=file_form,
                           loaded=holidays.loaded_years(), missing_years=holidays.years_to_warn_about())


@bp.app_template_global("holiday_warning")
def holiday_warning_global(years: list[int]) -> str:
    """The warning text for years whose holiday arrangement is missing."""
    return holidays.missing_years_message(years)
