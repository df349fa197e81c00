"""Account views: thin wrappers over portal.accounts.users, login_throttle and two_factor."""
from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from portal.accounts import bp, login_throttle, two_factor, two_step
from portal.accounts import users as accounts
from portal.accounts.forms import (
    ChangePasswordForm,
    CodeForm,
    LoginForm,
    PostForm,
    RegisterForm,
    ResetPasswordForm,
    ResetRequestForm,
)
from portal.kernel.errors import render_error
from portal.kernel.safe_redirect import safe_next

bp.before_app_request(two_step.enforce_required_setup)
_SETUP_SECRET = "totp_setup_secret"


def _home_for(user) -> str:
    return url_for("apply.index") if user.role == "applicant" else url_for("main.index")


def _address() -> str:
    return request.remote_addr or "unknown"


def _wait_text(seconds: int) -> str:
    if seconds < 60:
        return _("%(n)d 秒", n=seconds)
    return _("%(n)d 分钟", n=(seconds + 59) // 60)


def _throttled(email: str):
    """The 429 page when this email or this address must wait before another try; else None."""
    wait = login_throttle.wait_seconds(email, _address())
    if not wait:
        return None
    return render_error(429, _("登录失败次数过多，请在 %(wait)s后再试。忘记密码可通过“忘记密码”重设，"
                               "重设后即可立即登录。", wait=_wait_text(wait)))


def _sign_in(user, remember: bool, next_url: str | None):
    login_user(user, remember=remember)
    if two_factor.required_for(user):
        return redirect(url_for("auth.two_factor_setup"))
    return redirect(safe_next(next_url) or _home_for(user))


@bp.route("/register", methods=["GET", "POST"])
def register():
    """Create an applicant account; the answer is the same whether or not the email is taken."""
    form = RegisterForm()
    if form.validate_on_submit():
        accounts.register(form.email.data, form.password.data, form.phone.data)
        return render_template("auth/register_sent.html")
    return render_template("auth/register.html", form=form)


@bp.route("/login", methods=["GET", "POST"])
def login():
    """The password step; with two-factor sign-in on, nobody is signed in until the code step."""
    form = LoginForm()
    if form.validate_on_submit():
        email = form.email.data.strip().lower()
        refused = _throttled(email)
        if refused:
            return refused
        user = accounts.authenticate(email, form.password.data)
        if user is None:
            login_throttle.record_attempt(email, _address(), False)
            form.password.errors.append(_("邮箱或密码不正确。"))
        elif user.totp_enabled:
            two_step.begin(user, form.remember.data, request.args.get("next"))
            return redirect(url_for("auth.login_code"))
        else:
            login_throttle.record_attempt(email, _address(), True)
            return _sign_in(user, form.remember.data, request.args.get("next"))
    return render_template("auth/login.html", form=form)


@bp.route("/login/code", methods=["GET", "POST"])
def login_code():
    """The second step: the authenticator app's code, throttled like the password."""
    if current_user.is_authenticated:
        return redirect(_home_for(current_user))
    user, state = two_step.pending()
    if user is None:
        flash(_("请先输入邮箱和密码。"), "info")
        return redirect(url_for("auth.login"))
    form = CodeForm()
    if form.validate_on_submit():
        refused = _throttled(user.email)
        if refused:
            return refused
        if two_factor.verify(user, form.code.data):
            login_throttle.record_attempt(user.email, _address(), True)
            two_step.clear()
            return _sign_in(user, state["remember"], state["next"])
        login_throttle.record_attempt(user.email, _address(), False)
        form.code.errors.append(_("验证码不正确或已使用过，请输入认证器应用中当前显示的 6 位数字。"))
    return render_template("auth/login_code.html", form=form)


@bp.post("/logout")
@login_required
def logout():
    """Sign out everywhere (POST only, with a CSRF token): every session of the account ends."""
    if not PostForm().validate_on_submit():
        abort(400)
    accounts.end_sessions(current_user._get_current_object())
    logout_user()
    flash(_("您已退出登录，此账号在所有设备上的登录均已结束。"), "info")
    return redirect(url_for("main.index"))


@bp.route("/reset", methods=["GET", "POST"])
def request_reset():
    """Ask for a reset link; the answer is the same whether or not the email is registered."""
    form = ResetRequestForm()
    if form.validate_on_submit():
        accounts.send_reset_email(form.email.data)
        flash(_("如果该邮箱已注册，重设链接已发送，请查收邮件。"), "info")
        return redirect(url_for("auth.login"))
    return render_template("auth/reset_request.html", form=form)


@bp.route("/reset/<token>", methods=["GET", "POST"])
def reset_password(token: str):
    """Set a new password with a valid, unexpired, unused token; every session of the account ends."""
    user = accounts.user_for_reset_token(token)
    if user is None:
        flash(_("重设链接无效或已过期，请重新申请。"), "error")
        return redirect(url_for("auth.request_reset"))
    form = ResetPasswordForm()
    if form.validate_on_submit():
        accounts.reset_password(user, form.password.data)
        if current_user.is_authenticated:
            logout_user()
        flash(_("密码已重设，所有设备上的登录均已结束，请用新密码登录。"), "success")
        return redirect(url_for("auth.login"))
    return render_template("auth/reset_password.html", form=form)


@bp.route("/account/password", methods=["GET", "POST"])
@login_required
def change_password():
    """Change the password: this session stays signed in, every other one ends."""
    form = ChangePasswordForm()
    if form.validate_on_submit():
        user = current_user._get_current_object()
        try:
            accounts.change_password(user, form.current.data, form.password.data)
        except accounts.AccountError as error:
            form.current.errors.append(str(error))
        else:
            remembered = current_app.config.get("REMEMBER_COOKIE_NAME", "remember_token") in request.cookies
            login_user(user, remember=remembered)
            flash(_("密码已修改，此账号在其他设备上的登录均已结束。"), "success")
            return redirect(_home_for(user))
    return render_template("auth/change_password.html", form=form)


@bp.route("/account/two-factor", methods=["GET", "POST"])
@login_required
def two_factor_setup():
    """Turn on two-factor sign-in: show a new secret, switch it on once a code from it is typed."""
    user = current_user._get_current_object()
    if not user.may_use_totp:
        abort(403)
    if user.totp_enabled:
        session.pop(_SETUP_SECRET, None)
        return render_template("auth/two_factor.html", enabled=True)
    secret = session.get(_SETUP_SECRET) or two_factor.new_secret()
    session[_SETUP_SECRET] = secret
    form = CodeForm()
    if form.validate_on_submit():
        if two_factor.enable(user, secret, form.code.data):
            session.pop(_SETUP_SECRET, None)
            flash(_("两步验证已开启，今后登录时需要输入认证器应用中的验证码。"), "success")
            return redirect(_home_for(user))
        form.code.errors.append(_("验证码不正确，请确认认证器应用已添加上面的密钥，并输入当前显示的 6 位数字。"))
    return render_template("auth/two_factor.html", enabled=False, form=form, secret=secret,
                           uri=two_factor.provisioning_uri(user, secret))
