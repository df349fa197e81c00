"""Every field of the station record, the hours grid and the staff form, with bad values."""
from datetime import time, timedelta

import pytest
from sqlalchemy import func, select

from portal.kernel import db
from portal.kernel.clock import today
from portal.stations.models import Station

GOOD = {
    "name_zh": "示例人才工作服务站", "name_en": "Example Station", "station_type": "county",
    "host_organisation": "示例区人社局", "division_code": "210902", "address": "阜新市海州区示例路 1 号",
    "area_served": "海州区", "contact_person": "示例联系人", "office_phone": "0418-1000001",
    "services": ["policy", "housing"], "opened_on": "2021-06-18", "latitude": "42.01", "longitude": "121.67",
    "published": "y",
}


@pytest.fixture
def hr_client(client, auth, make_user):
    auth.login(make_user("hr"))
    return client


def _count() -> int:
    return db.session.scalar(select(func.count()).select_from(Station))


def test_a_good_record_is_created_with_normalised_values(hr_client):
    response = hr_client.post("/stations/manage/new", data={**GOOD, "office_phone": "(0418) 1000001"})
    assert response.status_code == 302
    station = db.session.scalars(select(Station)).one()
    assert station.office_phone == "0418-1000001"
    assert station.services == ["policy", "housing"]
    assert (station.latitude, station.longitude, station.published) == (42.01, 121.67, True)
    assert station.opened_on.isoformat() == "2021-06-18"


def test_an_offsite_station_may_lie_outside_fuxin_and_has_no_division(hr_client):
    data = {**GOOD, "station_type": "offsite", "division_code": "", "latitude": "22.54", "longitude": "114.06",
            "office_phone": "0755-10000109"}
    assert hr_client.post("/stations/manage/new", data=data).status_code == 302
    station = db.session.scalars(select(Station)).one()
    assert station.division_code is None and station.latitude == 22.54


BAD = [
    ("name_zh", "", "请填写服务站名称。"),
    ("name_zh", "站" * 101, "名称不能超过 100 个字。"),
    ("name_en", "x" * 201, "英文名称不能超过 200 个字符。"),
    ("station_type", "", "请选择服务站类型。"),
    ("station_type", "embassy", "请选择列表中的服务站类型。"),
    ("host_organisation", "", "请填写依托单位。"),
    ("host_organisation", "单" * 201, "依托单位不能超过 200 个字。"),
    ("division_code", "", "请选择所在县区。"),
    ("division_code", "110101", "请选择列表中的县区。"),
    ("address", "", "请填写地址。"),
    ("address", "路" * 301, "地址不能超过 300 个字。"),
    ("area_served", "区" * 1001, "服务范围不能超过 1000 个字。"),
    ("contact_person", "", "请填写联系人。"),
    ("contact_person", "名" * 51, "联系人不能超过 50 个字。"),
    ("office_phone", "", "请填写办公电话。"),
    ("office_phone", "1234567", "请填写带区号的固定电话"),
    ("office_phone", "0418-12345", "请填写带区号的固定电话"),
    ("office_phone", "12812345678", "请填写带区号的固定电话"),
    ("services", ["policy", "teleportation"], "请只选择列表中的服务项目。"),
    ("opened_on", "2021-13-40", "请按 年-月-日 填写日期"),
    ("opened_on", "昨天", "请按 年-月-日 填写日期"),
    ("latitude", "", "请填写纬度。"),
    ("latitude", "北纬42度", "纬度应为数字"),
    ("latitude", "nan", "纬度应为数字"),
    ("latitude", "41.5", "纬度超出阜新市范围"),
    ("latitude", "22.54", "纬度超出阜新市范围"),
    ("longitude", "", "请填写经度。"),
    ("longitude", "121,67", "经度应为数字"),
    ("longitude", "inf", "经度应为数字"),
    ("longitude", "123.5", "经度超出阜新市范围"),
    ("longitude", "114.06", "经度超出阜新市范围"),
]


@pytest.mark.parametrize("name, value, message", BAD, ids=[f"{n}={str(v)[:12]}" for n, v, _m in BAD])
def test_each_bad_value_is_refused_with_a_clear_message_and_nothing_typed_is_lost(hr_client, name, value, message):
    data = {**GOOD, name: value}
    response = hr_client.post("/stations/manage/new", data=data)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert message in html
    assert _count() == 0
    kept = [v for k, v in GOOD.items() if k != name and k not in ("services", "published", "station_type",
                                                                   "division_code")]
    assert all(value in html for value in kept)  # everything else typed is still on the page


def test_a_future_opening_date_is_refused(hr_client):
    tomorrow = (today() + timedelta(days=1)).isoformat()
    response = hr_client.post("/stations/manage/new", data={**GOOD, "opened_on": tomorrow})
    assert "设立日期不能晚于今天。" in response.get_data(as_text=True) and _count() == 0


def test_an_offsite_station_must_not_name_a_fuxin_division(hr_client):
    data = {**GOOD, "station_type": "offsite", "division_code": "210902"}
    response = hr_client.post("/stations/manage/new", data=data)
    assert "驻外站不属于阜新的县区" in response.get_data(as_text=True) and _count() == 0


def test_an_offsite_station_must_still_be_in_china(hr_client):
    data = {**GOOD, "station_type": "offsite", "division_code": "", "latitude": "59.9", "longitude": "10.75"}
    html = hr_client.post("/stations/manage/new", data=data).get_data(as_text=True)
    assert "纬度超出中国境内" in html and "经度超出中国境内" in html and _count() == 0


def _hours(**cells) -> dict:
    """Form data for the hours grid: cells like d0_open1="08:30"."""
    data = {}
    for day in range(7):
        for slot in ("open1", "close1", "open2", "close2"):
            data[f"days-{day}-{slot}"] = cells.get(f"d{day}_{slot}", "")
    return data


@pytest.fixture
def station(make_station):
    return make_station()


def test_good_hours_replace_the_old_ones(hr_client, station):
    data = _hours(d0_open1="08:30", d0_close1="11:30", d0_open2="13:30", d0_close2="17:00",
                  d5_open1="9:00", d5_close1="12:00")
    assert hr_client.post(f"/stations/manage/{station.id}/hours", data=data).status_code == 302
    db.session.refresh(station)
    assert [(h.weekday, h.opens, h.closes) for h in station.hours] == [
        (0, time(8, 30), time(11, 30)), (0, time(13, 30), time(17, 0)), (5, time(9, 0), time(12, 0))]


@pytest.mark.parametrize("cells, message", [
    ({"d1_open1": "08:30"}, "开门和关门时间要成对填写。"),
    ({"d1_close2": "17:00"}, "开门和关门时间要成对填写。"),
    ({"d1_open1": "8点半", "d1_close1": "17:00"}, "请按 时:分 填写时间"),
    ({"d1_open1": "25:00", "d1_close1": "26:00"}, "请按 时:分 填写时间"),
    ({"d1_open1": "17:00", "d1_close1": "08:30"}, "关门时间必须晚于开门时间。"),
    ({"d1_open1": "09:00", "d1_close1": "09:00"}, "关门时间必须晚于开门时间。"),
    ({"d1_open1": "08:30", "d1_close1": "12:00", "d1_open2": "11:00", "d1_close2": "17:00"}, "不能重叠"),
    ({"d1_open1": "13:00", "d1_close1": "17:00", "d1_open2": "08:00", "d1_close2": "13:00"}, "不能重叠"),
])
def test_hours_that_make_no_sense_are_refused_and_kept_on_the_page(hr_client, station, cells, message):
    before = [(h.weekday, h.opens, h.closes) for h in station.hours]
    response = hr_client.post(f"/stations/manage/{station.id}/hours", data=_hours(**cells))
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and message in html
    for value in cells.values():
        assert f'value="{value}"' in html
    db.session.refresh(station)
    assert [(h.weekday, h.opens, h.closes) for h in station.hours] == before


def test_an_invalid_weekday_cannot_be_stored(hr_client, station, make_user):
    from portal.kernel.china.opening_hours import InvalidHours
    from portal.stations import records as station_records

    with pytest.raises(InvalidHours):
        station_records.replace_hours(make_user("admin"), station, [(7, time(9), time(10))])
    db.session.refresh(station)
    assert len(station.hours) == 5


@pytest.mark.parametrize("data, message", [
    ({"staff_role": "", "name": "张三"}, "请选择人员类别。"),
    ({"staff_role": "president", "name": "张三"}, "请选择列表中的人员类别。"),
    ({"staff_role": "head", "name": ""}, "请填写姓名。"),
    ({"staff_role": "head", "name": "张" * 51}, "姓名不能超过 50 个字。"),
    ({"staff_role": "ambassador", "name": "张三", "position": "职" * 201}, "单位及职务不能超过 200 个字。"),
])
def test_bad_staff_entries_are_refused(hr_client, station, data, message):
    response = hr_client.post(f"/stations/manage/{station.id}/staff", data=data)
    assert response.status_code == 200 and message in response.get_data(as_text=True)
    db.session.refresh(station)
    assert station.staff == []
