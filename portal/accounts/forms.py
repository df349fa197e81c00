"""Account forms; every message is translatable and says what is wrong."""
from __future__ import annotations

import re

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField, StringField, SubmitField
from wtforms.validators import DataRequired, Email, EqualTo, Length, ValidationError

from portal.kernel.china import mobile


def strong_password(_form, field) -> None:
    """At least 8 characters with both letters and digits."""
    value = field.data or ""
    if len(value) < 8 or not re.search(r"[A-Za-z]", value) or not re.search(r"\d", value):
        raise ValidationError(_l("密码至少 8 位，且须同时包含字母和数字。"))


def mainland_mobile(_form, field) -> None:
    """A mainland mobile number, optionally with +86; stored normalised."""
    number = mobile.normalise(field.data or "")
    if number is None:
        raise ValidationError(_l("请输入有效的 11 位手机号码，例如 13812345678。"))
    field.data = number


class RegisterForm(FlaskForm):
    email = EmailField(_l("电子邮箱"), validators=[
        DataRequired(_l("请填写电子邮箱。")),
        Email(_l("电子邮箱格式不正确。"), check_deliverability=False),
        Length(max=254)])
    phone = StringField(_l("手机号码"), validators=[DataRequired(_l("请填写手机号码。")), mainland_mobile])
    password = PasswordField(_l("密码"), validators=[DataRequired(_l("请设置密码。")), strong_password])
    confirm = PasswordField(_l("确认密码"), validators=[
        DataRequired(_l("请再次输入密码。")), EqualTo("password", _l("两次输入的密码不一致。"))])
    submit = SubmitField(_l("注册"))


class LoginForm(FlaskForm):
    email = EmailField(_l("电子邮箱"), validators=[DataRequired(_l("请填写电子邮箱。"))])
    password = PasswordField(_l("密码"), validators=[DataRequired(_l("请填写密码。"))])
    remember = BooleanField(_l("在此设备上保持登录"))
    submit = SubmitField(_l("登录"))


class ResetRequestForm(FlaskForm):
    email = EmailField(_l("电子邮箱"), validators=[
        DataRequired(_l("请填写电子邮箱。")), Email(_l("电子邮箱格式不正确。"), check_deliverability=False)])
    submit = SubmitField(_l("发送重设链接"))


class ResetPasswordForm(FlaskForm):
    password = PasswordField(_l("新密码"), validators=[DataRequired(_l("请设置密码。")), strong_password])
    confirm = PasswordField(_l("确认新密码"), validators=[
        DataRequired(_l("请再次输入密码。")), EqualTo("password", _l("两次输入的密码不一致。"))])
    submit = SubmitField(_l("重设密码"))


class PostForm(FlaskForm):
    """An empty form: gives one-button POSTs (sign out, withdraw, ...) CSRF protection."""


class ChangePasswordForm(FlaskForm):
    current = PasswordField(_l("当前密码"), validators=[DataRequired(_l("请填写当前密码。"))])
    password = PasswordField(_l("新密码"), validators=[DataRequired(_l("请设置密码。")), strong_password])
    confirm = PasswordField(_l("确认新密码"), validators=[
        DataRequired(_l("请再次输入密码。")), EqualTo("password", _l("两次输入的密码不一致。"))])
    submit = SubmitField(_l("修改密码"))


class CodeForm(FlaskForm):
    """The 6-digit code of an authenticator app (sign-in second step, or confirming the setup)."""
    code = StringField(_l("验证码"), validators=[DataRequired(_l("请填写认证器应用中显示的 6 位验证码。"))],
                       render_kw={"autocomplete": "one-time-code", "inputmode": "numeric"})
    submit = SubmitField(_l("验证"))
