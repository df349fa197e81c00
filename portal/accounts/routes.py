"""Account views: thin wrappers over portal.accounts.users."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required, login_user, logout_user

from portal.accounts import bp, login_throttle
from portal.accounts import users as accounts
from portal.accounts.forms import (
    LoginForm,
    PostForm,
    RegisterForm,
    ResetPasswordForm,
    ResetRequestForm,
)
from portal.kernel.errors import render_error
from portal.kernel.safe_redirect import safe_next


def _home_for(user) -> str:
    return url_for("apply.index") if user.role == "applicant" else url_for("main.index")


@bp.route("/register", methods=["GET", "POST"])
def register():
    """Create an applicant account and sign it in."""
    form = RegisterForm()
    if form.validate_on_submit():
        try:
            user = accounts.create_user(form.email.data, form.password.data, phone=form.phone.data)
        except accounts.AccountError as error:
            form.email.errors.append(str(error))
        else:
            login_user(user)
            flash(_("注册成功，欢迎使用阜新英才服务平台。"), "success")
            return redirect(url_for("apply.index"))
    return render_template("auth/register.html", form=form)


@bp.route("/login", methods=["GET", "POST"])
def login():
    """Sign in, refusing further tries after too many failures."""
    form = LoginForm()
    if form.validate_on_submit():
        email, address = form.email.data.strip().lower(), request.remote_addr or "unknown"
        if login_throttle.is_locked(email, address):
            return render_error(429, _("登录失败次数过多，请 15 分钟后再试，或通过“忘记密码”重设密码。"))
        user = accounts.find_by_email(email)
        ok = user is not None and user.active and user.check_password(form.password.data)
        login_throttle.record_attempt(email, address, ok)
        if ok:
            login_user(user, remember=form.remember.data)
            return redirect(safe_next(request.args.get("next")) or _home_for(user))
        form.password.errors.append(_("邮箱或密码不正确。"))
    return render_template("auth/login.html", form=form)


@bp.post("/logout")
@login_required
def logout():
    """Sign out (POST only, with a CSRF token)."""
    if not PostForm().validate_on_submit():
        abort(400)
    logout_user()
    flash(_("您已退出登录。"), "info")
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
    """Set a new password with a valid, unexpired, unused token."""
    user = accounts.user_for_reset_token(token)
    if user is None:
        flash(_("重设链接无效或已过期，请重新申请。"), "error")
        return redirect(url_for("auth.request_reset"))
    form = ResetPasswordForm()
    if form.validate_on_submit():
        accounts.reset_password(user, form.password.data)
        flash(_("密码已重设，请用新密码登录。"), "success")
        return redirect(url_for("auth.login"))
    return render_template("auth/reset_password.html", form=form)
