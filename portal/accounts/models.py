"""Accounts, roles and the login-attempt log used for rate limiting."""
from __future__ import annotations

import enum
from datetime import datetime

from flask import current_app, has_app_context
from flask_login import UserMixin
from sqlalchemy import Boolean, DateTime, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column
from werkzeug.security import check_password_hash, generate_password_hash

from portal.kernel.clock import utcnow
from portal.kernel.db import Base


class Role(str, enum.Enum):
    """What a user may do; stored as its value."""

    APPLICANT = "applicant"
    HR = "hr"
    EXPERT = "expert"
    STATION_MANAGER = "station_manager"
    ADMIN = "admin"


STAFF_ROLES = frozenset({Role.HR.value, Role.ADMIN.value})


class User(UserMixin, Base):
    """A person who can sign in. HR users with a division_code are division-level staff."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    phone: Mapped[str | None] = mapped_column(String(20))
    full_name: Mapped[str | None] = mapped_column(String(100))
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(20), default=Role.APPLICANT.value)
    division_code: Mapped[str | None] = mapped_column(String(12))
    # The station a station_manager manages (None for every other role).
    station_id: Mapped[int | None] = mapped_column(ForeignKey("stations.id", ondelete="SET NULL"), index=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    # Set when the holder closes the account (PIPL art. 47); it cannot sign in from then on.
    closed_at: Mapped[datetime | None] = mapped_column(DateTime)
    # Set when the retention period ended and the personal fields were replaced.
    anonymised_at: Mapped[datetime | None] = mapped_column(DateTime)
    # Part of every session's user id and remember-me token: bumping it ends them all.
    session_version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    # Base32 secret of the authenticator app; None while two-factor sign-in is off.
    totp_secret: Mapped[str | None] = mapped_column(String(64))
    # The last time step whose code was accepted, so a code cannot be used twice.
    totp_last_step: Mapped[int | None] = mapped_column(Integer)

    def get_id(self) -> str:
        """The Flask-Login id: the user id and session version, so a bumped version ends old sessions."""
        return f"{self.id}:{self.session_version}"

    @property
    def totp_enabled(self) -> bool:
        """True when sign-in asks for an authenticator code after the password."""
        return self.totp_secret is not None

    @property
    def may_use_totp(self) -> bool:
        """Staff, experts and station managers may turn on two-factor sign-in; applicants do not."""
        return self.role != Role.APPLICANT.value

    def set_password(self, password: str) -> None:
        """Store a salted scrypt hash of `password`; the password itself is never kept."""
        method = current_app.config.get("PASSWORD_HASH_METHOD", "scrypt") if has_app_context() else "scrypt"
        self.password_hash = generate_password_hash(password, method=method)

    def check_password(self, password: str) -> bool:
        """True when `password` matches the stored hash."""
        return check_password_hash(self.password_hash, password)

    @property
    def is_active(self) -> bool:  # Flask-Login refuses inactive users
        return self.active

    @property
    def is_staff(self) -> bool:
        return self.role in STAFF_ROLES

    def has_role(self, *roles: str) -> bool:
        """True when the user's role is one of `roles`."""
        return self.role in roles


class LoginAttempt(Base):
    """One sign-in attempt; failures inside a window lock the email or address out."""

    __tablename__ = "login_attempts"
    __table_args__ = (
        Index("ix_login_attempts_email_at", "email", "created_at"),
        Index("ix_login_attempts_ip_at", "ip_address", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254))
    ip_address: Mapped[str] = mapped_column(String(64))
    succeeded: Mapped[bool] = mapped_column(Boolean)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
