"""Applicant B can reach neither applicant A's application nor A's files."""
import pytest


@pytest.fixture
def a_and_b(make_user, submitted_application, complete_application):
    a, b = make_user(), make_user()
    return a, b, submitted_application(a)


@pytest.mark.parametrize("path", [
    "/apply/{id}", "/apply/{id}/step/1", "/apply/{id}/step/4", "/apply/{id}/materials/{mid}",
    "/apply/{id}/materials/{mid}?inline=1"])
def test_other_applicant_gets_404_on_get(client, auth, a_and_b, path):
    a, b, application = a_and_b
    auth.login(b)
    url = path.format(id=application.id, mid=application.materials[0].id)
    with client.get(url) as response:
        assert response.status_code == 404


@pytest.mark.parametrize("path", [
    "/apply/{id}/step/1", "/apply/{id}/materials", "/apply/{id}/materials/{mid}/delete", "/apply/{id}/withdraw"])
def test_other_applicant_gets_404_on_post(client, auth, a_and_b, path):
    a, b, application = a_and_b
    auth.login(b)
    url = path.format(id=application.id, mid=application.materials[0].id)
    assert client.post(url, data={"confirm": "y", "full_name": "x"}).status_code == 404
    from portal.kernel import db
    db.session.refresh(application)
    assert application.state == "submitted" and application.full_name == "测试申报人"


def test_owner_and_staff_of_the_division_can_see_it(client, auth, a_and_b, make_user):
    a, _b, application = a_and_b
    material = application.materials[0]
    for user in (a, make_user("hr"), make_user("hr", division="210902"), make_user("admin")):
        auth.login(user)
        assert client.get(f"/apply/{application.id}").status_code == 200
        with client.get(f"/apply/{application.id}/materials/{material.id}") as response:
            assert response.status_code == 200 and response.data.startswith(b"%PDF")
        auth.logout()


def test_hr_of_another_division_cannot(client, auth, a_and_b, make_user):
    _a, _b, application = a_and_b
    auth.login(make_user("hr", division="210922"))
    assert client.get(f"/apply/{application.id}").status_code == 404
    assert client.get(f"/apply/{application.id}/materials/{application.materials[0].id}").status_code == 404


def test_staff_see_a_masked_id_number(client, auth, a_and_b, make_user):
    a, _b, application = a_and_b
    auth.login(make_user("hr"))
    page = client.get(f"/apply/{application.id}").get_data(as_text=True)
    assert application.id_number not in page and "340524********001X" in page


def test_anonymous_users_are_sent_to_sign_in(client, a_and_b):
    _a, _b, application = a_and_b
    response = client.get(f"/apply/{application.id}")
    assert response.status_code == 302 and "/login?next=" in response.location


def test_staff_viewing_a_file_is_audited_but_the_owner_is_not(client, auth, a_and_b, make_user):
    from portal.audit.models import AuditEntry
    from portal.kernel import db

    a, _b, application = a_and_b
    material = application.materials[0]
    auth.login(a)
    client.get(f"/apply/{application.id}/materials/{material.id}").close()
    assert db.session.query(AuditEntry).count() == 0
    auth.logout()
    hr = make_user("hr")
    auth.login(hr)
    client.get(f"/apply/{application.id}/materials/{material.id}").close()
    [entry] = db.session.query(AuditEntry).all()
    assert (entry.actor_id, entry.action, entry.object_id) == (hr.id, "material.view", str(application.id))
    assert entry.details["material_id"] == material.id
