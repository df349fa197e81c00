"""One place for "load this station if the current user may manage it" and who sees what."""
from __future__ import annotations

from flask import abort
from flask_login import current_user

from portal.accounts.models import Role
from portal.accounts.staff import is_city_level
from portal.kernel import db
from portal.stations.models import Station


def can_manage(user, station: Station) -> bool:
    """HR and admins manage every station; a station manager only their own."""
    if not user.is_authenticated:
        return False
    if user.role in (Role.HR.value, Role.ADMIN.value):
        return True
    return user.role == Role.STATION_MANAGER.value and user.station_id == station.id


def can_see_assisted(user, station: Station) -> bool:
    """The station's own manager, admins and city-level HR see who the station helped apply."""
    if not user.is_authenticated:
        return False
    if is_city_level(user):
        return True
    return user.role == Role.STATION_MANAGER.value and user.station_id == station.id


def get_manageable_station(station_id: int, *, check=can_manage) -> Station:
    """The station, or 404 when it does not exist and 403 when `check` refuses the current user."""
    station = db.session.get(Station, station_id)
    if station is None:
        abort(404)
    if not check(current_user, station):
        abort(403)
    return station
