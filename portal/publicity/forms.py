"""Forms for 公示 batches and objections."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import DateField, IntegerField, SelectField, SelectMultipleField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange
from wtforms.widgets import CheckboxInput, ListWidget


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class BatchForm(FlaskForm):
    title = StringField(_l("批次名称"), validators=[DataRequired(_l("请填写批次名称。")), Length(max=200)])
    start_date = DateField(_l("公示开始日期"), validators=[InputRequired(_l("请填写有效的开始日期。"))])
    working_days = IntegerField(_l("公示期（工作日）"), default=5,
                                validators=[InputRequired(_l("请填写公示天数。")),
                                            NumberRange(1, 30, _l("公示期应为 1 至 30 个工作日。"))])
    objection_contact = TextAreaField(_l("异议受理联系方式"),
                                      validators=[DataRequired(_l("请填写异议受理联系方式。")), Length(max=500)])
    applications = MultiCheckboxField(_l("列入公示的申报"), coerce=int,
                                      validators=[DataRequired(_l("请至少选择一份申报。"))])
    submit = SubmitField(_l("创建公示批次"))


class ObjectionForm(FlaskForm):
    objector_name = StringField(_l("异议人姓名"), validators=[DataRequired(_l("请填写异议人姓名。")), Length(max=100)])
    objector_contact = StringField(_l("异议人联系方式"), validators=[DataRequired(_l("请填写联系方式。")), Length(max=200)])
    received_on = DateField(_l("收到日期"), validators=[InputRequired(_l("请填写有效的日期。"))])
    content = TextAreaField(_l("异议内容"), validators=[DataRequired(_l("请填写异议内容。")), Length(max=4000)])
    submit = SubmitField(_l("登记异议"))


class DecideObjectionForm(FlaskForm):
    decision = SelectField(_l("核查结论"), choices=[("dismissed", _l("异议不成立")), ("upheld", _l("异议成立"))])
    resolution = TextAreaField(_l("核查说明"), validators=[DataRequired(_l("请写明核查结论。")), Length(max=4000)])
    submit = SubmitField(_l("保存结论"))


class PullForm(FlaskForm):
    reason = TextAreaField(_l("撤出原因"), validators=[DataRequired(_l("请填写撤出原因。")), Length(max=2000)])
    submit = SubmitField(_l("撤出公示"))


class HolidayYearForm(FlaskForm):
    """One year's arrangement typed in: dates as YYYY-MM-DD, one per line or separated by commas."""

    year = IntegerField(_l("年份"), validators=[InputRequired(_l("请填写年份。")),
                                               NumberRange(2000, 2100, _l("年份应在 2000 至 2100 之间。"))])
    holidays = TextAreaField(_l("放假日期"), validators=[DataRequired(_l("请填写放假日期。")), Length(max=2000)])
    workdays = TextAreaField(_l("调休上班日期（周末）"), validators=[Length(max=1000)])
    submit = SubmitField(_l("保存该年安排"))


class HolidayFileForm(FlaskForm):
    """A data file shaped like portal/data/holidays.yaml, for one or more years."""

    file = FileField(_l("数据文件（YAML）"), validators=[FileRequired(_l("请选择要导入的文件。"))])
    submit = SubmitField(_l("导入文件"))
