"""The station map: an SVG drawn from a hand-made schematic of Fuxin's divisions, no tiles needed.

Three panels: the whole city, an enlarged city centre, and an inset for off-site stations (such as
Shenzhen). Stations are numbered in the order given; the same numbers label the legend.
"""
from __future__ import annotations

import math
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable

import yaml
from flask import current_app
from markupsafe import escape

from portal.kernel.reference_data import reference
from portal.stations.rules import FUXIN_BOX, inside

WIDTH = 800
PANEL_TOP = 44
LEGEND_ROW = 22
TEXT = {
    "zh": {"title": "阜新市人才工作服务站分布示意图", "urban": "市区放大", "offsite": "驻外站",
           "desc": "示意图，非精确地图。数字对应下方列表中的服务站。", "none": "暂无驻外站"},
    "en": {"title": "Talent service stations in Fuxin (schematic map)", "urban": "City centre",
           "offsite": "Off-site stations", "desc": "Schematic, not to scale. Numbers match the list below.",
           "none": "No off-site stations"},
}


class Panel:
    """A rectangle of the SVG showing a lon/lat box, keeping the aspect of the ground."""

    def __init__(self, box: tuple[float, float, float, float], x: float, y: float, width: float):
        self.south, self.north, self.west, self.east = box
        self.x, self.y = x, y
        self.shrink = math.cos(math.radians((self.south + self.north) / 2))
        self.scale = width / ((self.east - self.west) * self.shrink)
        self.width, self.height = width, (self.north - self.south) * self.scale

    def point(self, lon: float, lat: float) -> tuple[float, float]:
        """SVG coordinates of a lon/lat point."""
        return (round(self.x + (lon - self.west) * self.shrink * self.scale, 1),
                round(self.y + (self.north - lat) * self.scale, 1))

    def polygon(self, points: list[list[float]]) -> str:
        return " ".join(f"{x},{y}" for x, y in (self.point(lon, lat) for lon, lat in points))


@lru_cache(maxsize=4)
def _shapes(folder: str) -> dict[str, Any]:
    return yaml.safe_load((Path(folder) / "station_map.yaml").read_text(encoding="utf-8"))


def _frame(panel: Panel, caption: str, clip_id: str) -> list[str]:
    size = f'x="{panel.x}" y="{panel.y}" width="{round(panel.width, 1)}" height="{round(panel.height, 1)}"'
    return [f'<clipPath id="{clip_id}"><rect {size}/></clipPath>',
            f'<rect {size} fill="#eef4f8" stroke="#8a96a3"/>',
            f'<text x="{panel.x + 6}" y="{panel.y + 16}" font-size="13" fill="#1d2733">{escape(caption)}</text>']


def _label(x: float, y: float, text: str) -> str:
    return (f'<text x="{x}" y="{y}" font-size="11" text-anchor="middle" fill="#5b6775" stroke="#fbfaf4" '
            f'stroke-width="3" paint-order="stroke">{escape(text)}</text>')


def _areas(panel: Panel, shapes: list[dict], lang: str, labelled: bool = True) -> list[str]:
    names = reference("divisions")
    out = []
    for shape in shapes:
        out.append(f'<polygon points="{panel.polygon(shape["points"])}" fill="#fbfaf4" stroke="#6d7a88" '
                   f'stroke-width="1" data-division="{escape(shape["code"])}"/>')
        if labelled:
            name = shape.get("short_en" if lang == "en" else "short_zh") or names.name(shape["code"], lang)
            out.append(_label(*panel.point(*shape["label"]), name))
    return out


def _marker(panel: Panel, number: int, station: dict, href: str | None) -> str:
    x, y = panel.point(station["longitude"], station["latitude"])
    body = (f'<title>{number}. {escape(station["name"])}</title>'
            f'<circle cx="{x}" cy="{y}" r="9" fill="#a3171b" stroke="#fff" stroke-width="1.5"/>'
            f'<text x="{x}" y="{y + 4}" font-size="11" text-anchor="middle" fill="#fff">{number}</text>')
    group = f'<g class="station-marker" data-station="{station["id"]}">{body}</g>'
    return f'<a href="{escape(href)}">{group}</a>' if href else group


def _offsite_box(points: list[tuple[float, float]]) -> tuple[float, float, float, float]:
    lats, lons = [p[1] for p in points], [p[0] for p in points]
    mid_lat, mid_lon = (min(lats) + max(lats)) / 2, (min(lons) + max(lons)) / 2
    half_lat = max((max(lats) - min(lats)) / 2 + 0.15, 0.3)
    half_lon = max((max(lons) - min(lons)) / 2 + 0.2, half_lat * 1.4)
    return (mid_lat - half_lat, mid_lat + half_lat, mid_lon - half_lon, mid_lon + half_lon)


def build_svg(stations: list[dict], lang: str = "zh", link: Callable[[dict], str] | None = None) -> str:
    """The map as a standalone SVG document string.

    `stations` are dicts from portal.stations.directory (only published ones should be
    given); `link(station)` gives each marker's href, or markers are not links.
    """
    text = TEXT["en" if lang == "en" else "zh"]
    shapes = _shapes(current_app.config["REFERENCE_DATA_DIR"])
    main = Panel(tuple(shapes["main_box"]), 10, PANEL_TOP, 480)
    urban = Panel(tuple(shapes["urban_box"]), 505, PANEL_TOP, 285)
    offsite_top = PANEL_TOP + urban.height + 14
    body = [f'<text x="10" y="26" font-size="17" font-weight="bold" fill="#1d2733">{escape(text["title"])}</text>']
    body += _frame(main, "", "clip-main") + _areas(main, shapes["main"], lang)
    body += _areas(main, shapes["urban"], lang, labelled=False)
    ux, uy = main.point(urban.west, urban.north)
    ux2, uy2 = main.point(urban.east, urban.south)
    body.append(f'<rect x="{ux}" y="{uy}" width="{round(ux2 - ux, 1)}" height="{round(uy2 - uy, 1)}" '
                f'fill="none" stroke="#a3171b" stroke-dasharray="4 2"/>')
    body += _frame(urban, text["urban"], "clip-urban") + _areas(urban, shapes["urban"], lang)

    local = [(n, s) for n, s in enumerate(stations, 1) if inside(FUXIN_BOX, s["latitude"], s["longitude"])]
    away = [(n, s) for n, s in enumerate(stations, 1) if (n, s) not in local]
    for number, station in local:
        panel = urban if inside(tuple(shapes["urban_box"]), station["latitude"], station["longitude"]) else main
        body.append(_marker(panel, number, station, link(station) if link else None))
    offsite_elements, offsite_bottom = _offsite_panel(shapes, away, offsite_top, text, lang, link)
    body += offsite_elements
    legend_top = max(PANEL_TOP + main.height, offsite_bottom) + 24
    body += _legend(stations, legend_top)
    height = legend_top + LEGEND_ROW * math.ceil(len(stations) / 2) + 10
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {round(height)}" role="img" '
            f'aria-labelledby="station-map-title station-map-desc" class="station-map">'
            f'<title id="station-map-title">{escape(text["title"])}</title>'
            f'<desc id="station-map-desc">{escape(text["desc"])}</desc>' + "".join(body) + "</svg>")


def _offsite_panel(shapes: dict, away: list[tuple[int, dict]], top: float, text: dict, lang: str,
                   link: Callable[[dict], str] | None) -> tuple[list[str], float]:
    if not away:
        panel = Panel((0.0, 0.5, 0.0, 1.0), 505, top, 285)
        return _frame(panel, text["offsite"], "clip-offsite") + [
            f'<text x="{panel.x + 12}" y="{panel.y + 40}" font-size="12" fill="#5b6775">{escape(text["none"])}</text>'
        ], panel.y + panel.height
    box = _offsite_box([(s["longitude"], s["latitude"]) for _n, s in away])
    panel = Panel(box, 505, top, 285)
    out = _frame(panel, text["offsite"], "clip-offsite")
    for outline in shapes.get("offsite", []):
        if any(inside(box, lat, lon) for lon, lat in outline["points"]):
            out.append(f'<polygon points="{panel.polygon(outline["points"])}" fill="#fbfaf4" stroke="#6d7a88" '
                       f'clip-path="url(#clip-offsite)"/>')
            out.append(_label(*panel.point(*outline["label"]), outline["name_en" if lang == "en" else "name_zh"]))
    out += [_marker(panel, number, station, link(station) if link else None) for number, station in away]
    return out, panel.y + panel.height


def _legend(stations: list[dict], top: float) -> list[str]:
    out = []
    for index, station in enumerate(stations):
        x = 10 + (index % 2) * 395
        y = top + (index // 2) * LEGEND_ROW
        out.append(f'<text x="{x}" y="{y}" font-size="12" fill="#1d2733">{index + 1}. {escape(station["name"])}</text>')
    return out
