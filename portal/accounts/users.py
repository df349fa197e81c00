"""Registration, sign-in checks, password reset tokens and staff account creation."""
from __future__ import annotations

from flask import current_app, url_for
from flask_babel import gettext as _
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy import func, select

from portal.accounts.models import Role, User
from portal.kernel import db
from portal.kernel.mail import send_mail

RESET_SALT = "password-reset"


class AccountError(ValueError):
    """A business rule refused the change; the message is for the user."""


def find_by_email(email: str) -> User | None:
    """The user with this email, compared case-insensitively."""
    return db.session.scalar(select(User).where(func.lower(User.email) == email.strip().lower()))


def create_user(email: str, password: str, role: str = Role.APPLICANT.value, *, phone: str | None = None,
                full_name: str | None = None, division_code: str | None = None) -> User:
    """Create and commit a user; raises AccountError if the email is taken or the role unknown."""
    if role not in {r.value for r in Role}:
        raise AccountError(_("未知角色：%(role)s", role=role))
    with db.transaction() as session:
        if find_by_email(email):
            raise AccountError(_("该邮箱已注册。"))
        user = User(email=email.strip().lower(), phone=phone, full_name=full_name, role=role,
                    division_code=division_code)
        user.set_password(password)
        session.add(user)
    return user


def load_user(user_id: str) -> User | None:
    """The signed-in user for Flask-Login's session id, or None for a malformed or unknown id."""
    return db.session.get(User, int(user_id)) if user_id.isdigit() else None


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=RESET_SALT)


def make_reset_token(user: User) -> str:
    """A signed token naming the user and a fingerprint of the current hash (so it works once)."""
    return _serializer().dumps({"uid": user.id, "fp": user.password_hash[-16:]})


def user_for_reset_token(token: str) -> User | None:
    """The user the token was made for, if it is genuine, unexpired and unused; else None."""
    try:
        data = _serializer().loads(token, max_age=current_app.config["PASSWORD_RESET_MAX_AGE"])
    except (BadSignature, SignatureExpired):
        return None
    user = db.session.get(User, data.get("uid"))
    if user is None or user.password_hash[-16:] != data.get("fp"):
        return None
    return user


def send_reset_email(email: str) -> None:
    """Mail a reset link if the account exists; says nothing either way to the caller."""
    user = find_by_email(email)
    if user is None or not user.active:
        return
    link = url_for("auth.reset_password", token=make_reset_token(user), _external=True)
    body = _("您好！\n\n请在一小时内打开以下链接重设阜新英才服务平台的登录密码：\n%(link)s\n\n"
             "如果这不是您本人的操作，请忽略本邮件。\n\n"
             "Hello,\n\nOpen this link within one hour to reset your Fuxin Talent portal password:\n%(link)s\n\n"
             "If you did not ask for this, ignore this email.", link=link)
    send_mail(user.email, _("重设密码 / Reset your password"), body)


def reset_password(user: User, new_password: str) -> None:
    """Set a new password; every earlier reset token stops working."""
    with db.transaction():
        user.set_password(new_password)
