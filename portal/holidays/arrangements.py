"""The official holiday arrangement of each year: loaded by admins from a data file or a form,
checked before it is kept, and merged over the reference file for every working-day count."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Iterable

import yaml
from flask_babel import gettext as _
from sqlalchemy import select

from portal.audit import record as audit
from portal.holidays.models import HolidayYear
from portal.kernel import db
from portal.kernel.china.working_days import Calendar, calendar
from portal.kernel.clock import today

EARLIEST_YEAR, LATEST_YEAR = 2000, 2100
MAX_HOLIDAYS, MAX_WORKDAYS = 60, 20  # a year has about 30 days off and a handful of 调休 days
MAX_FILE_BYTES = 64 * 1024  # a year's arrangement is well under 2 KB
WARN_DAYS_BEFORE_NEW_YEAR = 31  # from December on, a missing next year is worth a warning too


class HolidayDataError(ValueError):
    """The arrangement cannot be kept; the message says what to fix, for the user."""


@dataclass(frozen=True)
class YearArrangement:
    """One year's days off (放假) and make-up working weekends (调休上班)."""

    year: int
    holidays: frozenset[date]
    workdays: frozenset[date]


def _parse_day(value: object) -> date:
    if isinstance(value, date):
        return value
    text = str(value).strip()
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise HolidayDataError(_("“%(value)s”不是有效日期，请按 YYYY-MM-DD 填写。", value=text[:40])) from None


def split_days(text: str) -> list[str]:
    """The dates typed in a text box: one per line, or separated by commas, spaces or 、."""
    for separator in (",", "，", "、", ";", "；"):
        text = text.replace(separator, " ")
    return [piece for piece in text.split() if piece]


def check_arrangement(year: int, holidays: Iterable[object], workdays: Iterable[object]) -> YearArrangement:
    """A year's arrangement after every rule is checked; HolidayDataError names the first problem."""
    if not EARLIEST_YEAR <= year <= LATEST_YEAR:
        raise HolidayDataError(_("年份应在 %(low)s 至 %(high)s 之间。", low=EARLIEST_YEAR, high=LATEST_YEAR))
    off = frozenset(_parse_day(value) for value in holidays)
    on = frozenset(_parse_day(value) for value in workdays)
    if not off:
        raise HolidayDataError(_("%(year)s 年至少应有一天法定节假日。", year=year))
    if len(off) > MAX_HOLIDAYS or len(on) > MAX_WORKDAYS:
        raise HolidayDataError(_("放假日最多 %(off)s 天，调休上班日最多 %(on)s 天。", off=MAX_HOLIDAYS, on=MAX_WORKDAYS))
    strays = sorted(day for day in off | on if day.year != year)
    if strays:
        raise HolidayDataError(_("%(day)s 不属于 %(year)s 年。", day=strays[0].isoformat(), year=year))
    both = sorted(off & on)
    if both:
        raise HolidayDataError(_("%(day)s 不能既放假又上班。", day=both[0].isoformat()))
    weekdays = sorted(day for day in on if day.weekday() < 5)
    if weekdays:
        raise HolidayDataError(_("调休上班日应为周六或周日，%(day)s 是工作日。", day=weekdays[0].isoformat()))
    return YearArrangement(year, off, on)


def parse_data_file(raw: bytes) -> list[YearArrangement]:
    """Every year in a YAML data file shaped like portal/data/holidays.yaml (`holidays`, `workdays`)."""
    if len(raw) > MAX_FILE_BYTES:
        raise HolidayDataError(_("文件过大：节假日数据文件不应超过 64 KB。"))
    try:
        # Every scalar read as text, so a date such as 2028-02-30 gets our message, not PyYAML's.
        data = yaml.load(raw.decode("utf-8"), Loader=yaml.BaseLoader)  # noqa: S506 (BaseLoader builds no objects)
    except (UnicodeDecodeError, yaml.YAMLError):
        raise HolidayDataError(_("无法读取该文件：请上传 UTF-8 编码的 YAML 文件。")) from None
    if not isinstance(data, dict) or not isinstance(data.get("holidays"), list):
        raise HolidayDataError(_("文件中应有 holidays 列表，可选 workdays 列表。"))
    workdays = data.get("workdays") or []
    if not isinstance(workdays, list):
        raise HolidayDataError(_("文件中应有 holidays 列表，可选 workdays 列表。"))
    holidays = [_parse_day(value) for value in data["holidays"]]
    on = [_parse_day(value) for value in workdays]
    years = sorted({day.year for day in holidays})
    stray = sorted(day for day in on if day.year not in years)
    if stray:
        raise HolidayDataError(_("%(day)s 所在年份没有列出任何放假日。", day=stray[0].isoformat()))
    return [check_arrangement(year, [d for d in holidays if d.year == year], [d for d in on if d.year == year])
            for year in years]


def load_years(arrangements: list[YearArrangement], actor, source: str) -> list[int]:
    """Keep each arrangement, replacing what was loaded for its year before; one audited transaction."""
    with db.transaction():
        for arrangement in arrangements:
            row = db.session.get(HolidayYear, arrangement.year) or HolidayYear(year=arrangement.year)
            row.holidays = sorted(day.isoformat() for day in arrangement.holidays)
            row.workdays = sorted(day.isoformat() for day in arrangement.workdays)
            row.source = source[:200]
            row.loaded_by_id = getattr(actor, "id", None)
            db.session.add(row)
            audit.record(actor, "holidays.load", "holiday_year", arrangement.year, source=source[:200],
                         holidays=len(arrangement.holidays), workdays=len(arrangement.workdays))
    return [arrangement.year for arrangement in arrangements]


def loaded_years() -> list[HolidayYear]:
    """The years admins loaded, newest first."""
    return list(db.session.scalars(select(HolidayYear).order_by(HolidayYear.year.desc())))


def current_calendar() -> Calendar:
    """The reference file's calendar with every year admins loaded laid over it."""
    arrangements = {row.year: (frozenset(map(date.fromisoformat, row.holidays)),
                               frozenset(map(date.fromisoformat, row.workdays))) for row in loaded_years()}
    return calendar().with_years(arrangements)


def years_to_warn_about(on: date | None = None) -> list[int]:
    """This year, and from December next year too, when the calendar lacks their arrangement."""
    day = on or today()
    horizon = day + timedelta(days=WARN_DAYS_BEFORE_NEW_YEAR)
    return current_calendar().missing_years(day, horizon)


def missing_years_message(years: list[int]) -> str:
    """What an admin reads when working days are counted by weekends alone."""
    return _("%(years)s 年的法定节假日安排尚未导入：这期间的工作日暂时只扣除周末，公示期和办理时限可能偏短。"
             "请管理员在“节假日安排”页面导入国务院办公厅公布的放假和调休安排。",
             years="、".join(str(year) for year in years))
