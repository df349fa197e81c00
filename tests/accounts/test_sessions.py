"""Sessions end server-side (logout, password change, reset), the remember-me token is short and
bound to the session version, throttling slows accounts and addresses down with growing delays,
sign-in does the same work for unknown accounts, and two-factor sign-in works in two steps."""
import re
from datetime import datetime, timedelta, timezone
from email.utils import parsedate_to_datetime

import pyotp
import pytest

from portal.accounts import users as accounts
from portal.accounts.models import LoginAttempt, User
from portal.kernel import clock, db
from tests.conftest import PASSWORD, TEST_NOW


def _reset_link(message) -> str:
    match = re.search(r"https?://[^\s]+/reset/[^\s]+", message.get_content())
    assert match
    return match.group(0).split("localhost", 1)[-1]


def _signed_out(response) -> bool:
    return response.status_code == 302 and "/login" in response.location


def _fresh(user) -> User:
    """The user as the database has it now (requests commit in their own sessions)."""
    db.session.expire_all()
    return db.session.get(User, user.id)


def _client_with_cookie(app, name, value):
    other = app.test_client()
    other.set_cookie(name, value)
    return other


def test_an_old_session_cookie_fails_after_logout(app, client, auth, make_user):
    user = make_user()
    auth.login(user)
    saved = client.get_cookie("session").value
    auth.logout()
    assert _signed_out(_client_with_cookie(app, "session", saved).get("/apply/"))


def test_logout_ends_the_other_sessions_of_the_account(app, make_user):
    user = make_user()
    first, second = app.test_client(), app.test_client()
    for each in (first, second):
        assert each.post("/login", data={"email": user.email, "password": PASSWORD}).status_code == 302
    first.post("/logout")
    assert _signed_out(second.get("/apply/"))


def test_an_old_session_cookie_fails_after_a_reset(app, client, auth, make_user, outbox):
    user = make_user()
    auth.login(user)
    assert client.get("/apply/").status_code == 200
    stranger = app.test_client()
    stranger.post("/reset", data={"email": user.email})
    link = _reset_link(outbox()[-1])
    assert stranger.post(link, data={"password": "newpass123", "confirm": "newpass123"}).status_code == 302
    assert _signed_out(client.get("/apply/"))


def test_a_password_change_keeps_this_session_and_ends_the_others(app, make_user):
    user = make_user()
    here, elsewhere = app.test_client(), app.test_client()
    for each in (here, elsewhere):
        each.post("/login", data={"email": user.email, "password": PASSWORD})
    response = here.post("/account/password", data={"current": PASSWORD, "password": "changed123",
                                                     "confirm": "changed123"})
    assert response.status_code == 302
    assert here.get("/apply/").status_code == 200
    assert _signed_out(elsewhere.get("/apply/"))
    assert _fresh(user).check_password("changed123")


def test_a_password_change_needs_the_current_password(client, auth, make_user):
    user = make_user()
    auth.login(user)
    response = client.post("/account/password", data={"current": "wrong-pass1", "password": "changed123",
                                                       "confirm": "changed123"})
    assert response.status_code == 200 and "当前密码不正确" in response.get_data(as_text=True)
    assert _fresh(user).check_password(PASSWORD)


def test_the_remember_me_cookie_lasts_30_days_at_most_and_dies_with_a_version_bump(app, client, make_user):
    user = make_user()
    response = client.post("/login", data={"email": user.email, "password": PASSWORD, "remember": "y"})
    header = next(value for value in response.headers.getlist("Set-Cookie") if value.startswith("remember_token="))
    expires = parsedate_to_datetime(re.search(r"Expires=([^;]+)", header).group(1))
    # Flask-Login dates the cookie from the real time, not the portal clock.
    assert expires - datetime.now(timezone.utc) <= timedelta(days=30, minutes=1)
    assert app.config["REMEMBER_COOKIE_DURATION"] <= timedelta(days=30)
    token = client.get_cookie("remember_token").value
    assert _client_with_cookie(app, "remember_token", token).get("/apply/").status_code == 200
    accounts.end_sessions(_fresh(user))
    assert _signed_out(_client_with_cookie(app, "remember_token", token).get("/apply/"))


def test_a_locked_out_user_can_sign_in_right_after_a_reset(app, client, auth, make_user, outbox):
    user = make_user()
    with db.transaction() as session:  # a long run of failures: the account waits 15 minutes
        session.add_all(LoginAttempt(email=user.email, ip_address="10.9.9.9", succeeded=False)
                        for _ in range(app.config["LOGIN_MAX_FAILURES"] + 20))
    assert auth.login(user, PASSWORD).status_code == 429
    client.post("/reset", data={"email": user.email})
    client.post(_reset_link(outbox()[-1]), data={"password": "newpass123", "confirm": "newpass123"})
    assert auth.login(user, "newpass123").status_code == 302


def test_account_delays_grow_and_are_capped(app, client, auth, make_user, frozen_clock):
    user = make_user()
    for _ in range(app.config["LOGIN_MAX_FAILURES"]):
        assert auth.login(user, "wrong-password1").status_code == 200
    now = TEST_NOW
    for wait in (1, 2, 4, 8):
        refused = auth.login(user, PASSWORD)
        assert refused.status_code == 429 and f"{wait} 秒" in refused.get_data(as_text=True)
        now += timedelta(seconds=wait)
        frozen_clock(now)
        assert auth.login(user, "wrong-password1").status_code == 200  # tried again once the wait is over
    with db.transaction() as session:
        session.add_all(LoginAttempt(email=user.email, ip_address="10.9.9.9", succeeded=False, created_at=now)
                        for _ in range(20))
    refused = auth.login(user, PASSWORD)
    assert refused.status_code == 429 and "15 分钟" in refused.get_data(as_text=True)
    frozen_clock(now + timedelta(minutes=15))
    assert auth.login(user, PASSWORD).status_code == 302


def test_address_delays_need_more_failures_and_spare_other_addresses(app, make_user, frozen_clock):
    app.config["LOGIN_MAX_FAILURES_PER_IP"] = 8
    user = make_user()
    noisy, quiet = app.test_client(), app.test_client()
    noisy.environ_base["REMOTE_ADDR"], quiet.environ_base["REMOTE_ADDR"] = "203.0.113.7", "198.51.100.2"
    for n in range(8):  # a different account each time: no account reaches its own threshold
        assert noisy.post("/login", data={"email": f"guess{n}@example.com", "password": "x1"}).status_code == 200
    refused = noisy.post("/login", data={"email": user.email, "password": PASSWORD})
    assert refused.status_code == 429 and "1 秒" in refused.get_data(as_text=True)
    assert quiet.post("/login", data={"email": user.email, "password": PASSWORD}).status_code == 302
    frozen_clock(TEST_NOW + timedelta(seconds=1))
    assert noisy.post("/login", data={"email": user.email, "password": PASSWORD}).status_code == 302


def test_sign_in_checks_a_hash_of_the_same_method_for_unknown_accounts(client, auth, make_user, monkeypatch):
    user = make_user()
    checked = []
    real = accounts.check_password_hash
    monkeypatch.setattr(accounts, "check_password_hash", lambda hashed, pw: checked.append(hashed) or real(hashed, pw))
    auth.login(user, "wrong-password1")
    auth.login("nobody@example.com", "wrong-password1")
    assert len(checked) == 2
    known, unknown = (hashed.split("$", 1)[0] for hashed in checked)
    assert known == unknown and known.startswith("scrypt:")


def test_reset_answers_the_same_for_known_and_unknown_addresses(client, make_user, outbox):
    user = make_user()
    known = client.post("/reset", data={"email": user.email}, follow_redirects=True)
    unknown = client.post("/reset", data={"email": "nobody@example.com"}, follow_redirects=True)
    assert known.get_data(as_text=True) == unknown.get_data(as_text=True)
    assert [message["To"] for message in outbox()] == [user.email]


# --- two-factor sign-in -------------------------------------------------------------------------

def _code(secret: str, moment: datetime) -> str:
    return pyotp.TOTP(secret).at(moment.replace(tzinfo=timezone.utc))


def _set_up_totp(client, user) -> str:
    client.post("/login", data={"email": user.email, "password": PASSWORD})
    page = client.get("/account/two-factor").get_data(as_text=True)
    secret = re.search(r'id="totp-secret">([A-Z2-7]+)<', page).group(1)
    assert "otpauth://totp/" in page
    wrong = client.post("/account/two-factor", data={"code": "000000" if _code(secret, clock.utcnow()) != "000000"
                                                      else "111111"})
    assert wrong.status_code == 200 and "验证码不正确" in wrong.get_data(as_text=True)
    assert _fresh(user).totp_secret is None  # not on before a code confirms it
    assert client.post("/account/two-factor", data={"code": _code(secret, clock.utcnow())}).status_code == 302
    return secret


def test_totp_setup_then_sign_in_takes_two_steps(app, client, make_expert, frozen_clock):
    user = make_expert().user
    secret = _set_up_totp(client, user)
    assert _fresh(user).totp_secret == secret
    client.post("/logout")
    later = TEST_NOW + timedelta(seconds=60)
    frozen_clock(later)
    step_one = client.post("/login", data={"email": user.email, "password": PASSWORD})
    assert step_one.status_code == 302 and step_one.location.endswith("/login/code")
    assert _signed_out(client.get("/account/password"))  # the password alone signs nobody in
    wrong = client.post("/login/code", data={"code": _code(secret, later - timedelta(minutes=5))})
    assert wrong.status_code == 200 and "验证码不正确" in wrong.get_data(as_text=True)
    assert client.post("/login/code", data={"code": _code(secret, later)}).status_code == 302
    assert client.get("/account/password").status_code == 200
    client.post("/logout")
    client.post("/login", data={"email": user.email, "password": PASSWORD})
    replay = client.post("/login/code", data={"code": _code(secret, later)})
    assert replay.status_code == 200  # a code works once


def test_the_code_step_expires_and_needs_the_password_step(app, client, make_expert, frozen_clock):
    user = make_expert().user
    secret = _set_up_totp(client, user)
    client.post("/logout")
    assert _signed_out(client.get("/login/code"))
    client.post("/login", data={"email": user.email, "password": PASSWORD})
    late = TEST_NOW + timedelta(seconds=app.config["LOGIN_CODE_MAX_AGE"] + 60)
    frozen_clock(late)
    assert _signed_out(client.post("/login/code", data={"code": _code(secret, late)}))


def test_applicants_cannot_turn_on_two_factor(client, auth, make_user):
    auth.login(make_user())
    assert client.get("/account/two-factor").status_code == 403


@pytest.mark.parametrize("role", ["hr", "admin"])
def test_an_admin_can_require_two_factor_for_staff(app, client, make_user, role, frozen_clock):
    app.config["REQUIRE_STAFF_TOTP"] = True
    user = make_user(role)
    response = client.post("/login", data={"email": user.email, "password": PASSWORD})
    assert response.location.endswith("/account/two-factor")
    blocked = client.get("/review/")
    assert blocked.status_code == 302 and blocked.location.endswith("/account/two-factor")
    _set_up_totp(client, user)
    assert client.get("/account/password").status_code == 200


def test_the_staff_requirement_leaves_applicants_alone(app, client, auth, make_user):
    app.config["REQUIRE_STAFF_TOTP"] = True
    auth.login(make_user())
    assert client.get("/apply/").status_code == 200
