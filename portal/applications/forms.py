"""The five steps of the application form."""
from __future__ import annotations

from collections.abc import Callable

from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    BooleanField,
    EmailField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import (
    DataRequired,
    Email,
    InputRequired,
    Length,
    Optional,
    ValidationError,
)

from portal.accounts.forms import mainland_mobile
from portal.kernel.china import idcard
from portal.kernel.reference_data import reference

ID_MESSAGES = {
    "format": _l("身份证号码应为 18 位，前 17 位是数字，最后一位是数字或 X。"),
    "date": _l("身份证号码中的出生日期不存在，请核对第 7 至 14 位。"),
    "checksum": _l("身份证号码校验位不正确，请核对是否输错。"),
}


def valid_id_number(_form, field) -> None:
    """GB 11643 checksum plus a real birth date; stores the normalised number."""
    if not field.data:
        return
    try:
        field.data = idcard.validate(field.data)
    except idcard.InvalidIdNumber as error:
        raise ValidationError(ID_MESSAGES[error.reason]) from None


def optional_mobile(form, field) -> None:
    """Check the mobile format only when something was typed (drafts may leave it blank)."""
    if field.data:
        mainland_mobile(form, field)



# The stations feature offers its choices here (``provide_station_choices``): applications
# never import the stations, which read applications for their assisted list.
def _no_stations(_lang: str) -> list[tuple[int, str]]:
    return []


_station_choices: Callable[[str], list[tuple[int, str]]] = _no_stations


def provide_station_choices(choices: Callable[[str], list[tuple[int, str]]]) -> None:
    """Fill the "assisting station" choice of the personal step with ``choices(lang)``."""
    global _station_choices
    _station_choices = choices

class StepForm(FlaskForm):
    """Common buttons: save the draft, or save and continue."""

    save = SubmitField(_l("保存草稿"))
    next = SubmitField(_l("保存并继续"))


def _optional_id(value):
    """'' or None -> None, digits -> int (anything else stays as typed and fails the choice check)."""
    if value in (None, ""):
        return None
    return int(value) if str(value).isdigit() else value


def _required(message):
    return DataRequired(message)


class PersonalForm(StepForm):
    full_name = StringField(_l("姓名"), validators=[_required(_l("请填写姓名。")), Length(max=50, message=_l("姓名不能超过 50 个字。"))])
    id_number = StringField(_l("居民身份证号码"), validators=[_required(_l("请填写身份证号码。")), valid_id_number])
    phone = StringField(_l("手机号码"), validators=[_required(_l("请填写手机号码。")), optional_mobile])
    email = EmailField(_l("电子邮箱"), validators=[_required(_l("请填写电子邮箱。")), Email(_l("电子邮箱格式不正确。"), check_deliverability=False)])
    address = TextAreaField(_l("通讯地址"), validators=[_required(_l("请填写通讯地址。")), Length(max=300, message=_l("地址不能超过 300 个字。"))])


class EducationForm(StepForm):
    education_level = SelectField(_l("最高学历"), validators=[_required(_l("请选择最高学历。"))])
    degree = StringField(_l("学位"), validators=[Optional(), Length(max=20, message=_l("不能超过 20 个字。"))])
    graduate_school = StringField(_l("毕业院校"), validators=[_required(_l("请填写毕业院校。")), Length(max=200)])
    major = StringField(_l("所学专业"), validators=[_required(_l("请填写所学专业。")), Length(max=200)])
    professional_title = StringField(_l("专业技术职称"), validators=[Optional(), Length(max=200)])
    title_level = SelectField(_l("职称级别"), validators=[_required(_l("请选择职称级别。"))])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.education_level.choices = [("", _l("请选择"))] + reference("education_levels").choices()
        self.title_level.choices = [("", _l("请选择"))] + reference("title_levels").choices()


class EmploymentForm(StepForm):
    employer = StringField(_l("工作单位"), validators=[_required(_l("请填写工作单位。")), Length(max=200)])
    position = StringField(_l("职务/岗位"), validators=[_required(_l("请填写职务或岗位。")), Length(max=200)])
    category_code = SelectField(_l("申报类别"), validators=[_required(_l("请选择申报类别。"))])
    industry_code = SelectField(_l("所属产业"), validators=[_required(_l("请选择所属产业。"))])
    division_code = SelectField(_l("申报县区"), validators=[_required(_l("请选择申报县区。"))])
    station_id = SelectField(_l("协助申报的服务站（选填）"), coerce=_optional_id, validate_choice=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.station_id.choices = [("", _l("无"))] + _station_choices(str(get_locale()))
        blank = [("", _l("请选择"))]
        self.category_code.choices = blank + [(e.code, f"{e.code} {e.name()}") for e in reference("categories")]
        self.industry_code.choices = blank + reference("industries").choices()
        self.division_code.choices = blank + reference("divisions").choices()

    def validate_station_id(self, field) -> None:
        if field.data is not None and field.data not in {code for code, _label in field.choices[1:]}:
            raise ValidationError(_l("请选择列表中的服务站，或选“无”。"))


class MaterialForm(FlaskForm):
    material_type = SelectField(_l("材料类型"), validators=[InputRequired(_l("请选择材料类型。"))])
    file = FileField(_l("文件（PDF、JPG 或 PNG）"), validators=[FileRequired(_l("请选择要上传的文件。"))])
    upload = SubmitField(_l("上传"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.material_type.choices = reference("material_types").choices()


class ConsentForm(FlaskForm):
    privacy_consent = BooleanField(_l("我已阅读并同意《个人信息处理说明》，同意为人才认定目的处理我的个人信息。"))
    publication_consent = BooleanField(_l("我单独同意：如通过评审，在公示名单中公开我的姓名、工作单位、认定类别和学历/职称（可不同意，不影响评审）。"))
    save = SubmitField(_l("保存草稿"))
    submit = SubmitField(_l("确认提交"))


class WithdrawForm(FlaskForm):
    reason = TextAreaField(_l("撤回原因（选填）"), validators=[Optional(), Length(max=500)])
    confirm = BooleanField(_l("我确认撤回本次申报，撤回后不能恢复。"), validators=[DataRequired(_l("请勾选确认。"))])
    submit = SubmitField(_l("撤回申报"))
