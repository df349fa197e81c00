"""The public station list filtered by division, a detail page, and a station manager editing the
hours that the public page then shows, in a real browser."""
from datetime import time

import pytest
from playwright.sync_api import expect

from portal.stations import records as station_records
from tests.conftest import PASSWORD


@pytest.fixture
def stations(make_station, make_user):
    haizhou = make_station(name_zh="海州区人才工作服务站", division_code="210902", office_phone="0418-1000101")
    zhangwu = make_station(name_zh="彰武县人才工作服务站", division_code="210922", office_phone="0418-1000107",
                           address="彰武县示例大街 66 号", latitude=42.39, longitude=122.54,
                           hours=[(day, time(8, 30), time(17, 0)) for day in range(5)])
    manager = make_user("station_manager")
    station_records.assign_manager(make_user("admin"), zhangwu, manager)
    return {"haizhou": haizhou, "zhangwu": zhangwu, "manager": manager}


def test_filter_by_division_open_a_station_and_its_manager_publishes_new_hours(page, live_server, stations):
    page.goto(f"{live_server}/stations/")
    expect(page.locator("#station-count")).to_have_text("共 2 个服务站")
    page.get_by_label("县区", exact=True).select_option("210922")
    page.get_by_role("button", name="筛选").click()
    expect(page).to_have_url(f"{live_server}/stations/?division=210922&type=&service=")
    expect(page.locator("#station-count")).to_have_text("共 1 个服务站")
    expect(page.get_by_role("link", name="海州区人才工作服务站")).to_have_count(0)

    page.get_by_role("link", name="彰武县人才工作服务站").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("彰武县人才工作服务站")
    expect(page.locator("#station-phone")).to_have_attribute("href", "tel:+86-418-1000107")
    expect(page.locator("#station-address")).to_have_text("彰武县示例大街 66 号")
    expect(page.get_by_role("row", name="周六")).to_contain_text("休息")

    page.goto(f"{live_server}/login")
    page.get_by_label("电子邮箱").fill(stations["manager"].email)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.get_by_role("link", name="服务站管理").click()
    page.get_by_role("link", name="彰武县人才工作服务站").click()
    page.get_by_role("link", name="开放时间").click()
    saturday = page.get_by_role("group", name="周六")
    saturday.get_by_label("第一段开门").fill("09:00")
    saturday.get_by_label("第一段关门").fill("12:00")
    page.get_by_role("button", name="保存开放时间").click()
    expect(page.get_by_text("开放时间已保存。")).to_be_visible()

    page.get_by_role("link", name="查看公开页面").click()
    expect(page.get_by_role("row", name="周六")).to_contain_text("09:00–12:00")
