"""A talent's application, its uploaded materials, submitted snapshots and state history."""
from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.accounts.models import User
from portal.kernel.clock import utcnow
from portal.kernel.db import Base

# The fields an applicant fills in, step by step; the snapshot copies exactly these.
PERSONAL_FIELDS = ("full_name", "gender", "id_number", "birth_date", "phone", "email", "address")
EDUCATION_FIELDS = ("education_level", "degree", "graduate_school", "major", "professional_title", "title_level")
EMPLOYMENT_FIELDS = ("employer", "position", "category_code", "industry_code", "division_code")
APPLICANT_FIELDS = PERSONAL_FIELDS + EDUCATION_FIELDS + EMPLOYMENT_FIELDS


class Application(Base):
    """One application for recognition. Editable by its owner only in `draft` or `returned`."""

    __tablename__ = "applications"
    __table_args__ = (
        Index("ix_applications_state_updated", "state", "updated_at"),
        Index("ix_applications_division_state", "division_code", "state"),
        # The staff queue sorts by last change. These indexes walk that order and also carry the
        # columns the queue filters on (submission date, state), so rows that fail a filter are
        # skipped inside the index without reading the table.
        Index("ix_applications_updated_queue", "updated_at", "id", "submitted_at", "state"),
        Index("ix_applications_division_queue", "division_code", "updated_at", "id", "submitted_at", "state"),
        Index("ix_applications_category_queue", "category_code", "updated_at", "id", "submitted_at", "state"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str | None] = mapped_column(String(20), unique=True)
    applicant_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    state: Mapped[str] = mapped_column(String(32), default="draft")
    last_step: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime)

    full_name: Mapped[str | None] = mapped_column(String(100))
    gender: Mapped[str | None] = mapped_column(String(10))
    id_number: Mapped[str | None] = mapped_column(String(18), index=True)
    birth_date: Mapped[date | None] = mapped_column(Date)
    phone: Mapped[str | None] = mapped_column(String(20), index=True)
    email: Mapped[str | None] = mapped_column(String(254))
    address: Mapped[str | None] = mapped_column(Text)

    education_level: Mapped[str | None] = mapped_column(String(20))
    degree: Mapped[str | None] = mapped_column(String(20))
    graduate_school: Mapped[str | None] = mapped_column(String(200))
    major: Mapped[str | None] = mapped_column(String(200))
    professional_title: Mapped[str | None] = mapped_column(String(200))
    title_level: Mapped[str | None] = mapped_column(String(20))

    employer: Mapped[str | None] = mapped_column(String(200))
    position: Mapped[str | None] = mapped_column(String(200))
    category_code: Mapped[str | None] = mapped_column(String(8), index=True)
    industry_code: Mapped[str | None] = mapped_column(String(32), index=True)
    division_code: Mapped[str | None] = mapped_column(String(12))
    # The service station that helped the talent apply, if they named one.
    station_id: Mapped[int | None] = mapped_column(ForeignKey("stations.id", ondelete="SET NULL"), index=True)

    privacy_consent_at: Mapped[datetime | None] = mapped_column(DateTime)
    publication_consent: Mapped[bool] = mapped_column(Boolean, default=False)
    publication_consent_at: Mapped[datetime | None] = mapped_column(DateTime)
    # When the applicant withdrew the consent to 公示 (it can be withdrawn in any state).
    publication_consent_withdrawn_at: Mapped[datetime | None] = mapped_column(DateTime)
    # When the personal fields were replaced after the retention period (statistics are kept).
    anonymised_at: Mapped[datetime | None] = mapped_column(DateTime)
    certificate_number: Mapped[str | None] = mapped_column(String(32), unique=True)
    recognised_at: Mapped[datetime | None] = mapped_column(DateTime)

    applicant: Mapped[User] = relationship(lazy="joined")
    materials: Mapped[list[Material]] = relationship(
        back_populates="application", order_by="Material.id", cascade="all, delete-orphan"
    )
    events: Mapped[list[ApplicationEvent]] = relationship(
        back_populates="application", order_by="ApplicationEvent.id"
    )
    snapshots: Mapped[list[ApplicationSnapshot]] = relationship(
        back_populates="application", order_by="ApplicationSnapshot.version"
    )
    publicity_entries: Mapped[list["PublicityEntry"]] = relationship(  # noqa: F821 (portal.publicity.models)
        back_populates="application", order_by="PublicityEntry.id"
    )

    @property
    def active_publicity_entry(self) -> "PublicityEntry | None":  # noqa: F821
        """The entry on a 公示 batch that is still running for this application (not pulled, not decided)."""
        live = [e for e in self.publicity_entries if e.pulled_at is None and e.outcome is None]
        return live[-1] if live else None

    @property
    def current_materials(self) -> list[Material]:
        """Materials not replaced or removed by the applicant."""
        return [m for m in self.materials if m.retired_at is None]

    def applicant_data(self) -> dict[str, Any]:
        """The applicant-entered fields as JSON-safe values."""
        data: dict[str, Any] = {}
        for name in APPLICANT_FIELDS:
            value = getattr(self, name)
            data[name] = value.isoformat() if isinstance(value, date) else value
        return data


class Material(Base):
    """An uploaded evidence file, stored outside any static folder under a random name."""

    __tablename__ = "materials"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"), index=True)
    material_type: Mapped[str] = mapped_column(String(32))
    original_name: Mapped[str] = mapped_column(String(255))
    stored_name: Mapped[str] = mapped_column(String(64), unique=True)
    content_type: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    uploaded_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    # Set instead of deleting once a submitted snapshot refers to the file, so history keeps it.
    retired_at: Mapped[datetime | None] = mapped_column(DateTime)

    application: Mapped[Application] = relationship(back_populates="materials")


class ApplicationSnapshot(Base):
    """What was submitted, frozen at each (re)submission; never changed afterwards."""

    __tablename__ = "application_snapshots"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    application: Mapped[Application] = relationship(back_populates="snapshots")


class ApplicationEvent(Base):
    """An append-only history entry: who moved the application from which state to which, and why."""

    __tablename__ = "application_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"), index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    from_state: Mapped[str | None] = mapped_column(String(32))
    to_state: Mapped[str] = mapped_column(String(32))
    comment: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    application: Mapped[Application] = relationship(back_populates="events")
    actor: Mapped[User | None] = relationship()
