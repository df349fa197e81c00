"""Public station pages: the filterable list, one page per station, and the map."""
from __future__ import annotations

from flask import Response, abort, render_template, request, url_for

from portal.stations import bp, directory
from portal.stations.forms import FilterForm
from portal.stations.rules import STAFF_ROLE_LABELS, TYPE_LABELS
from portal.stations.svg_map import build_svg


def _lang() -> str:
    from flask_babel import get_locale

    return "en" if str(get_locale()) == "en" else "zh"


@bp.get("/")
def index():
    """Published stations, filtered by division, type and service from the query string."""
    form = FilterForm(request.args)
    stations = directory.public_stations(_lang(), **form.chosen())
    return render_template("stations/index.html", form=form, stations=stations,
                           filtered=any(form.chosen().values()))


@bp.get("/<int:station_id>")
def detail(station_id: int):
    """One published station with its phone, address, hours and whether it is open now."""
    station = directory.public_station(station_id, _lang())
    if station is None:
        abort(404)
    return render_template("stations/detail.html", station=station, status=directory.open_status(station),
                           svg=build_svg([station], _lang()))


def _map_svg() -> str:
    return build_svg(directory.public_stations(_lang()), _lang(),
                     link=lambda s: url_for("stations.detail", station_id=s["id"]))


@bp.get("/map")
def map_page():
    """Every published station on a schematic map that needs no internet, with a numbered list."""
    return render_template("stations/map.html", svg=_map_svg(), stations=directory.public_stations(_lang()))


@bp.get("/map.svg")
def map_svg():
    """The same map as a standalone SVG file."""
    return Response(_map_svg(), mimetype="image/svg+xml")


@bp.context_processor
def labels():
    """Type and staff-role labels for the station templates."""
    return {"type_labels": TYPE_LABELS, "staff_role_labels": STAFF_ROLE_LABELS}
