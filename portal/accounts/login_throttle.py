"""Sign-in throttling with growing delays, per account and per client address.

Kept in the database so every worker process sees the same counts. Nothing is locked for good:
past a threshold each further try must wait 2**(n - threshold) seconds after the last failure,
capped, so a stranger's wrong guesses slow an account down but cannot shut its owner out for long.
"""
from __future__ import annotations

from datetime import timedelta

from flask import current_app
from sqlalchemy import delete, func, select

from portal.accounts.models import LoginAttempt
from portal.kernel import db
from portal.kernel.clock import utcnow


def _failures(column, value: str) -> tuple[int, object]:
    """How many failures `column == value` had inside the window, and when the last one was."""
    since = utcnow() - timedelta(seconds=current_app.config["LOGIN_WINDOW_SECONDS"])
    query = select(func.count(), func.max(LoginAttempt.created_at)).where(
        column == value, LoginAttempt.succeeded.is_(False), LoginAttempt.created_at >= since)
    count, last = db.session.execute(query).one()
    return count or 0, last


def _delay(failures: int, threshold: int) -> int:
    if failures < threshold:
        return 0
    return min(2 ** (failures - threshold), current_app.config["LOGIN_MAX_DELAY_SECONDS"])


def wait_seconds(email: str, ip_address: str) -> int:
    """Seconds until this email may be tried again from this address (0: now)."""
    config = current_app.config
    waits = [0]
    for column, value, threshold in ((LoginAttempt.email, email, config["LOGIN_MAX_FAILURES"]),
                                     (LoginAttempt.ip_address, ip_address, config["LOGIN_MAX_FAILURES_PER_IP"])):
        count, last = _failures(column, value)
        if count >= threshold:
            ready = last + timedelta(seconds=_delay(count, threshold))
            waits.append(max(0, int((ready - utcnow()).total_seconds() + 0.999)))
    return max(waits)


def record_attempt(email: str, ip_address: str, succeeded: bool) -> None:
    """Log one attempt; a success clears that email's earlier failures."""
    with db.transaction() as session:
        if succeeded:
            session.execute(delete(LoginAttempt).where(LoginAttempt.email == email))
        session.add(LoginAttempt(email=email, ip_address=ip_address, succeeded=succeeded))


def clear_account(email: str) -> None:
    """Forget the failures of one email (after its owner proved who they are by a reset)."""
    with db.transaction() as session:
        session.execute(delete(LoginAttempt).where(LoginAttempt.email == email.strip().lower()))
