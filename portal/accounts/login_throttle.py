"""Sign-in rate limiting, kept in the database so every worker process sees the same counts."""
from __future__ import annotations

from datetime import timedelta

from flask import current_app
from sqlalchemy import delete, func, select

from portal.accounts.models import LoginAttempt
from portal.kernel import db
from portal.kernel.clock import utcnow


def _failures_since(column, value: str, since) -> int:
    query = select(func.count()).where(
        column == value, LoginAttempt.succeeded.is_(False), LoginAttempt.created_at >= since
    )
    return db.session.scalar(query) or 0


def is_locked(email: str, ip_address: str) -> bool:
    """True when the email or the address has too many recent failed attempts."""
    config = current_app.config
    since = utcnow() - timedelta(seconds=config["LOGIN_WINDOW_SECONDS"])
    return (
        _failures_since(LoginAttempt.email, email, since) >= config["LOGIN_MAX_FAILURES"]
        or _failures_since(LoginAttempt.ip_address, ip_address, since) >= config["LOGIN_MAX_FAILURES_PER_IP"]
    )


def record_attempt(email: str, ip_address: str, succeeded: bool) -> None:
    """Log one attempt; a success clears that email's earlier failures."""
    with db.transaction() as session:
        if succeeded:
            session.execute(delete(LoginAttempt).where(LoginAttempt.email == email))
        session.add(LoginAttempt(email=email, ip_address=ip_address, succeeded=succeeded))
