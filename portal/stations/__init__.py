"""Talent work service stations: the public listing and map, and their management."""
from flask import Blueprint
from flask_babel import lazy_gettext as _l

from portal.kernel.navigation import register_nav_item

bp = Blueprint("stations", __name__, template_folder="templates")

register_nav_item("stations.manage_index", _l("服务站管理"), {"hr", "admin", "station_manager"})

from portal.stations import manage_routes, routes  # noqa: E402,F401
