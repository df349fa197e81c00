"""The public listing, detail page and map: filters, tel: links, "open now", and never an unpublished station."""
from datetime import datetime

import pytest

from portal.stations import directory as station_directory
from portal.stations.svg_map import build_svg


@pytest.fixture
def listed(make_station):
    """Stations in two divisions and of every type, plus an unpublished one."""
    return {
        "haizhou": make_station(name_zh="海州测试站", division_code="210902", services=["policy", "housing"]),
        "zhangwu": make_station(name_zh="彰武测试站", division_code="210922", services=["recruiting"],
                                latitude=42.39, longitude=122.54),
        "park": make_station(name_zh="园区测试站", station_type="campus", division_code="HTZ",
                             services=["startup"], latitude=41.96, longitude=121.74),
        "shenzhen": make_station(name_zh="深圳测试工作站", station_type="offsite", division_code=None,
                                 office_phone="0755-10000109", latitude=22.54, longitude=114.06,
                                 services=["recruiting"]),
        "hidden": make_station(name_zh="未公开的站", division_code="210902", published=False,
                               services=["policy", "housing", "recruiting"]),
    }




def _names(html: str, listed: dict) -> set[str]:
    return {s.name_zh for s in listed.values() if s.name_zh in html}


@pytest.mark.parametrize("query, expected", [
    ("", {"海州测试站", "彰武测试站", "园区测试站", "深圳测试工作站"}),
    ("?division=210902", {"海州测试站"}),
    ("?division=210922", {"彰武测试站"}),
    ("?type=campus", {"园区测试站"}),
    ("?type=offsite", {"深圳测试工作站"}),
    ("?service=recruiting", {"彰武测试站", "深圳测试工作站"}),
    ("?service=housing", {"海州测试站"}),
    ("?division=210902&service=recruiting", set()),
    ("?division=nowhere", {"海州测试站", "彰武测试站", "园区测试站", "深圳测试工作站"}),  # unknown = no filter
])
def test_the_list_filters_by_division_type_and_service_from_the_url(client, listed, query, expected):
    html = client.get(f"/stations/{query}").get_data(as_text=True)
    assert _names(html, listed) == expected
    assert f"共 {len(expected)} 个服务站" in html


def test_the_chosen_filters_stay_selected(client, listed):
    html = client.get("/stations/?division=210922&type=county").get_data(as_text=True)
    assert '<option selected value="210922">' in html and '<option selected value="county">' in html


def test_unpublished_stations_never_appear_publicly(client, listed):
    hidden = listed["hidden"]
    for url in ("/stations/", "/stations/?division=210902", "/stations/?service=policy", "/stations/map",
                "/stations/map.svg", "/stations/?lang=en"):
        assert "未公开的站" not in client.get(url).get_data(as_text=True), url
    assert client.get(f"/stations/{hidden.id}").status_code == 404
    assert hidden.id not in {s["id"] for s in station_directory.public_stations()}
    assert station_directory.public_station(hidden.id) is None
    assert "未公开的站" not in build_svg(station_directory.public_stations())


def test_the_detail_page_has_a_tel_link_the_address_hours_and_staff(client, listed, make_user):
    from portal.stations import records as station_records

    station = listed["haizhou"]
    station_records.add_staff(make_user("admin"), station, "ambassador", "引才大使乙", "示例公司")
    html = client.get(f"/stations/{station.id}").get_data(as_text=True)
    assert '<a id="station-phone" href="tel:+86-418-1000001">0418-1000001</a>' in html
    assert '<address id="station-address">阜新市海州区测试路 1 号</address>' in html
    assert "08:30–17:00" in html and "政策咨询" in html
    assert "引才大使：引才大使乙（示例公司）" in html


def test_the_detail_page_says_whether_the_station_is_open_now(client, listed, frozen_clock):
    url = f"/stations/{listed['haizhou'].id}"
    frozen_clock(datetime(2026, 11, 23, 2, 0))   # Monday 10:00 in Beijing
    assert "正在开放，今天 17:00 结束" in client.get(url).get_data(as_text=True)
    frozen_clock(datetime(2026, 11, 23, 9, 30))  # Monday 17:30 in Beijing
    assert "当前休息，下次开放：周二 08:30" in client.get(url).get_data(as_text=True)
    frozen_clock(datetime(2026, 11, 28, 2, 0))   # Saturday 10:00 in Beijing
    assert "当前休息，下次开放：周一 08:30" in client.get(url).get_data(as_text=True)


def test_the_english_detail_page_uses_english_names(client, listed, frozen_clock):
    frozen_clock(datetime(2026, 11, 23, 2, 0))
    html = client.get(f"/stations/{listed['shenzhen'].id}?lang=en").get_data(as_text=True)
    assert "Off-site station" in html and "Open now, until 17:00 today" in html
    assert 'href="tel:+86-755-10000109"' in html


def test_public_dicts_hold_no_one_elses_personal_data(app, listed, make_user):
    from portal.stations import records as station_records

    station_records.assign_manager(make_user("admin"), listed["haizhou"], make_user("station_manager"))
    station = station_directory.public_station(listed["haizhou"].id)
    assert set(station) == {"id", "name", "name_zh", "name_en", "type", "type_label", "host_organisation",
                            "division_code", "division_name", "address", "area_served", "contact_person",
                            "office_phone", "tel_uri", "services", "opened_on", "latitude", "longitude", "hours",
                            "staff"}
    assert "@" not in repr(station)  # no manager account email


def test_the_map_places_every_published_station_and_an_offsite_inset(client, listed):
    svg = client.get("/stations/map.svg")
    assert svg.mimetype == "image/svg+xml"
    text = svg.get_data(as_text=True)
    published = [s for s in listed.values() if s.published]
    for station in published:
        assert f'data-station="{station.id}"' in text
    assert text.count('class="station-marker"') == len(published)
    assert "驻外站" in text and "深圳市" in text  # the inset with its Shenzhen outline
    assert all(f'data-division="{code}"' in text for code in
               ("210902", "210903", "210904", "210905", "210911", "210921", "210922", "HTZ"))
    page = client.get("/stations/map").get_data(as_text=True)
    assert "<svg" in page and page.count("/stations/" + str(listed["shenzhen"].id)) >= 2  # marker and list


def test_map_markers_sit_where_the_coordinates_say(app, listed):
    stations = station_directory.public_stations()
    svg = build_svg(stations)
    import re

    def centre(station_id):
        match = re.search(rf'data-station="{station_id}"><title>[^<]*</title><circle cx="([\d.]+)" cy="([\d.]+)"', svg)
        return float(match.group(1)), float(match.group(2))

    zhangwu, haizhou, park = centre(listed["zhangwu"].id), centre(listed["haizhou"].id), centre(listed["park"].id)
    assert zhangwu[0] < 500  # on the whole-city map
    assert haizhou[0] > 500 and park[0] > 500  # on the enlarged city centre
    assert park[1] > haizhou[1]  # further south is lower down


def test_plain_dicts_work_without_a_request_in_either_language(app, listed):
    """The static-site build calls these with an app context only."""
    from flask import has_request_context

    assert not has_request_context()
    english = {s["name_zh"]: s for s in station_directory.public_stations("en")}
    chinese = {s["name_zh"]: s for s in station_directory.public_stations("zh")}
    assert english["深圳测试工作站"]["type_label"] == "Off-site station"
    assert chinese["深圳测试工作站"]["type_label"] == "驻外站"
    assert english["彰武测试站"]["division_name"] == "Zhangwu County"
    assert english["彰武测试站"]["services"] == [{"code": "recruiting", "name": "Recruiting for local industries"}]
    assert english["海州测试站"]["hours"][0] == {"weekday": 0, "day": "Mon", "opens": "08:30", "closes": "17:00"}
    svg = build_svg(list(english.values()), "en")
    assert "Off-site stations" in svg and "Shenzhen" in svg and "Zhangwu County" in svg


def test_the_public_list_takes_the_same_few_queries_however_many_stations(app, make_station):
    from sqlalchemy import event

    from portal.kernel import db
    from portal.stations.directory import public_stations

    def statements() -> int:
        seen = []
        engine = db.session.get_bind()
        listen = lambda *args: seen.append(1)  # noqa: E731
        event.listen(engine, "before_cursor_execute", listen)
        try:
            with app.test_request_context("/"):
                assert public_stations("zh")
        finally:
            event.remove(engine, "before_cursor_execute", listen)
        db.session.remove()
        return len(seen)

    make_station(name_zh="第一站")
    few = statements()
    for n in range(5):
        make_station(name_zh=f"第{n + 2}站")
    assert statements() == few <= 4  # stations, their hours and their staff: not one query per station
