"""Who manages which station, what a station manager may change, and that every change is audited."""
import pytest
from sqlalchemy import select

from portal.audit.models import AuditEntry
from portal.kernel import db
from portal.stations import records as station_records
from portal.stations.models import Station, StationStaff

RECORD = {
    "name_zh": "改名后的服务站", "name_en": "Renamed", "station_type": "campus", "host_organisation": "新依托单位",
    "division_code": "210911", "address": "新地址 2 号", "area_served": "", "contact_person": "新联系人",
    "office_phone": "0418-2000002", "services": ["policy"], "opened_on": "", "latitude": "42.05",
    "longitude": "121.62", "published": "",
}


@pytest.fixture
def stations(make_station, make_user):
    """The manager's own station, another station, and the manager (linked by an admin)."""
    own = make_station(name_zh="本站")
    other = make_station(name_zh="别的站", division_code="210903")
    manager, admin = make_user("station_manager"), make_user("admin")
    station_records.assign_manager(admin, own, manager)
    return {"own": own, "other": other, "manager": manager, "admin": admin}


def _audit(action):
    return db.session.scalars(select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.id)).all()


MANAGE_URLS = [
    ("GET", "/stations/manage/{id}/edit"), ("POST", "/stations/manage/{id}/edit"),
    ("GET", "/stations/manage/{id}/hours"), ("POST", "/stations/manage/{id}/hours"),
    ("GET", "/stations/manage/{id}/staff"), ("POST", "/stations/manage/{id}/staff"),
    ("GET", "/stations/manage/{id}/applications"),
]


@pytest.mark.parametrize("method, url", MANAGE_URLS)
def test_a_station_manager_is_refused_on_another_stations_pages(client, auth, stations, method, url):
    auth.login(stations["manager"])
    own = client.open(url.format(id=stations["own"].id), method=method, data={})
    other = client.open(url.format(id=stations["other"].id), method=method, data={})
    assert own.status_code in (200, 302)
    assert other.status_code in (403, 404)


def test_a_station_manager_cannot_change_another_stations_record_or_staff(client, auth, stations):
    other = stations["other"]
    member = station_records.add_staff(stations["admin"], other, "head", "别站站长", None)
    auth.login(stations["manager"])
    client.post(f"/stations/manage/{other.id}/edit", data=RECORD)
    client.post(f"/stations/manage/{other.id}/staff", data={"staff_role": "liaison", "name": "冒名者"})
    client.post(f"/stations/manage/{other.id}/staff/{member.id}/delete")
    # and through their own station's URL, someone else's staff member is not theirs to remove
    client.post(f"/stations/manage/{stations['own'].id}/staff/{member.id}/delete")
    db.session.refresh(other)
    assert other.name_zh == "别的站" and [m.name for m in other.staff] == ["别站站长"]
    assert _audit("station.update") == [] and _audit("station.staff_remove") == []
    assert [e.actor_id for e in _audit("station.staff_add")] == [stations["admin"].id]


def test_a_station_manager_edits_their_own_record_but_not_its_type_division_or_publication(client, auth, stations):
    auth.login(stations["manager"])
    page = client.get(f"/stations/manage/{stations['own'].id}/edit").get_data(as_text=True)
    assert 'name="station_type"' not in page and 'name="published"' not in page and 'name="division_code"' not in page
    assert "类型：县区站；所在县区：海州区；已公开。这几项由市人才办设定。" in page
    response = client.post(f"/stations/manage/{stations['own'].id}/edit", data=RECORD)
    assert response.status_code == 302
    own = db.session.get(Station, stations["own"].id)
    db.session.refresh(own)
    assert (own.name_zh, own.office_phone, own.contact_person) == ("改名后的服务站", "0418-2000002", "新联系人")
    assert (own.station_type, own.division_code, own.published) == ("county", "210902", True)
    entry = _audit("station.update")[-1]
    assert entry.actor_id == stations["manager"].id and entry.object_id == str(own.id)
    assert entry.details["changed"]["name_zh"] == ["本站", "改名后的服务站"]
    assert "published" not in entry.details["changed"]


def test_hr_changes_type_division_and_publication_of_any_station(client, auth, make_user, stations):
    auth.login(make_user("hr", division="210905"))
    response = client.post(f"/stations/manage/{stations['other'].id}/edit", data=RECORD)
    assert response.status_code == 302
    other = db.session.get(Station, stations["other"].id)
    db.session.refresh(other)
    assert (other.station_type, other.division_code, other.published) == ("campus", "210911", False)
    assert _audit("station.update")[-1].details["changed"]["published"] == [True, False]


def test_creating_editing_hours_and_staff_are_all_audited(client, auth, make_user, stations):
    admin = make_user("admin")
    auth.login(admin)
    data = {**RECORD, "name_zh": "新建的站", "station_type": "county", "published": "y"}
    assert client.post("/stations/manage/new", data=data).status_code == 302
    created = db.session.scalar(select(Station).where(Station.name_zh == "新建的站"))
    hours = {f"days-{d}-{s}": "" for d in range(7) for s in ("open1", "close1", "open2", "close2")}
    hours.update({"days-2-open1": "09:00", "days-2-close1": "12:00"})
    assert client.post(f"/stations/manage/{created.id}/hours", data=hours).status_code == 302
    client.post(f"/stations/manage/{created.id}/staff", data={"staff_role": "ambassador", "name": "引才大使甲"})
    member_id = db.session.scalar(select(StationStaff.id).where(StationStaff.station_id == created.id))
    client.post(f"/stations/manage/{created.id}/staff/{member_id}/delete")
    assert db.session.scalar(select(StationStaff).where(StationStaff.station_id == created.id)) is None

    assert _audit("station.create")[-1].details["values"]["name_zh"] == "新建的站"
    assert _audit("station.hours")[-1].details["after"] == ["2 09:00-12:00"]
    assert _audit("station.staff_add")[-1].details["name"] == "引才大使甲"
    assert _audit("station.staff_remove")[-1].details["staff_id"] == member_id
    assert {e.actor_id for e in _audit("station.create") + _audit("station.hours")} == {admin.id}


def test_a_station_manager_cannot_create_stations_or_link_managers(client, auth, stations, make_user):
    auth.login(stations["manager"])
    assert client.post("/stations/manage/new", data={**RECORD, "station_type": "county"}).status_code == 403
    another = make_user("station_manager")
    assert client.post(f"/stations/manage/{stations['own'].id}/managers", data={"email": another.email}).status_code == 403
    db.session.refresh(another)
    assert another.station_id is None


def test_hr_links_a_manager_account_and_only_a_station_manager(client, auth, make_user, stations):
    auth.login(make_user("hr"))
    manager, applicant = make_user("station_manager"), make_user("applicant")
    client.post(f"/stations/manage/{stations['other'].id}/managers", data={"email": manager.email})
    response = client.post(f"/stations/manage/{stations['other'].id}/managers", data={"email": applicant.email},
                           follow_redirects=True)
    assert "只能关联角色为“服务站管理员”的账号。" in response.get_data(as_text=True)
    db.session.refresh(manager)
    db.session.refresh(applicant)
    assert manager.station_id == stations["other"].id and applicant.station_id is None
    assert _audit("station.manager_assign")[-1].details["user_id"] == manager.id


def test_the_manage_list_shows_a_manager_only_their_station(client, auth, stations, make_user):
    auth.login(stations["manager"])
    page = client.get("/stations/manage/").get_data(as_text=True)
    assert "本站" in page and "别的站" not in page
    auth.logout()
    auth.login(make_user("station_manager"))
    assert "尚未关联服务站" in client.get("/stations/manage/").get_data(as_text=True)


@pytest.mark.parametrize("email, message", [
    ("", "请填写账号邮箱。"),
    ("not-an-email", "电子邮箱格式不正确。"),
    ("nobody@example.com", "没有使用该邮箱的账号。"),
])
def test_linking_a_manager_needs_an_existing_account(client, auth, make_user, stations, email, message):
    auth.login(make_user("admin"))
    response = client.post(f"/stations/manage/{stations['other'].id}/managers", data={"email": email},
                           follow_redirects=True)
    assert message in response.get_data(as_text=True)
    assert _audit("station.manager_assign")[-1].details["user_id"] == stations["manager"].id  # only the fixture's


def test_a_station_manager_cannot_move_a_county_station_out_of_fuxin(client, auth, stations):
    auth.login(stations["manager"])
    response = client.post(f"/stations/manage/{stations['own'].id}/edit",
                           data={**RECORD, "latitude": "22.54", "longitude": "114.06"})
    assert "纬度超出阜新市范围" in response.get_data(as_text=True)
    db.session.refresh(stations["own"])
    assert stations["own"].latitude == 42.01
