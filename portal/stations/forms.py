"""Station forms: the record, the weekly hours, staff, manager accounts and the public filters."""
from __future__ import annotations

from datetime import time

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    FieldList,
    Form,
    FormField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Email, Length, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from portal.kernel.china import office_phone, opening_hours
from portal.kernel.clock import today
from portal.kernel.reference_data import reference
from portal.stations.models import STAFF_ROLES, STATION_TYPES
from portal.stations.rules import (
    STAFF_ROLE_LABELS,
    TYPE_LABELS,
    allowed_box,
    location_ok,
    needs_division,
)

HOURS_MESSAGES = {
    "time": _l("请按 时:分 填写时间，例如 08:30。"),
    "pair": _l("开门和关门时间要成对填写。"),
    "order": _l("关门时间必须晚于开门时间。"),
    "overlap": _l("同一天的两个时段不能重叠，第二段须在第一段结束之后开始。"),
    "weekday": _l("星期无效。"),
}


def _coordinate(message):
    def check(_form, field) -> None:
        try:
            value = float(str(field.data).strip())
        except (TypeError, ValueError):
            raise ValidationError(message) from None
        if value != value or value in (float("inf"), float("-inf")):
            raise ValidationError(message)
        field.data = value
    return check


class StationForm(FlaskForm):
    name_zh = StringField(_l("服务站名称（中文）"), validators=[
        DataRequired(_l("请填写服务站名称。")), Length(max=100, message=_l("名称不能超过 100 个字。"))])
    name_en = StringField(_l("服务站名称（英文）"), validators=[
        Optional(), Length(max=200, message=_l("英文名称不能超过 200 个字符。"))])
    station_type = SelectField(_l("服务站类型"), validators=[DataRequired(_l("请选择服务站类型。"))],
                               validate_choice=False)
    host_organisation = StringField(_l("依托单位"), validators=[
        DataRequired(_l("请填写依托单位。")), Length(max=200, message=_l("依托单位不能超过 200 个字。"))])
    division_code = SelectField(_l("所在县区"), validate_choice=False)
    address = StringField(_l("地址"), validators=[
        DataRequired(_l("请填写地址。")), Length(max=300, message=_l("地址不能超过 300 个字。"))])
    area_served = TextAreaField(_l("服务范围"), validators=[
        Optional(), Length(max=1000, message=_l("服务范围不能超过 1000 个字。"))])
    contact_person = StringField(_l("联系人"), validators=[
        DataRequired(_l("请填写联系人。")), Length(max=50, message=_l("联系人不能超过 50 个字。"))])
    office_phone = StringField(_l("办公电话"), validators=[DataRequired(_l("请填写办公电话。"))])
    services = SelectMultipleField(_l("服务项目"), widget=ListWidget(prefix_label=False),
                                   option_widget=CheckboxInput(), validate_choice=False)
    opened_on = DateField(_l("设立日期"), validators=[Optional()], render_kw={"type": "date"})
    latitude = StringField(_l("纬度"), validators=[
        DataRequired(_l("请填写纬度。")), _coordinate(_l("纬度应为数字，例如 42.0219。"))])
    longitude = StringField(_l("经度"), validators=[
        DataRequired(_l("请填写经度。")), _coordinate(_l("经度应为数字，例如 121.6700。"))])
    published = BooleanField(_l("在门户网站公开"))
    submit = SubmitField(_l("保存"))
    # The stored type, for users who may not change it (the division and location rules need it).
    fixed_type: str | None = None

    def kind(self) -> str:
        """The station type the rules apply to: the one chosen, or the stored one if not editable."""
        return (self.station_type.data if "station_type" in self else self.fixed_type) or ""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.station_type.choices = [("", _l("请选择"))] + [(code, TYPE_LABELS[code]) for code in STATION_TYPES]
        self.division_code.choices = [("", _l("无（驻外站）"))] + reference("divisions").choices()
        self.services.choices = reference("station_services").choices()

    def validate_station_type(self, field) -> None:
        if field.data not in STATION_TYPES:
            raise ValidationError(_l("请选择列表中的服务站类型。"))

    def validate_division_code(self, field) -> None:
        if not needs_division(self.kind()):
            if field.data:
                raise ValidationError(_l("驻外站不属于阜新的县区，请选择“无”。"))
            field.data = None
            return
        if not field.data:
            raise ValidationError(_l("请选择所在县区。"))
        if field.data not in reference("divisions"):
            raise ValidationError(_l("请选择列表中的县区。"))

    def validate_office_phone(self, field) -> None:
        number = office_phone.normalise(field.data or "")
        if number is None:
            raise ValidationError(_l("请填写带区号的固定电话（如 0418-1234567）或 11 位手机号码。"))
        field.data = number

    def validate_services(self, field) -> None:
        known = reference("station_services")
        if any(code not in known for code in field.data or []):
            raise ValidationError(_l("请只选择列表中的服务项目。"))

    def validate_opened_on(self, field) -> None:
        if field.data and field.data > today():
            raise ValidationError(_l("设立日期不能晚于今天。"))

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if self.opened_on.raw_data and self.opened_on.raw_data[0] and self.opened_on.data is None:
            self.opened_on.errors = [_l("请按 年-月-日 填写日期，例如 2021-06-18。")]
        return self._check_location() and valid and not self.opened_on.errors

    def _check_location(self) -> bool:
        lat, lon, kind = self.latitude.data, self.longitude.data, self.kind()
        if not (isinstance(lat, float) and isinstance(lon, float) and kind in STATION_TYPES):
            return True
        if location_ok(kind, lat, lon):
            return True
        south, north, west, east = allowed_box(kind)
        where = _l("阜新市范围") if needs_division(kind) else _l("中国境内")
        if not south <= lat <= north:
            self.latitude.errors = list(self.latitude.errors) + [_l(
                "纬度超出%(where)s：须在 %(low)s 至 %(high)s 之间。", where=where, low=south, high=north)]
        if not west <= lon <= east:
            self.longitude.errors = list(self.longitude.errors) + [_l(
                "经度超出%(where)s：须在 %(low)s 至 %(high)s 之间。", where=where, low=west, high=east)]
        return False


class DayForm(Form):
    """Up to two opening periods on one weekday (for example a lunch break between them)."""

    open1 = StringField(_l("第一段开门"), render_kw={"type": "time"})
    close1 = StringField(_l("第一段关门"), render_kw={"type": "time"})
    open2 = StringField(_l("第二段开门"), render_kw={"type": "time"})
    close2 = StringField(_l("第二段关门"), render_kw={"type": "time"})


class HoursForm(FlaskForm):
    days = FieldList(FormField(DayForm), min_entries=7, max_entries=7)
    submit = SubmitField(_l("保存开放时间"))

    def periods(self) -> list[tuple[int, time, time]] | None:
        """The periods typed, or None after putting a message on every day that makes no sense."""
        periods, valid = [], True
        for weekday, day in enumerate(self.days):
            try:
                periods += _day_periods(weekday, day.form)
            except _DayProblem as problem:
                day.form.open1.errors = [HOURS_MESSAGES[problem.reason]]
                valid = False
        if valid:
            try:
                return opening_hours.check(periods)
            except opening_hours.InvalidHours as error:
                self.days[error.weekday or 0].form.open1.errors = [HOURS_MESSAGES[error.reason]]
        return None

    def fill(self, hours) -> None:
        """Show stored hours (first two periods of each day) in the grid."""
        by_day: dict[int, list] = {}
        for period in hours:
            by_day.setdefault(period.weekday, []).append(period)
        for weekday, day in enumerate(self.days):
            for index, period in enumerate(by_day.get(weekday, [])[:2], 1):
                day.form[f"open{index}"].data = f"{period.opens:%H:%M}"
                day.form[f"close{index}"].data = f"{period.closes:%H:%M}"


class _DayProblem(ValueError):
    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def _day_periods(weekday: int, day: DayForm) -> list[tuple[int, time, time]]:
    periods = []
    for index in (1, 2):
        raw_open, raw_close = (day[f"open{index}"].data or "").strip(), (day[f"close{index}"].data or "").strip()
        if not raw_open and not raw_close:
            continue
        if not raw_open or not raw_close:
            raise _DayProblem("pair")
        opens, closes = opening_hours.parse_time(raw_open), opening_hours.parse_time(raw_close)
        if opens is None or closes is None:
            raise _DayProblem("time")
        if opens >= closes:
            raise _DayProblem("order")
        periods.append((weekday, opens, closes))
    return periods


class StaffForm(FlaskForm):
    staff_role = SelectField(_l("人员类别"), validators=[DataRequired(_l("请选择人员类别。"))],
                             validate_choice=False)
    name = StringField(_l("姓名"), validators=[
        DataRequired(_l("请填写姓名。")), Length(max=50, message=_l("姓名不能超过 50 个字。"))])
    position = StringField(_l("单位及职务"), validators=[
        Optional(), Length(max=200, message=_l("单位及职务不能超过 200 个字。"))])
    submit = SubmitField(_l("添加人员"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.staff_role.choices = [("", _l("请选择"))] + [(code, STAFF_ROLE_LABELS[code]) for code in STAFF_ROLES]

    def validate_staff_role(self, field) -> None:
        if field.data not in STAFF_ROLES:
            raise ValidationError(_l("请选择列表中的人员类别。"))


class ManagerForm(FlaskForm):
    email = StringField(_l("管理员账号邮箱"), validators=[
        DataRequired(_l("请填写账号邮箱。")), Email(_l("电子邮箱格式不正确。"), check_deliverability=False)])
    submit = SubmitField(_l("关联账号"))


class FilterForm(Form):
    """The public listing's filters, read from the query string so a filtered list has its own URL."""

    division = SelectField(_l("县区"), validate_choice=False)
    type = SelectField(_l("类型"), validate_choice=False)
    service = SelectField(_l("服务项目"), validate_choice=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        everything = [("", _l("全部"))]
        self.division.choices = everything + reference("divisions").choices()
        self.type.choices = everything + [(code, TYPE_LABELS[code]) for code in STATION_TYPES]
        self.service.choices = everything + reference("station_services").choices()

    def chosen(self) -> dict[str, str | None]:
        """The filters as keyword arguments; unknown values count as no filter."""
        def pick(field):
            return field.data if field.data in {code for code, _label in field.choices[1:]} else None
        return {"division": pick(self.division), "station_type": pick(self.type), "service": pick(self.service)}
