"""A talent names the station that helped; that station's manager sees only reference, name, category, state."""
import pytest
from sqlalchemy import select

from portal.applications.models import Application
from portal.kernel import db
from portal.stations import directory as station_directory
from portal.stations import records as station_records


@pytest.fixture
def setting(make_station, make_user, submitted_application, complete_application):
    admin = make_user("admin")
    own, other = make_station(name_zh="帮办站"), make_station(name_zh="另一站", division_code="210903")
    manager = make_user("station_manager")
    station_records.assign_manager(admin, own, manager)
    helped = submitted_application(make_user("applicant", phone="13911112222"), station_id=own.id,
                                   employer="帮办示例公司")
    elsewhere = submitted_application(make_user("applicant"), station_id=other.id)
    alone = submitted_application(make_user("applicant"))
    draft = complete_application(make_user("applicant"), station_id=own.id)
    return {"own": own, "other": other, "manager": manager, "helped": helped, "elsewhere": elsewhere,
            "alone": alone, "draft": draft}


def test_step_three_offers_published_stations_and_stores_the_choice(client, auth, make_user, make_station):
    station = make_station(name_zh="可选的站")
    make_station(name_zh="不公开的站", published=False)
    talent = make_user("applicant")
    auth.login(talent)
    client.post("/apply/start")
    application = db.session.scalar(select(Application).where(Application.applicant_id == talent.id))
    page = client.get(f"/apply/{application.id}/step/3").get_data(as_text=True)
    assert "可选的站" in page and "不公开的站" not in page
    data = {"employer": "示例单位", "position": "工程师", "category_code": "D", "industry_code": "equipment",
            "division_code": "210902", "station_id": str(station.id), "next": "y"}
    assert client.post(f"/apply/{application.id}/step/3", data=data).status_code == 302
    db.session.refresh(application)
    assert application.station_id == station.id
    client.post(f"/apply/{application.id}/step/3", data={**data, "station_id": ""})
    db.session.refresh(application)
    assert application.station_id is None


@pytest.mark.parametrize("bad", ["999999", "abc"])
def test_step_three_refuses_a_station_that_is_not_offered(client, auth, make_user, make_station, bad):
    hidden = make_station(name_zh="不公开的站", published=False)
    talent = make_user("applicant")
    auth.login(talent)
    client.post("/apply/start")
    application = db.session.scalar(select(Application).where(Application.applicant_id == talent.id))
    data = {"employer": "示例单位", "position": "工程师", "category_code": "D", "industry_code": "equipment",
            "division_code": "210902", "next": "y"}
    for value in (bad, str(hidden.id)):
        response = client.post(f"/apply/{application.id}/step/3", data={**data, "station_id": value})
        assert "请选择列表中的服务站" in response.get_data(as_text=True), value
        db.session.refresh(application)
        assert application.station_id is None and application.employer == "示例单位"


def test_the_manager_sees_only_applications_that_named_their_station(client, auth, setting):
    auth.login(setting["manager"])
    html = client.get(f"/stations/manage/{setting['own'].id}/applications").get_data(as_text=True)
    assert setting["helped"].reference in html
    for name in ("elsewhere", "alone"):
        assert setting[name].reference not in html
    assert setting["draft"].id_number not in html
    assert html.count("<tr>") == 2  # the header row and the one helped application


def test_the_list_shows_only_reference_name_category_and_state(client, auth, setting):
    helped = setting["helped"]
    auth.login(setting["manager"])
    html = client.get(f"/stations/manage/{setting['own'].id}/applications").get_data(as_text=True)
    assert helped.reference in html and helped.full_name in html and "青年/骨干人才" in html and "已提交" in html
    for secret in (helped.id_number, helped.phone, helped.email, helped.address, helped.employer,
                   helped.materials[0].original_name, f"/apply/{helped.id}"):
        assert secret not in html
    assert "<form" not in html.split('<main', 1)[1]  # no workflow buttons in the page body
    rows = station_directory.assisted_applications(setting["own"])
    assert [set(row) for row in rows] == [{"reference", "full_name", "category_code", "state"}]


def test_the_manager_cannot_open_the_application_itself_or_act_on_it(client, auth, setting):
    helped = setting["helped"]
    auth.login(setting["manager"])
    assert client.get(f"/apply/{helped.id}").status_code in (403, 404)
    material = helped.materials[0]
    assert client.get(f"/apply/{helped.id}/materials/{material.id}").status_code in (403, 404)
    assert client.post(f"/apply/{helped.id}/withdraw", data={"confirm": "y"}).status_code in (403, 404)
    db.session.refresh(helped)
    assert helped.state == "submitted"


def test_another_stations_manager_sees_none_of_them(client, auth, setting, make_user):
    stranger = make_user("station_manager")
    station_records.assign_manager(make_user("admin"), setting["other"], stranger)
    auth.login(stranger)
    assert client.get(f"/stations/manage/{setting['own'].id}/applications").status_code == 403
    html = client.get(f"/stations/manage/{setting['other'].id}/applications").get_data(as_text=True)
    assert setting["elsewhere"].reference in html and setting["helped"].reference not in html
