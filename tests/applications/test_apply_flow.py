"""The whole application flow through the test client: steps, drafts, submission, withdrawal."""
import io

from portal.applications.models import Application, ApplicationEvent
from portal.kernel import db
from tests.conftest import PDF_BYTES, VALID_ID

STEP1 = {"full_name": "李测试", "id_number": "34052419800101001x", "phone": "13812345678",
         "email": "li@example.com", "address": "阜新市细河区测试路 8 号", "next": "1"}
STEP2 = {"education_level": "doctorate", "degree": "工学博士", "graduate_school": "辽宁工程技术大学",
         "major": "采矿工程", "professional_title": "教授级高级工程师", "title_level": "senior_full", "next": "1"}
STEP3 = {"employer": "阜新新能源装备有限公司", "position": "总工程师", "category_code": "D",
         "industry_code": "new_energy", "division_code": "210911", "next": "1"}


def _start(client) -> int:
    response = client.post("/apply/start")
    assert response.status_code == 302
    return int(response.location.split("/apply/")[1].split("/")[0])


def _upload(client, app_id, material_type, data=PDF_BYTES, name="file.pdf"):
    return client.post(f"/apply/{app_id}/materials", data={
        "material_type": material_type, "file": (io.BytesIO(data), name)}, content_type="multipart/form-data")


def test_apply_end_to_end(client, auth, make_user):
    user = make_user()
    auth.login(user)
    app_id = _start(client)
    assert client.post(f"/apply/{app_id}/step/1", data=STEP1).location.endswith(f"/apply/{app_id}/step/2")
    assert client.post(f"/apply/{app_id}/step/2", data=STEP2).location.endswith(f"/apply/{app_id}/step/3")
    assert client.post(f"/apply/{app_id}/step/3", data=STEP3).location.endswith(f"/apply/{app_id}/step/4")
    page = client.get(f"/apply/{app_id}/step/4").get_data(as_text=True)
    for name in ("身份证", "申请表或简历", "劳动合同或营业执照", "最高学历证书及学信网记录"):
        assert name in page  # category D's required materials are listed
    for code in ("id_card", "application_form", "employment_contract", "diploma"):
        assert _upload(client, app_id, code).status_code == 302
    response = client.post(f"/apply/{app_id}/step/5", data={"privacy_consent": "y", "submit": "1"})
    assert response.status_code == 302 and response.location.endswith(f"/apply/{app_id}")

    application = db.session.get(Application, app_id)
    db.session.refresh(application)
    assert application.state == "submitted"
    assert application.reference == f"FX-{application.submitted_at.year}-{app_id:06d}"
    assert application.id_number == VALID_ID and application.gender == "male"
    assert application.publication_consent is False  # the separate consent was not given
    [snapshot] = application.snapshots
    assert snapshot.data["employer"] == "阜新新能源装备有限公司" and len(snapshot.data["materials"]) == 4

    status = client.get(f"/apply/{app_id}").get_data(as_text=True)
    assert application.reference in status and 'id="timeline"' in status and "已提交" in status
    # Once submitted the applicant cannot edit or upload any more.
    assert client.get(f"/apply/{app_id}/step/1").location.endswith(f"/apply/{app_id}")
    _upload(client, app_id, "achievements")
    db.session.refresh(application)
    assert len(application.materials) == 4


def test_a_draft_resumes_where_the_user_left(client, auth, make_user):
    user = make_user()
    auth.login(user)
    app_id = _start(client)
    client.post(f"/apply/{app_id}/step/1", data=STEP1)
    client.post(f"/apply/{app_id}/step/2", data={**STEP2, "next": None, "save": "1"})
    auth.logout()
    auth.login(user)
    assert _start(client) == app_id                       # the same draft, not a new one
    resumed = client.post("/apply/start").location
    assert resumed.endswith(f"/apply/{app_id}/step/2")    # back on the step being filled
    page = client.get(f"/apply/{app_id}/step/2").get_data(as_text=True)
    assert "辽宁工程技术大学" in page and "采矿工程" in page
    assert "李测试" in client.get(f"/apply/{app_id}/step/1").get_data(as_text=True)


def test_invalid_input_is_explained_and_nothing_typed_is_lost(client, auth, make_user):
    user = make_user()
    auth.login(user)
    app_id = _start(client)
    bad = {**STEP1, "id_number": "34052419800230001X", "phone": "1234"}
    response = client.post(f"/apply/{app_id}/step/1", data=bad)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "出生日期不存在" in page and "有效的 11 位手机号码" in page
    assert 'value="34052419800230001X"' in page and 'value="1234"' in page and "李测试" in page
    application = db.session.get(Application, app_id)
    db.session.refresh(application)
    assert application.full_name == "李测试"        # the valid answers were saved
    assert application.id_number is None            # the invalid one was not
    assert application.last_step == 1


def test_messages_follow_the_chosen_language(client, auth, make_user):
    user = make_user()
    auth.login(user)
    app_id = _start(client)
    client.post("/language", data={"lang": "en", "next": "/"})
    page = client.post(f"/apply/{app_id}/step/1", data={**STEP1, "id_number": "340524198001010011"}).get_data(as_text=True)
    assert "check digit" in page.lower()


def test_submit_is_refused_until_everything_required_is_there(client, auth, make_user):
    user = make_user()
    auth.login(user)
    app_id = _start(client)
    client.post(f"/apply/{app_id}/step/1", data=STEP1)
    response = client.post(f"/apply/{app_id}/step/5", data={"submit": "1"})
    page = response.get_data(as_text=True)
    assert "第 2 步有必填项未完成" in page and "请阅读并同意隐私说明" in page
    assert db.session.get(Application, app_id).state == "draft"


def test_withdraw_needs_confirmation_and_is_recorded(client, auth, make_user, submitted_application):
    user = make_user()
    application = submitted_application(user)
    auth.login(user)
    client.post(f"/apply/{application.id}/withdraw", data={"reason": "另有安排"})
    db.session.refresh(application)
    assert application.state == "submitted"
    client.post(f"/apply/{application.id}/withdraw", data={"reason": "另有安排", "confirm": "y"})
    db.session.refresh(application)
    assert application.state == "withdrawn"
    last = db.session.query(ApplicationEvent).filter_by(application_id=application.id).order_by(ApplicationEvent.id.desc()).first()
    assert (last.from_state, last.to_state, last.comment, last.actor_id) == ("submitted", "withdrawn", "另有安排", user.id)
    timeline = client.get(f"/apply/{application.id}").get_data(as_text=True)
    assert "已撤回" in timeline and "另有安排" in timeline


def test_staff_cannot_use_the_applicant_form(client, auth, make_user):
    auth.login(make_user("hr"))
    assert client.post("/apply/start").status_code == 403
