"""Managing stations: HR and admins manage all, a station manager only their own. Every change is audited."""
from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from portal.accounts import users as accounts
from portal.accounts.forms import PostForm
from portal.accounts.models import User
from portal.audit import record as audit
from portal.kernel import db
from portal.kernel.permissions import roles_required
from portal.stations import access as station_access
from portal.stations import bp, records
from portal.stations import directory as station_directory
from portal.stations.forms import HoursForm, ManagerForm, StaffForm, StationForm
from portal.stations.models import RECORD_FIELDS, Station, StationStaff

MANAGERS = ("hr", "admin", "station_manager")


def _record_form(station: Station | None = None) -> StationForm:
    form = StationForm(obj=station) if request.method == "GET" else StationForm()
    for name in set(RECORD_FIELDS) - set(records.editable_fields(current_user)):
        del form[name]  # fields this user may not change are neither shown nor read
    form.fixed_type = station.station_type if station else None
    return form


def _values(form: StationForm) -> dict:
    return {name: form[name].data for name in RECORD_FIELDS if name in form}


@bp.get("/manage/")
@roles_required(*MANAGERS)
def manage_index():
    """The stations this user manages (all of them for HR and admins)."""
    query = select(Station).order_by(Station.id)
    if current_user.role == "station_manager":
        query = query.where(Station.id == current_user.station_id)
    return render_template("stations/manage_index.html", stations=db.session.scalars(query).all())


@bp.route("/manage/new", methods=["GET", "POST"])
@roles_required("hr", "admin")
def create():
    """Create a station record."""
    form = _record_form()
    if form.validate_on_submit():
        station = records.create_station(current_user, _values(form))
        flash(_("服务站已创建。"), "success")
        return redirect(url_for("stations.edit", station_id=station.id))
    return render_template("stations/edit.html", form=form, station=None)


@bp.route("/manage/<int:station_id>/edit", methods=["GET", "POST"])
@roles_required(*MANAGERS)
def edit(station_id: int):
    """Edit the station record; a station manager cannot change its type, division or publication."""
    station = station_access.get_manageable_station(station_id)
    form = _record_form(station)
    if form.validate_on_submit():
        changed = records.update_station(current_user, station, _values(form))
        flash(_("已保存。") if changed else _("没有需要保存的修改。"), "success")
        return redirect(url_for("stations.edit", station_id=station.id))
    return render_template("stations/edit.html", form=form, station=station)


@bp.route("/manage/<int:station_id>/hours", methods=["GET", "POST"])
@roles_required(*MANAGERS)
def edit_hours(station_id: int):
    """Edit the weekly opening hours (up to two periods a day)."""
    station = station_access.get_manageable_station(station_id)
    form = HoursForm()
    if request.method == "GET":
        form.fill(station.hours)
    elif form.validate_on_submit():
        periods = form.periods()
        if periods is not None:
            records.replace_hours(current_user, station, periods)
            flash(_("开放时间已保存。"), "success")
            return redirect(url_for("stations.edit_hours", station_id=station.id))
    if request.method == "POST":
        flash(_("开放时间有误，请按提示修改。"), "error")
    return render_template("stations/hours.html", form=form, station=station)


@bp.route("/manage/<int:station_id>/staff", methods=["GET", "POST"])
@roles_required(*MANAGERS)
def staff(station_id: int):
    """The staff list (head, liaison, talent ambassadors) and a form to add someone."""
    station = station_access.get_manageable_station(station_id)
    form = StaffForm()
    if form.validate_on_submit():
        records.add_staff(current_user, station, form.staff_role.data, form.name.data, form.position.data)
        flash(_("人员已添加。"), "success")
        return redirect(url_for("stations.staff", station_id=station.id))
    managers = db.session.scalars(select(User).where(User.station_id == station.id).order_by(User.id)).all()
    return render_template("stations/staff.html", form=form, station=station, delete_form=PostForm(),
                           manager_form=ManagerForm(), managers=managers)


@bp.post("/manage/<int:station_id>/staff/<int:staff_id>/delete")
@roles_required(*MANAGERS)
def delete_staff(station_id: int, staff_id: int):
    """Remove someone from the staff list; removing someone already gone just says so."""
    station = station_access.get_manageable_station(station_id)
    member = db.session.get(StationStaff, staff_id)
    if PostForm().validate_on_submit():
        if member is None or member.station_id != station.id:
            flash(_("该人员已不在本服务站名单中。"), "info")
        else:
            records.remove_staff(current_user, station, member)
            flash(_("人员已移除。"), "info")
    return redirect(url_for("stations.staff", station_id=station.id))


@bp.post("/manage/<int:station_id>/managers")
@roles_required("hr", "admin")
def assign_manager(station_id: int):
    """Link a station_manager account to this station."""
    station = station_access.get_manageable_station(station_id)
    form = ManagerForm()
    if form.validate_on_submit():
        user = accounts.find_by_email(form.email.data)
        try:
            if user is None:
                raise records.StationError(_("没有使用该邮箱的账号。"))
            records.assign_manager(current_user, station, user)
        except records.StationError as error:
            flash(str(error), "error")
        else:
            flash(_("已关联管理员账号。"), "success")
    else:
        for message in form.email.errors:
            flash(message, "error")
    return redirect(url_for("stations.staff", station_id=station.id))


@bp.get("/manage/<int:station_id>/applications")
@roles_required("hr", "admin", "station_manager")
def assisted_applications(station_id: int):
    """Applications that named this station: reference, name, category and state, nothing more."""
    station = station_access.get_manageable_station(station_id, check=station_access.can_see_assisted)
    rows = station_directory.assisted_applications(station)
    audit.record_now(current_user, "station.assisted_view", "station", station.id,
                     references=[row["reference"] for row in rows][:500])
    return render_template("stations/assisted.html", station=station, rows=rows)
