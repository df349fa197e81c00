"""Changing station records, hours, staff and managers; every change is one audited transaction."""
from __future__ import annotations

from typing import Any, Iterable

from flask_babel import gettext as _

from portal.accounts.models import Role, User
from portal.audit import record as audit
from portal.kernel import db
from portal.kernel.china import opening_hours
from portal.kernel.clock import utcnow
from portal.stations.models import (
    RECORD_FIELDS,
    STAFF_ROLES,
    Station,
    StationHours,
    StationStaff,
)

# A station manager runs their station's page but does not decide what it is, where it belongs,
# or whether the public sees it: HR does.
HR_ONLY_FIELDS = ("station_type", "division_code", "published")


class StationError(ValueError):
    """A business rule refused the change; the message is for the user."""


def editable_fields(actor: User) -> tuple[str, ...]:
    """The record fields `actor` may change."""
    if actor.role == Role.STATION_MANAGER.value:
        return tuple(name for name in RECORD_FIELDS if name not in HR_ONLY_FIELDS)
    return RECORD_FIELDS


def create_station(actor: User, values: dict[str, Any]) -> Station:
    """Create a station from validated form values and audit it."""
    with db.transaction() as session:
        station = Station(**{name: values.get(name) for name in RECORD_FIELDS})
        station.services = list(values.get("services") or [])
        station.published = bool(values.get("published"))
        session.add(station)
        session.flush()
        audit.record(actor, "station.create", "station", station.id, values=station.record_values())
    return station


def update_station(actor: User, station: Station, values: dict[str, Any]) -> dict[str, list]:
    """Apply the validated values `actor` may change; returns and audits {field: [old, new]}."""
    before = station.record_values()
    with db.transaction():
        for name in editable_fields(actor):
            if name in values:
                setattr(station, name, values[name])
        after = station.record_values()
        changed = {name: [before[name], after[name]] for name in after if before[name] != after[name]}
        if changed:
            station.updated_at = utcnow()
            audit.record(actor, "station.update", "station", station.id, changed=changed)
    return changed


def _hours_as_text(periods: Iterable[tuple]) -> list[str]:
    return [f"{day} {opens:%H:%M}-{closes:%H:%M}" for day, opens, closes in periods]


def replace_hours(actor: User, station: Station, periods: Iterable[tuple]) -> None:
    """Replace the weekly hours; raises opening_hours.InvalidHours and changes nothing if they make no sense."""
    ordered = opening_hours.check(periods)
    before = _hours_as_text((h.weekday, h.opens, h.closes) for h in station.hours)
    with db.transaction():
        station.hours.clear()
        db.session.flush()
        station.hours.extend(StationHours(weekday=d, opens=o, closes=c) for d, o, c in ordered)
        station.updated_at = utcnow()
        audit.record(actor, "station.hours", "station", station.id, before=before, after=_hours_as_text(ordered))


def add_staff(actor: User, station: Station, staff_role: str, name: str, position: str | None) -> StationStaff:
    """Add a head, liaison or talent ambassador to the station's staff list."""
    if staff_role not in STAFF_ROLES:
        raise StationError(_("请选择有效的人员类别。"))
    with db.transaction() as session:
        member = StationStaff(station=station, staff_role=staff_role, name=name.strip(),
                              position=(position or "").strip() or None)
        session.add(member)
        session.flush()
        audit.record(actor, "station.staff_add", "station", station.id, staff_id=member.id,
                     staff_role=staff_role, name=member.name)
    return member


def remove_staff(actor: User, station: Station, member: StationStaff) -> None:
    """Remove a member from the station's staff list."""
    if member.station_id != station.id:
        raise StationError(_("该人员不属于本服务站。"))
    with db.transaction() as session:
        audit.record(actor, "station.staff_remove", "station", station.id, staff_id=member.id,
                     staff_role=member.staff_role, name=member.name)
        session.delete(member)


def assign_manager(actor: User, station: Station, user: User) -> None:
    """Make `user` (a station_manager account) the manager of `station`, moving them from any other."""
    if user.role != Role.STATION_MANAGER.value:
        raise StationError(_("只能关联角色为“服务站管理员”的账号。"))
    with db.transaction():
        previous = user.station_id
        user.station_id = station.id
        audit.record(actor, "station.manager_assign", "station", station.id, user_id=user.id,
                     previous_station_id=previous)


def release_manager(actor: User, station: Station, user: User) -> None:
    """Unlink a manager account from the station."""
    if user.station_id != station.id:
        raise StationError(_("该账号不是本服务站的管理员。"))
    with db.transaction():
        user.station_id = None
        audit.record(actor, "station.manager_release", "station", station.id, user_id=user.id)
