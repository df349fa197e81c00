"""One row per publish of the public static site: when, why, by whom, and how it went."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from portal.kernel.clock import utcnow
from portal.kernel.db import Base

RUNNING, SUCCEEDED, FAILED = "running", "succeeded", "failed"


class PublishRun(Base):
    """A run of the static-site build, recorded before it starts and completed when it ends.

    ``trigger`` says what asked for it (``command``, ``button``, or a service such as
    ``publicity``); a run left ``running`` was cut short (the published site is then the
    previous one: publishing is atomic).
    """

    __tablename__ = "publish_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    started_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime)
    trigger: Mapped[str] = mapped_column(String(64))
    requested_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    full: Mapped[bool] = mapped_column(default=False)
    status: Mapped[str] = mapped_column(String(16), default=RUNNING)
    written: Mapped[int] = mapped_column(Integer, default=0)
    unchanged: Mapped[int] = mapped_column(Integer, default=0)
    removed: Mapped[int] = mapped_column(Integer, default=0)
    bytes_written: Mapped[int] = mapped_column(Integer, default=0)
    seconds: Mapped[float | None] = mapped_column()
    message: Mapped[str] = mapped_column(Text, default="")
