"""Office phone numbers, opening hours ("open now" across days and hours) and station locations."""
from datetime import datetime, time

import pytest

from portal.kernel.china import office_phone, opening_hours
from portal.kernel.china.opening_hours import InvalidHours, status_at
from portal.stations.rules import location_ok


@pytest.mark.parametrize("raw, expected", [
    ("0418-1234567", "0418-1234567"),
    ("0418-12345678", "0418-12345678"),
    ("(0418)1234567", "0418-1234567"),
    ("（0418）1234567", "0418-1234567"),
    ("0418 1234567", "0418-1234567"),
    ("04181234567", "0418-1234567"),
    ("0755-12345678", "0755-12345678"),
    ("010-12345678", "010-12345678"),
    ("+86 418 1234567", "0418-1234567"),
    ("+86-755-12345678", "0755-12345678"),
    ("13812345678", "13812345678"),
    ("+86 138 1234 5678", "13812345678"),
])
def test_office_phone_accepts_landlines_with_area_codes_and_mobiles(raw, expected):
    assert office_phone.normalise(raw) == expected


@pytest.mark.parametrize("raw", [
    "", "   ", "1234567", "12345678",           # no area code
    "418-1234567",                               # area code without its 0
    "0418-123456", "0418-123456789",             # local part too short or too long
    "0418-0234567",                              # a local number never starts with 0
    "0018-1234567", "00418-1234567",             # not an area code
    "12812345678", "1381234567", "138123456789",  # not a mobile
    "0418-123456a", "电话", "0418—1234567x",
])
def test_office_phone_refuses_everything_else(raw):
    assert office_phone.normalise(raw) is None


def test_tel_uri_is_international():
    assert office_phone.tel_uri("0418-1234567") == "tel:+86-418-1234567"
    assert office_phone.tel_uri("010-12345678") == "tel:+86-10-12345678"
    assert office_phone.tel_uri("13812345678") == "tel:+86-13812345678"


WEEK = [(day, time(8, 30), time(11, 30)) for day in range(5)] + \
       [(day, time(13, 30), time(17, 0)) for day in range(5)] + [(5, time(9, 0), time(12, 0))]


@pytest.mark.parametrize("moment, is_open", [
    (datetime(2026, 11, 23, 8, 29), False),   # Monday, a minute before opening
    (datetime(2026, 11, 23, 8, 30), True),    # opening minute
    (datetime(2026, 11, 23, 11, 29), True),
    (datetime(2026, 11, 23, 11, 30), False),  # closing minute: closed
    (datetime(2026, 11, 23, 12, 15), False),  # lunch break
    (datetime(2026, 11, 23, 13, 30), True),
    (datetime(2026, 11, 27, 16, 59), True),   # Friday afternoon
    (datetime(2026, 11, 28, 10, 0), True),    # Saturday morning
    (datetime(2026, 11, 28, 14, 0), False),   # Saturday afternoon
    (datetime(2026, 11, 29, 10, 0), False),   # Sunday
])
def test_open_now_across_days_and_hours(moment, is_open):
    assert status_at(WEEK, moment).is_open is is_open


def test_open_status_says_until_when_and_when_next():
    assert status_at(WEEK, datetime(2026, 11, 23, 9, 0)).until == time(11, 30)
    lunch = status_at(WEEK, datetime(2026, 11, 23, 12, 0))
    assert (lunch.next_weekday, lunch.next_opens) == (0, time(13, 30))
    saturday_evening = status_at(WEEK, datetime(2026, 11, 28, 18, 0))
    assert (saturday_evening.next_weekday, saturday_evening.next_opens) == (0, time(8, 30))  # over Sunday
    sunday = status_at([(6, time(9, 0), time(10, 0))], datetime(2026, 11, 29, 11, 0))
    assert (sunday.next_weekday, sunday.next_opens) == (6, time(9, 0))  # next week, same day
    assert status_at([], datetime(2026, 11, 23, 9, 0)) == opening_hours.OpenStatus(False)


def test_open_now_uses_china_standard_time(monkeypatch):
    from portal.kernel import clock

    clock.freeze(datetime(2026, 11, 23, 1, 0))  # 09:00 Monday in Beijing, 01:00 UTC
    try:
        assert status_at(WEEK, clock.china_now()).is_open
        clock.freeze(datetime(2026, 11, 23, 9, 0))  # 17:00 in Beijing: just closed
        assert not status_at(WEEK, clock.china_now()).is_open
    finally:
        clock.freeze(None)


@pytest.mark.parametrize("periods, reason", [
    ([(7, time(9), time(10))], "weekday"),
    ([(-1, time(9), time(10))], "weekday"),
    ([(0, time(10), time(9))], "order"),
    ([(0, time(9), time(9))], "order"),
    ([(0, time(9), time(12)), (0, time(11), time(14))], "overlap"),
    ([(0, time(9), time(12)), (0, time(12), time(14))], "overlap"),  # touching periods should be one
    ([(2, time(13), time(17)), (2, time(8), time(13, 30))], "overlap"),  # given out of order
])
def test_hours_that_make_no_sense_are_refused(periods, reason):
    with pytest.raises(InvalidHours) as error:
        opening_hours.check(periods)
    assert error.value.reason == reason


def test_sensible_hours_are_sorted():
    checked = opening_hours.check([(1, time(14), time(17)), (0, time(9), time(12)), (1, time(9), time(12))])
    assert checked == [(0, time(9), time(12)), (1, time(9), time(12)), (1, time(14), time(17))]


@pytest.mark.parametrize("text, expected", [
    ("08:30", time(8, 30)), ("8:30", time(8, 30)), ("17:00:00", time(17, 0)), ("23:59", time(23, 59)),
    ("24:00", None), ("12:60", None), ("8", None), ("8.30", None), ("", None), ("ab:cd", None), ("-1:30", None),
])
def test_parse_time(text, expected):
    assert opening_hours.parse_time(text) == expected


@pytest.mark.parametrize("station_type, lat, lon, ok", [
    ("county", 42.02, 121.67, True),
    ("campus", 41.96, 121.74, True),
    ("county", 22.54, 114.06, False),   # Shenzhen is not in Fuxin
    ("county", 41.59, 121.67, False),
    ("county", 42.91, 121.67, False),
    ("county", 42.0, 120.99, False),
    ("county", 42.0, 122.91, False),
    ("offsite", 22.54, 114.06, True),   # the Shenzhen station
    ("offsite", 42.02, 121.67, True),
    ("offsite", 51.5, -0.12, False),    # London: outside China
    ("offsite", 59.9, 121.0, False),    # north of China
    ("offsite", -22.54, 114.06, False),
])
def test_station_locations(station_type, lat, lon, ok):
    assert location_ok(station_type, lat, lon) is ok
