"""What a station's type and staff roles are called, and where a station may be located."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from portal.stations.models import AMBASSADOR, CAMPUS, COUNTY, HEAD, LIAISON, OFFSITE

TYPE_LABELS = {
    COUNTY: _l("县区站"),
    OFFSITE: _l("驻外站"),
    CAMPUS: _l("高校/园区站"),
}
STAFF_ROLE_LABELS = {
    HEAD: _l("站长"),
    LIAISON: _l("联络员"),
    AMBASSADOR: _l("引才大使"),
}

# (south, north, west, east) in degrees. Fuxin's stations lie inside the first box with a margin;
# an off-site station may be anywhere in mainland China.
FUXIN_BOX = (41.6, 42.9, 121.0, 122.9)
CHINA_BOX = (18.0, 53.6, 73.5, 135.1)


def inside(box: tuple[float, float, float, float], latitude: float, longitude: float) -> bool:
    """True when the point lies in `box` (edges included)."""
    south, north, west, east = box
    return south <= latitude <= north and west <= longitude <= east


def allowed_box(station_type: str) -> tuple[float, float, float, float]:
    """Where a station of `station_type` may be placed."""
    return CHINA_BOX if station_type == OFFSITE else FUXIN_BOX


def location_ok(station_type: str, latitude: float, longitude: float) -> bool:
    """Fuxin stations inside the Fuxin box; off-site stations anywhere in mainland China."""
    return inside(allowed_box(station_type), latitude, longitude)


def needs_division(station_type: str) -> bool:
    """Every station but an off-site one belongs to a Fuxin division; an off-site one to none."""
    return station_type != OFFSITE
