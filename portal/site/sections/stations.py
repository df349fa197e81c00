"""Talent service stations: the list with the schematic map, one page per station, map.svg.

The data comes from ``portal.stations.directory`` (published stations only). Opening
hours are shown as a table; "open now" is left out, as a static page cannot know the time.
"""
from __future__ import annotations

from collections.abc import Iterator

from flask import Response, abort, render_template
from flask_babel import lazy_gettext as _l
from markupsafe import Markup

from portal.site import bp
from portal.site.head import Head
from portal.site.langs import LANGS, lang_route
from portal.site.outputs import Output, digest
from portal.site.source import SiteSource, current_source
from portal.site.urls import site_url
from portal.stations.directory import public_stations
from portal.stations.svg_map import build_svg

NAME = "stations"
NAV = (("site.stations", _l("服务站")),)
WEEKDAYS = {"zh": ("周一", "周二", "周三", "周四", "周五", "周六", "周日"),
            "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")}


def load() -> dict[str, list[dict]]:
    """Every published station as the public sees it, in each language."""
    return {lang: public_stations(lang) for lang in LANGS}


def _stations(lang: str) -> list[dict]:
    return current_source().section_data(NAME, {}).get(lang, [])


def _map(stations: list[dict], lang: str) -> Markup:
    svg = build_svg(stations, lang, link=lambda s: site_url("site.station", lang=lang, station_id=s["id"]))
    return Markup(svg)  # built by station_map from escaped station fields


def stations(lang: str):
    """Every published station, with the map."""
    found = _stations(lang)
    head = Head(str(NAV[0][1]), str(_l("各县区及驻外人才工作服务站提供政策咨询、申报帮办等服务。")),
                alternates={other: {} for other in LANGS})
    return render_template("site/stations/list.html", head=head, stations=found, svg=_map(found, lang))


def station(lang: str, station_id: int):
    """One station: address, phone, hours, services and staff."""
    found = next((s for s in _stations(lang) if s["id"] == station_id), None) or abort(404)
    head = Head(found["name"], f"{found['type_label']} · {found['address']}",
                alternates={other: {} for other in LANGS})
    return render_template("site/stations/detail.html", head=head, station=found, svg=_map([found], lang),
                           weekday_names=WEEKDAYS[lang])


def map_svg(lang: str):
    """The station map as a standalone SVG file."""
    return Response(str(_map(_stations(lang), lang)), mimetype="image/svg+xml")


lang_route(bp, "/stations/", "stations", stations)
lang_route(bp, "/stations/<int:station_id>/", "station", station)
lang_route(bp, "/stations/map.svg", "stations_map", map_svg)


def outputs(source: SiteSource) -> Iterator[Output]:
    """The list, the map and one page per station, in each language."""
    data = source.section_data(NAME, {})
    for lang in LANGS:
        found = data.get(lang, [])
        every = {f"rows:stations:{lang}": digest(found)}
        both = {other: {"lang": other} for other in LANGS}
        yield Output("site.stations", {"lang": lang}, every, "site/stations/list.html", alternates=both)
        yield Output("site.stations_map", {"lang": lang}, every, sitemap=False)
        for item in found:
            key = f"row:station:{item['id']}:{lang}"
            yield Output("site.station", {"lang": lang, "station_id": item["id"]}, {key: digest(item)},
                         "site/stations/detail.html", primary=(key,),
                         alternates={o: {"lang": o, "station_id": item["id"]} for o in LANGS})
