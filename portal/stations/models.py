"""Talent work service stations (人才工作服务站): the record, its weekly hours and its staff."""
from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    Time,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.kernel.clock import utcnow
from portal.kernel.db import Base

COUNTY = "county"      # 县区站
OFFSITE = "offsite"    # 驻外站: may lie outside Fuxin and has no Fuxin division
CAMPUS = "campus"      # 高校/园区站
STATION_TYPES = (COUNTY, OFFSITE, CAMPUS)

HEAD = "head"              # 站长
LIAISON = "liaison"        # 联络员
AMBASSADOR = "ambassador"  # 引才大使
STAFF_ROLES = (HEAD, LIAISON, AMBASSADOR)

# The fields of the station record edited through its form (hours and staff have their own).
RECORD_FIELDS = ("name_zh", "name_en", "station_type", "host_organisation", "division_code", "address",
                 "area_served", "contact_person", "office_phone", "services", "opened_on", "latitude",
                 "longitude", "published")


class Station(Base):
    """One service station. Only published stations are ever shown to the public."""

    __tablename__ = "stations"

    id: Mapped[int] = mapped_column(primary_key=True)
    name_zh: Mapped[str] = mapped_column(String(100))
    name_en: Mapped[str | None] = mapped_column(String(200))
    station_type: Mapped[str] = mapped_column(String(16), index=True)
    host_organisation: Mapped[str] = mapped_column(String(200))
    division_code: Mapped[str | None] = mapped_column(String(12), index=True)
    address: Mapped[str] = mapped_column(String(300))
    area_served: Mapped[str | None] = mapped_column(Text)
    contact_person: Mapped[str] = mapped_column(String(50))
    office_phone: Mapped[str] = mapped_column(String(20))
    services: Mapped[list[str]] = mapped_column(JSON, default=list)
    opened_on: Mapped[date | None] = mapped_column(Date)
    latitude: Mapped[float] = mapped_column(Float)
    longitude: Mapped[float] = mapped_column(Float)
    published: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    hours: Mapped[list[StationHours]] = relationship(
        back_populates="station", order_by="(StationHours.weekday, StationHours.opens)",
        cascade="all, delete-orphan")
    staff: Mapped[list[StationStaff]] = relationship(
        back_populates="station", order_by="StationStaff.id", cascade="all, delete-orphan")

    def record_values(self) -> dict[str, Any]:
        """The editable fields as JSON-safe values (for audit details)."""
        values = {name: getattr(self, name) for name in RECORD_FIELDS}
        if values["opened_on"] is not None:
            values["opened_on"] = values["opened_on"].isoformat()
        return values


class StationHours(Base):
    """One opening period on one weekday (0 = Monday), in China Standard Time."""

    __tablename__ = "station_hours"

    id: Mapped[int] = mapped_column(primary_key=True)
    station_id: Mapped[int] = mapped_column(ForeignKey("stations.id", ondelete="CASCADE"), index=True)
    weekday: Mapped[int] = mapped_column(Integer)
    opens: Mapped[time] = mapped_column(Time)
    closes: Mapped[time] = mapped_column(Time)

    station: Mapped[Station] = relationship(back_populates="hours")


class StationStaff(Base):
    """A named member of a station: head (站长), liaison (联络员) or talent ambassador (引才大使)."""

    __tablename__ = "station_staff"

    id: Mapped[int] = mapped_column(primary_key=True)
    station_id: Mapped[int] = mapped_column(ForeignKey("stations.id", ondelete="CASCADE"), index=True)
    staff_role: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(String(50))
    position: Mapped[str | None] = mapped_column(String(200))

    station: Mapped[Station] = relationship(back_populates="staff")
