"""A year's official holiday arrangement, loaded by an admin on top of the reference file."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from portal.kernel.clock import utcnow
from portal.kernel.db import Base


class HolidayYear(Base):
    """The 放假 days and 调休 working weekends of one year, as ISO date strings.

    A row replaces whatever `portal/data/holidays.yaml` says about that year, so a year can be
    loaded, or corrected, without a release.
    """

    __tablename__ = "holiday_years"

    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    holidays: Mapped[list] = mapped_column(JSON, default=list)
    workdays: Mapped[list] = mapped_column(JSON, default=list)
    source: Mapped[str] = mapped_column(String(200), default="")
    loaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    loaded_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
