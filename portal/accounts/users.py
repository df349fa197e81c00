"""Registration, sign-in checks, password reset tokens and staff account creation."""
from __future__ import annotations

from flask import current_app, url_for
from flask_babel import gettext as _
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy import func, select
from werkzeug.security import check_password_hash, generate_password_hash

from portal.accounts import login_throttle
from portal.accounts.models import Role, User
from portal.kernel import db
from portal.kernel.mail import send_mail

RESET_SALT = "password-reset"
_dummy_hashes: dict[str, str] = {}


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
    """The signed-in user for Flask-Login's "id:version" session id, or None.

    A session or remember-me token from before the account's last version bump (logout, password
    change, reset) is refused, as is a malformed or unknown id.
    """
    uid, _, version = user_id.partition(":")
    if not (uid.isdigit() and version.isdigit()):
        return None
    user = db.session.get(User, int(uid))
    return user if user is not None and user.session_version == int(version) else None


def _dummy_hash() -> str:
    """A hash of a random password made with the configured method and cost, once per method."""
    method = current_app.config.get("PASSWORD_HASH_METHOD", "scrypt")
    if method not in _dummy_hashes:
        import secrets

        _dummy_hashes[method] = generate_password_hash(secrets.token_urlsafe(16), method=method)
    return _dummy_hashes[method]


def authenticate(email: str, password: str) -> User | None:
    """The active user with this email and password, or None.

    The password is checked against a dummy hash of the same cost when there is no such active
    account, so the answer takes as long either way and timing does not tell who is registered.
    """
    user = find_by_email(email)
    usable = user is not None and user.active
    matches = check_password_hash(user.password_hash if usable else _dummy_hash(), password)
    return user if usable and matches else None


def register(email: str, password: str, phone: str | None) -> None:
    """Create an applicant account, or tell the owner of a taken address; the caller learns neither.

    Both ways one password hash is made and one mail sent, so neither the answer nor its timing
    says whether the address was already registered.
    """
    existing = find_by_email(email)
    if existing is None:
        try:
            user = create_user(email, password, phone=phone)
        except AccountError:  # registered a moment ago by a concurrent request
            existing = find_by_email(email)
        else:
            _send_welcome(user)
            return
    generate_password_hash(password, method=current_app.config.get("PASSWORD_HASH_METHOD", "scrypt"))
    login, reset = url_for("auth.login", _external=True), url_for("auth.request_reset", _external=True)
    body = _("您好！\n\n有人尝试用本邮箱在阜新英才服务平台注册新账号，但该邮箱已有账号。"
             "如果是您本人，请直接登录：%(login)s\n忘记密码可在此重设：%(reset)s\n"
             "如果不是您本人，请忽略本邮件，您的账号没有任何变化。\n\n"
             "Hello,\n\nSomeone tried to register a new Fuxin Talent portal account with this address, "
             "which already has an account. If it was you, sign in: %(login)s\n"
             "Forgot your password? Reset it here: %(reset)s\n"
             "If it was not you, ignore this email: nothing about your account has changed.",
             login=login, reset=reset)
    send_mail(existing.email, _("注册尝试 / Someone tried to register with your address"), body)


def _send_welcome(user: User) -> None:
    login = url_for("auth.login", _external=True)
    body = _("您好！\n\n您的阜新英才服务平台账号已创建，请用注册时设置的密码登录：%(login)s\n\n"
             "如果这不是您本人的操作，请忽略本邮件。\n\n"
             "Hello,\n\nYour Fuxin Talent portal account has been created. Sign in with the password "
             "you chose: %(login)s\n\nIf you did not register, ignore this email.", login=login)
    send_mail(user.email, _("欢迎注册 / Welcome to the Fuxin Talent portal"), body)


def end_sessions(user: User) -> None:
    """End every session and remember-me token of this account (they carry the old version)."""
    with db.transaction():
        user.session_version = (user.session_version or 0) + 1


def change_password(user: User, current: str, new_password: str) -> None:
    """Set a new password after checking the current one; every session of the account ends
    (the caller signs the current one in again). Raises AccountError if `current` is wrong."""
    if not user.check_password(current):
        raise AccountError(_("当前密码不正确。"))
    with db.transaction():
        user.set_password(new_password)
        user.session_version = (user.session_version or 0) + 1


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
    """Set a new password; every earlier reset token and every session of the account stop
    working, and the sign-in delays of the account are cleared (the owner proved who they are)."""
    with db.transaction():
        user.set_password(new_password)
        user.session_version = (user.session_version or 0) + 1
    login_throttle.clear_account(user.email)
