"""公示 batches: the published list, its entries and the written objections against them."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.accounts.models import User
from portal.applications.models import Application
from portal.kernel.clock import today, utcnow
from portal.kernel.db import Base


class PublicityBatch(Base):
    """A 公示 list running from `start_date` to `end_date` (N working days), then closed."""

    __tablename__ = "publicity_batches"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    start_date: Mapped[date] = mapped_column(Date)
    working_days: Mapped[int] = mapped_column(Integer, default=5)
    end_date: Mapped[date] = mapped_column(Date)
    objection_contact: Mapped[str] = mapped_column(Text)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime)

    entries: Mapped[list[PublicityEntry]] = relationship(back_populates="batch", order_by="PublicityEntry.id")

    @property
    def is_over(self) -> bool:
        """True once the end date has passed (China time); only then may the batch be closed."""
        return today() > self.end_date


class PublicityEntry(Base):
    """One application on a batch. The published fields are copied when it is added."""

    __tablename__ = "publicity_entries"
    __table_args__ = (UniqueConstraint("batch_id", "application_id", name="uq_publicity_entries_batch_application"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("publicity_batches.id", ondelete="CASCADE"), index=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"), index=True)
    full_name: Mapped[str] = mapped_column(String(100))
    employer: Mapped[str] = mapped_column(String(200))
    category_code: Mapped[str] = mapped_column(String(8))
    education_level: Mapped[str | None] = mapped_column(String(20))
    professional_title: Mapped[str | None] = mapped_column(String(200))
    pulled_at: Mapped[datetime | None] = mapped_column(DateTime)
    pulled_reason: Mapped[str | None] = mapped_column(Text)
    outcome: Mapped[str | None] = mapped_column(String(16))  # recognised | rejected, set on closing

    batch: Mapped[PublicityBatch] = relationship(back_populates="entries")
    application: Mapped[Application] = relationship(back_populates="publicity_entries")
    objections: Mapped[list[Objection]] = relationship(back_populates="entry", order_by="Objection.id")

    @property
    def has_upheld_objection(self) -> bool:
        """True when any objection against this entry was found to be well founded."""
        return any(o.status == "upheld" for o in self.objections)


class Objection(Base):
    """A written, real-name objection against an entry; staff decide whether it is upheld."""

    __tablename__ = "publicity_objections"

    id: Mapped[int] = mapped_column(primary_key=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("publicity_entries.id", ondelete="CASCADE"), index=True)
    objector_name: Mapped[str] = mapped_column(String(100))
    objector_contact: Mapped[str] = mapped_column(String(200))
    received_on: Mapped[date] = mapped_column(Date)
    content: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), default="pending")  # pending | upheld | dismissed
    resolution: Mapped[str | None] = mapped_column(Text)
    recorded_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    entry: Mapped[PublicityEntry] = relationship(back_populates="objections")
    recorded_by: Mapped[User] = relationship()
