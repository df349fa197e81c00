"""Talent work service stations: the public listing and map, and their management."""
from flask import Blueprint
from flask_babel import lazy_gettext as _l

from portal.applications.forms import provide_station_choices
from portal.kernel.navigation import register_nav_item
from portal.stations.directory import station_choices

bp = Blueprint("stations", __name__, template_folder="templates")

provide_station_choices(station_choices)
register_nav_item("stations.manage_index", _l("服务站管理"), {"hr", "admin", "station_manager"})

from portal.stations import manage_routes, routes  # noqa: E402,F401
