"""Every staff view of an applicant's personal data leaves an audit entry: who, which page, whom."""
from __future__ import annotations

from sqlalchemy import select

from portal.audit.models import AuditEntry
from portal.kernel import db
from portal.stations import records as station_records


def _entries(action: str) -> list[AuditEntry]:
    return list(db.session.scalars(select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.id)))


def test_staff_reading_the_status_page_is_audited_the_owner_is_not(client, auth, make_user, submitted_application):
    applicant = make_user("applicant")
    application = submitted_application(applicant)
    auth.login(applicant)
    assert client.get(f"/apply/{application.id}").status_code == 200
    assert _entries("application.view") == []
    auth.logout()
    hr = make_user("hr")
    auth.login(hr)
    assert client.get(f"/apply/{application.id}").status_code == 200
    [entry] = _entries("application.view")
    assert (entry.actor_id, entry.object_id, entry.details["page"]) == (hr.id, str(application.id), "status")


def test_the_stations_list_of_assisted_applicants_is_audited(client, auth, make_user, make_station,
                                                            submitted_application):
    station = make_station()
    application = submitted_application(make_user("applicant"), station_id=station.id)
    manager = make_user("station_manager")
    station_records.assign_manager(make_user("admin"), station, manager)
    auth.login(manager)
    page = client.get(f"/stations/manage/{station.id}/applications")
    assert page.status_code == 200 and application.reference in page.get_data(as_text=True)
    [entry] = _entries("station.assisted_view")
    assert entry.actor_id == manager.id and entry.details["references"] == [application.reference]


def test_a_queue_search_by_name_is_audited_a_plain_queue_is_not(client, auth, make_user, submitted_application):
    submitted_application(make_user("applicant"))
    hr = make_user("hr")
    auth.login(hr)
    client.get("/review/")
    assert _entries("queue.search") == []
    client.get("/review/?q=测试申报人")
    [entry] = _entries("queue.search")
    assert entry.actor_id == hr.id and entry.details["q"] == "测试申报人"
