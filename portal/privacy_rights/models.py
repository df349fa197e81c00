"""A request by an applicant to correct a field of an application that was already submitted."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.accounts.models import User
from portal.kernel.clock import utcnow
from portal.kernel.db import Base

PENDING, ACCEPTED, REFUSED = "pending", "accepted", "refused"
# What an anonymised record is called instead of the person's name (the privacy guard allows it).
PLACEHOLDER_NAME = "已注销用户"


class CorrectionRequest(Base):
    """Who asked to change which field of which application to what, why, and what staff decided."""

    __tablename__ = "correction_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"), index=True)
    requested_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    field: Mapped[str] = mapped_column(String(32))
    requested_value: Mapped[str | None] = mapped_column(Text)
    reason: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), default=PENDING)
    handled_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    decision_note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    decided_at: Mapped[datetime | None] = mapped_column(DateTime)

    handled_by: Mapped[User | None] = relationship(foreign_keys=[handled_by_id])
