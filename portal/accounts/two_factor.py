"""Two-factor sign-in with an authenticator app (TOTP, RFC 6238), read against the portal clock."""
from __future__ import annotations

from datetime import timezone

import pyotp
from flask import current_app

from portal.accounts.models import User
from portal.kernel import db
from portal.kernel.clock import utcnow

INTERVAL = 30  # seconds per code, what every authenticator app uses


def new_secret() -> str:
    """A fresh random base32 secret (32 characters, 160 bits)."""
    return pyotp.random_base32()


def provisioning_uri(user: User, secret: str) -> str:
    """The otpauth:// URI an authenticator app reads (typed in or scanned)."""
    return pyotp.TOTP(secret).provisioning_uri(name=user.email, issuer_name=current_app.config["TOTP_ISSUER"])


def _matching_step(secret: str, code: str) -> int | None:
    """The time step whose code is `code`, allowing one step of clock drift either way."""
    code = (code or "").strip().replace(" ", "")
    if not (code.isdigit() and len(code) == 6):
        return None
    totp = pyotp.TOTP(secret)
    now = utcnow().replace(tzinfo=timezone.utc)
    current = totp.timecode(now)
    for step in (current, current - 1, current + 1):
        if pyotp.utils.strings_equal(totp.generate_otp(step), code):
            return step
    return None


def enable(user: User, secret: str, code: str) -> bool:
    """Turn two-factor sign-in on with `secret` if `code` proves the app has it; False if not."""
    step = _matching_step(secret, code)
    if step is None:
        return False
    with db.transaction():
        user.totp_secret = secret
        user.totp_last_step = step
    return True


def verify(user: User, code: str) -> bool:
    """True when `code` is the user's current code and has not been used before."""
    if user.totp_secret is None:
        return False
    step = _matching_step(user.totp_secret, code)
    if step is None or (user.totp_last_step is not None and step <= user.totp_last_step):
        return False
    with db.transaction():
        user.totp_last_step = step
    return True


def required_for(user: User) -> bool:
    """True when the admin setting obliges this user to have two-factor sign-in and it is off."""
    return bool(current_app.config.get("REQUIRE_STAFF_TOTP")) and user.is_staff and not user.totp_enabled
