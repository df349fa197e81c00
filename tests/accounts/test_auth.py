"""Registration, sign-in, rate limiting, CSRF, password reset and the create-user command."""
import re

import pytest

from portal.accounts.models import LoginAttempt, User
from tests.conftest import PASSWORD, csrf_token_from


def test_register_creates_an_applicant_with_a_hashed_password(client, auth, app, outbox):
    response = client.post("/register", data={
        "email": "New.Talent@Example.com", "phone": "+86 138 0000 1234",
        "password": "abcd1234", "confirm": "abcd1234"})
    assert response.status_code == 200 and "若该邮箱可以注册" in response.get_data(as_text=True)
    assert client.get("/apply/").status_code == 302  # registering does not sign in: the answer is uniform
    from portal.kernel import db
    user = db.session.query(User).filter_by(email="new.talent@example.com").one()
    assert user.role == "applicant" and user.phone == "13800001234"
    assert user.password_hash.startswith("scrypt:") and "abcd1234" not in user.password_hash
    [welcome] = outbox()
    assert welcome["To"] == "new.talent@example.com" and "/login" in welcome.get_content()
    assert auth.login("new.talent@example.com", "abcd1234").location.endswith("/apply/")


@pytest.mark.parametrize("data, message", [
    ({"email": "bad", "phone": "13800001234", "password": "abcd1234", "confirm": "abcd1234"}, "电子邮箱格式不正确"),
    ({"email": "a@b.test", "phone": "12345", "password": "abcd1234", "confirm": "abcd1234"}, "有效的 11 位手机号码"),
    ({"email": "a@b.test", "phone": "13800001234", "password": "short1", "confirm": "short1"}, "密码至少 8 位"),
    ({"email": "a@b.test", "phone": "13800001234", "password": "abcd1234", "confirm": "abcd9999"}, "两次输入的密码不一致"),
])
def test_register_errors_keep_what_was_typed(client, data, message):
    response = client.post("/register", data=data)
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and message in page
    assert f'value="{data["email"]}"' in page  # the email typed is still there


def test_register_with_a_taken_email_answers_as_for_a_new_one_and_tells_the_owner(client, make_user, outbox):
    owner = make_user(email="taken@example.com")
    form = {"phone": "13800001234", "password": "abcd1234", "confirm": "abcd1234"}
    taken = client.post("/register", data={"email": "TAKEN@example.com", **form})
    fresh = client.post("/register", data={"email": "fresh@example.com", **form})
    assert taken.status_code == fresh.status_code == 200
    assert taken.get_data(as_text=True) == fresh.get_data(as_text=True)
    assert "该邮箱已注册" not in taken.get_data(as_text=True)
    warning, welcome = outbox()
    assert warning["To"] == owner.email and "已有账号" in warning.get_content()
    assert welcome["To"] == "fresh@example.com"
    assert owner.check_password(PASSWORD)  # the owner's account is untouched


def test_login_and_logout(client, auth, make_user):
    user = make_user()
    response = auth.login(user)
    assert response.status_code == 302 and response.location.endswith("/apply/")
    assert client.get("/apply/").status_code == 200
    auth.logout()
    assert client.get("/apply/").status_code == 302


def test_wrong_password_is_refused_with_a_message(client, auth, make_user):
    user = make_user()
    response = auth.login(user, "wrong-password1")
    assert response.status_code == 200 and "邮箱或密码不正确" in response.get_data(as_text=True)


def test_login_next_parameter_cannot_leave_the_site(client, make_user):
    user = make_user()
    response = client.post("/login?next=https://evil.example/", data={"email": user.email, "password": PASSWORD})
    assert response.location.endswith("/apply/")


def test_login_is_rate_limited_after_repeated_failures(client, auth, make_user, app):
    user = make_user()
    limit = app.config["LOGIN_MAX_FAILURES"]
    for _ in range(limit):
        assert auth.login(user, "wrong-password1").status_code == 200
    locked = auth.login(user, PASSWORD)  # even the right password is refused while locked
    assert locked.status_code == 429
    assert "登录失败次数过多" in locked.get_data(as_text=True)
    assert client.get("/apply/").status_code == 302  # still signed out


def test_rate_limit_window_expires(client, auth, make_user, app):
    from datetime import timedelta

    from portal.kernel import clock, db
    user = make_user()
    for _ in range(app.config["LOGIN_MAX_FAILURES"]):
        auth.login(user, "wrong-password1")
    later = clock.utcnow() + timedelta(seconds=app.config["LOGIN_WINDOW_SECONDS"] + 1)
    clock.freeze(later)
    try:
        assert auth.login(user).status_code == 302
    finally:
        clock.freeze(None)
    assert db.session.query(LoginAttempt).filter_by(email=user.email, succeeded=False).count() == 0


@pytest.mark.csrf
def test_forms_without_a_csrf_token_are_rejected(client, make_user):
    user = make_user()
    response = client.post("/login", data={"email": user.email, "password": PASSWORD})
    assert response.status_code == 400
    assert "安全令牌" in response.get_data(as_text=True)
    assert client.get("/apply/").status_code == 302  # not signed in


@pytest.mark.csrf
def test_forms_with_the_csrf_token_are_accepted(client, make_user):
    user = make_user()
    token = csrf_token_from(client.get("/login").get_data(as_text=True))
    response = client.post("/login", data={"email": user.email, "password": PASSWORD, "csrf_token": token})
    assert response.status_code == 302


def _reset_link(message) -> str:
    match = re.search(r"https?://[^\s]+/reset/[^\s]+", message.get_content())
    assert match
    return match.group(0).split("localhost", 1)[-1]


def test_password_reset_flow(client, auth, make_user, outbox):
    user = make_user()
    response = client.post("/reset", data={"email": user.email})
    assert response.status_code == 302
    [message] = outbox()
    assert message["To"] == user.email
    link = _reset_link(message)
    assert client.post(link, data={"password": "newpass123", "confirm": "newpass123"}).status_code == 302
    assert auth.login(user, PASSWORD).status_code == 200          # the old password no longer works
    assert auth.login(user, "newpass123").status_code == 302
    auth.logout()
    reused = client.get(link)                                     # a used token is dead
    assert reused.status_code == 302 and reused.location.endswith("/reset")


def test_reset_for_unknown_email_sends_nothing_and_says_the_same(client, outbox):
    response = client.post("/reset", data={"email": "nobody@example.com"}, follow_redirects=True)
    assert "如果该邮箱已注册" in response.get_data(as_text=True)
    assert outbox() == []


def test_expired_or_forged_reset_tokens_are_refused(client, make_user, app):
    from portal.accounts import users as accounts

    user = make_user()
    token = accounts.make_reset_token(user)
    app.config["PASSWORD_RESET_MAX_AGE"] = -1
    assert client.get(f"/reset/{token}").status_code == 302
    app.config["PASSWORD_RESET_MAX_AGE"] = 3600
    assert client.get(f"/reset/{token}x").status_code == 302
    assert client.get(f"/reset/{token}").status_code == 200


def test_session_cookie_flags(client, make_user, app):
    user = make_user()
    response = client.post("/login", data={"email": user.email, "password": PASSWORD})
    cookie = response.headers.get("Set-Cookie", "")
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert app.config["SESSION_COOKIE_HTTPONLY"] is True


def test_create_user_command_reads_password_from_stdin(runner, app):
    from portal.accounts.users import find_by_email

    result = runner.invoke(args=["create-user", "--email", "hr@example.com", "--role", "hr", "--division", "210902"],
                           input="piped-pass1\n")
    assert result.exit_code == 0, result.output
    user = find_by_email("hr@example.com")
    assert user.role == "hr" and user.division_code == "210902" and user.check_password("piped-pass1")


def test_create_user_command_rejects_unknown_division(runner):
    result = runner.invoke(args=["create-user", "--email", "x@example.com", "--role", "hr", "--division", "999999"],
                           input="piped-pass1\n")
    assert result.exit_code != 0 and "unknown division" in result.output
