"""Forms of the "my data" page; every field has a length bound and a message saying what is wrong."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    EmailField,
    PasswordField,
    RadioField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Email, Length, Optional, ValidationError

from portal.accounts.forms import mainland_mobile
from portal.applications.forms import valid_id_number
from portal.privacy_rights.corrections import CORRECTABLE_FIELDS
from portal.review.staff_review import FIELD_LABELS

# The column lengths of the fields that may be corrected (address is free text, bounded here).
VALUE_MAX = {"full_name": 100, "id_number": 18, "phone": 20, "email": 254, "address": 500, "degree": 20}


class ContactForm(FlaskForm):
    full_name = StringField(_l("姓名"), validators=[Optional(), Length(max=100, message=_l("姓名最多 100 个字。"))])
    phone = StringField(_l("手机号码"), validators=[DataRequired(_l("请填写手机号码。")), Length(max=20),
                                                mainland_mobile])
    email = EmailField(_l("电子邮箱"), validators=[
        DataRequired(_l("请填写电子邮箱。")), Email(_l("电子邮箱格式不正确。"), check_deliverability=False),
        Length(max=254)])
    password = PasswordField(_l("当前密码"), validators=[DataRequired(_l("请输入当前密码以确认修改。")),
                                                      Length(max=128)])
    submit = SubmitField(_l("保存联系方式"))


class CorrectionRequestForm(FlaskForm):
    field = SelectField(_l("要更正的项目"), choices=[(f, FIELD_LABELS[f]) for f in CORRECTABLE_FIELDS],
                        validators=[DataRequired(_l("请选择要更正的项目。"))])
    value = StringField(_l("正确的内容"), validators=[DataRequired(_l("请填写正确的内容。")),
                                                   Length(max=500, message=_l("最多 500 个字。"))])
    reason = TextAreaField(_l("更正理由"), validators=[DataRequired(_l("请说明更正理由。")),
                                                   Length(max=1000, message=_l("理由最多 1000 个字。"))])
    submit = SubmitField(_l("提交更正申请"))

    def validate_value(self, field) -> None:
        """The value must be valid for the chosen field: a real ID number, a mobile, an e-mail, a length."""
        limit = VALUE_MAX.get(self.field.data, 200)
        if len(field.data or "") > limit:
            raise ValidationError(_l("最多 %(n)d 个字。", n=limit))
        if self.field.data == "id_number":
            valid_id_number(self, field)
        elif self.field.data == "phone":
            mainland_mobile(self, field)
        elif self.field.data == "email":
            Email(_l("电子邮箱格式不正确。"), check_deliverability=False)(self, field)


class DecisionForm(FlaskForm):
    decision = RadioField(_l("处理结果"), choices=[("accept", _l("同意更正")), ("refuse", _l("不予更正"))],
                          validators=[DataRequired(_l("请选择处理结果。"))])
    note = TextAreaField(_l("说明（不予更正时必填）"), validators=[Length(max=1000, message=_l("最多 1000 个字。"))])
    submit = SubmitField(_l("提交处理结果"))


class WithdrawConsentForm(FlaskForm):
    confirm = BooleanField(_l("我确认撤回公示同意"), validators=[DataRequired(_l("请勾选确认后再撤回。"))])
    submit = SubmitField(_l("撤回公示同意"))


class CloseAccountForm(FlaskForm):
    confirm = BooleanField(_l("我了解注销后不能恢复"), validators=[DataRequired(_l("请勾选确认。"))])
    password = PasswordField(_l("当前密码"), validators=[DataRequired(_l("请输入当前密码以确认注销。")),
                                                      Length(max=128)])
    submit = SubmitField(_l("注销账号"))
