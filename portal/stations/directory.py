"""The public view of stations as plain dicts, shared by the portal and the static-site build.

Only published stations ever leave this module. Nothing here needs a request: give `lang`.
"""
from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from portal.applications.models import Application
from portal.kernel import clock, db
from portal.kernel.china import office_phone, opening_hours
from portal.kernel.reference_data import reference
from portal.stations.models import Station
from portal.stations.rules import STAFF_ROLE_LABELS, TYPE_LABELS

WEEKDAY_NAMES = {
    "zh": ("周一", "周二", "周三", "周四", "周五", "周六", "周日"),
    "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
}


def published_stations(division: str | None = None, station_type: str | None = None,
                       service: str | None = None) -> list[Station]:
    """Published stations matching every filter given, ordered by division then name."""
    # Hours and staff in one query each, not one per station.
    query = select(Station).where(Station.published.is_(True)).options(selectinload(Station.hours),
                                                                       selectinload(Station.staff))
    if division:
        query = query.where(Station.division_code == division)
    if station_type:
        query = query.where(Station.station_type == station_type)
    stations = db.session.scalars(query.order_by(Station.id)).all()
    if service:  # services are a short JSON list, compared here the same way on every database
        stations = [s for s in stations if service in (s.services or [])]
    order = {entry.code: index for index, entry in enumerate(reference("divisions"))}
    return sorted(stations, key=lambda s: (order.get(s.division_code, len(order)), s.id))


def station_dict(station: Station, lang: str = "zh") -> dict[str, Any]:
    """Everything the public may see about a station, as JSON-safe values in `lang`."""
    services = reference("station_services")
    weekdays = WEEKDAY_NAMES["en" if lang == "en" else "zh"]
    return {
        "id": station.id,
        "name": (station.name_en or station.name_zh) if lang == "en" else station.name_zh,
        "name_zh": station.name_zh,
        "name_en": station.name_en,
        "type": station.station_type,
        "type_label": _in(lang, TYPE_LABELS.get(station.station_type, station.station_type)),
        "host_organisation": station.host_organisation,
        "division_code": station.division_code,
        "division_name": reference("divisions").name(station.division_code, lang) if station.division_code else "",
        "address": station.address,
        "area_served": station.area_served or "",
        "contact_person": station.contact_person,
        "office_phone": station.office_phone,
        "tel_uri": office_phone.tel_uri(station.office_phone),
        "services": [{"code": code, "name": services.name(code, lang)} for code in station.services or []],
        "opened_on": station.opened_on.isoformat() if station.opened_on else None,
        "latitude": station.latitude,
        "longitude": station.longitude,
        "hours": [{"weekday": h.weekday, "day": weekdays[h.weekday], "opens": f"{h.opens:%H:%M}",
                   "closes": f"{h.closes:%H:%M}"} for h in station.hours],
        "staff": [{"role": m.staff_role, "role_label": _in(lang, STAFF_ROLE_LABELS.get(m.staff_role, "")),
                   "name": m.name, "position": m.position or ""} for m in station.staff],
    }


def _in(lang: str, label) -> str:
    """A lazy label translated into `lang`, whatever the current request's language is."""
    from flask_babel import force_locale

    with force_locale(lang):
        return str(label)


def public_stations(lang: str = "zh", division: str | None = None, station_type: str | None = None,
                    service: str | None = None) -> list[dict[str, Any]]:
    """Published stations matching the filters, as plain dicts (see station_dict)."""
    return [station_dict(s, lang) for s in published_stations(division, station_type, service)]


def public_station(station_id: int, lang: str = "zh") -> dict[str, Any] | None:
    """One published station as a dict, or None when it does not exist or is not published."""
    station = db.session.get(Station, station_id)
    if station is None or not station.published:
        return None
    return station_dict(station, lang)


def station_choices(lang: str = "zh") -> list[tuple[int, str]]:
    """(id, name in `lang`) of the published stations, for a select."""
    query = select(Station.id, Station.name_zh, Station.name_en).where(Station.published.is_(True))
    rows = db.session.execute(query.order_by(Station.id))
    return [(row.id, (row.name_en or row.name_zh) if lang == "en" else row.name_zh) for row in rows]


def open_status(station: dict[str, Any]) -> opening_hours.OpenStatus:
    """Whether a station (as a dict) is open at this moment in China Standard Time."""
    periods = [(h["weekday"], opening_hours.parse_time(h["opens"]), opening_hours.parse_time(h["closes"]))
               for h in station["hours"]]
    return opening_hours.status_at(periods, clock.china_now())


def assisted_applications(station: Station) -> list[dict[str, Any]]:
    """Submitted applications that named `station`: reference, name, category and state only.

    Drafts are left out: until a talent submits, the file is theirs alone.
    """
    rows = db.session.execute(
        select(Application.reference, Application.full_name, Application.category_code,
               Application.state)
        .where(Application.station_id == station.id, Application.reference.is_not(None))
        .order_by(Application.submitted_at.desc(), Application.id.desc())
    ).all()
    return [{"reference": r.reference, "full_name": r.full_name, "category_code": r.category_code,
             "state": r.state} for r in rows]
