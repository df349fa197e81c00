"""What staff attach to an application while reviewing it: correction items and internal notes."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.accounts.models import User
from portal.kernel.clock import utcnow
from portal.kernel.db import Base


class CorrectionItem(Base):
    """One problem listed in a return for correction (一次性告知): a field, a material or free text.

    `event_id` ties the item to the history entry of the return, so every round keeps its own list.
    """

    __tablename__ = "correction_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"), index=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("application_events.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(16))  # field | material | other
    target: Mapped[str | None] = mapped_column(String(64))  # field name or material type code
    step: Mapped[int | None] = mapped_column(Integer)  # the application step where it is fixed
    note: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class InternalNote(Base):
    """A note between staff; never shown to the applicant."""

    __tablename__ = "internal_notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    author: Mapped[User] = relationship(lazy="joined")
