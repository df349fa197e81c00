"""The data subject's rights end to end (PIPL arts. 44-47): download, correction, withdrawing the
consent to 公示, deletion, closing, and the purge after the retention period; and staff never
open a draft that was not submitted."""
from __future__ import annotations

import io
import json
import zipfile
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

import search_index
from portal.accounts.models import User
from portal.applications import workflow
from portal.applications.models import APPLICANT_FIELDS, Application, ApplicationEvent, Material
from portal.audit.models import AuditEntry
from portal.demo.seed import make_id_number
from portal.kernel import clock, db, storage
from portal.privacy_rights import erasure
from portal.privacy_rights.models import PLACEHOLDER_NAME, CorrectionRequest
from portal.publicity import batches as publicity
from tests.conftest import PASSWORD, PDF_BYTES
from tests.site.conftest import DEMO_CONTENT, Builder, tree

CONTACT = "市人才办 0418-1234567"


@pytest.fixture
def search_on(app):
    app.config["SEARCH_SYNC"] = True
    return app.config["SEARCH_INDEX_DIR"]


def _named(application: Application, name: str, employer: str = "阜新数据权利测试公司") -> Application:
    with db.transaction():
        application.full_name, application.employer = name, employer
    return application


def _site(app, tmp_path: Path, out: Path) -> dict[str, bytes]:
    Builder(app.config["DATABASE_URL"], tmp_path / "build-search")(DEMO_CONTENT, out)
    return tree(out)


def _nowhere(name: str, site: dict[str, bytes]) -> bool:
    return all(name.encode() not in data for data in site.values())


def _audited(action: str) -> list[AuditEntry]:
    return list(db.session.scalars(select(AuditEntry).where(AuditEntry.action == action)))


# --- the page and the download -----------------------------------------------------------------

def test_every_account_has_a_my_data_page(client, auth, make_user):
    for role in ("applicant", "hr", "expert", "admin"):
        auth.login(make_user(role))
        page = client.get("/account")
        assert page.status_code == 200 and "下载我的数据" in page.get_data(as_text=True)
        auth.logout()
    assert client.get("/account").status_code == 302  # anonymous: sent to sign in


def test_the_download_holds_every_field_the_timeline_consents_audit_and_the_files(
        app, client, auth, make_user, submitted_application):
    user = make_user()
    application = submitted_application(user)
    auth.login(user)
    response = client.get("/me/data")
    assert response.status_code == 200 and response.mimetype == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.data))
    data = json.loads(archive.read("data.json"))
    schema = json.loads(archive.read("schema.json"))
    assert "README.txt" in archive.namelist()

    assert data["account"]["email"] == user.email and "password_hash" not in data["account"]
    exported = data["applications"][0]
    for name in APPLICANT_FIELDS + ("reference", "state", "submitted_at", "publication_consent"):
        assert name in exported
    assert exported["id_number"] == application.id_number and exported["reference"] == application.reference
    assert [e["to_state"] for e in exported["timeline"]] == ["submitted"]
    assert exported["snapshots"][0]["data"]["full_name"] == "测试申报人"
    assert data["consents"][0]["publication_consent"] is True and data["consents"][0]["privacy_consent_at"]
    assert data["sign_in_attempts"]
    assert set(schema["sections"]) >= {"account", "applications", "consents", "notifications",
                                       "audit_entries.about_me"}
    assert "id_number" in schema["sections"]["applications"]["fields"]
    assert "password_hash" not in schema["sections"]["account"]["fields"]

    for material in exported["materials"]:
        assert material["file"].startswith(f"files/{application.reference}/")
        assert archive.read(material["file"]) == PDF_BYTES
    assert len(exported["materials"]) == len(application.materials) > 0
    assert [e.object_id for e in _audited("personal_data.download")] == [str(user.id)]


# --- correction --------------------------------------------------------------------------------

def test_contact_details_are_corrected_directly_with_validation(client, auth, make_user):
    user = make_user()
    auth.login(user)
    bad = client.post("/account/contact", data={"full_name": "新名字", "phone": "12345", "email": user.email,
                                                "password": PASSWORD})
    assert bad.status_code == 400 and "请输入有效的 11 位手机号码" in bad.get_data(as_text=True)
    wrong = client.post("/account/contact", data={"phone": "13912345678", "email": user.email, "password": "x"})
    assert wrong.status_code == 400 and "当前密码不正确" in wrong.get_data(as_text=True)
    ok = client.post("/account/contact", data={"full_name": "新名字", "phone": "+86 139-1234-5678",
                                               "email": "New@Example.com", "password": PASSWORD})
    assert ok.status_code == 302
    db.session.expire_all()
    fresh = db.session.get(User, user.id)
    assert (fresh.full_name, fresh.phone, fresh.email) == ("新名字", "13912345678", "new@example.com")
    assert _audited("account.contact_update")[0].details == {"fields": ["full_name", "phone", "email"]}


def test_a_correction_request_is_handled_by_staff_on_the_review_page(app, make_user, submitted_application):
    applicant, hr = make_user(), make_user("hr", division="210902")
    application = submitted_application(applicant)
    owner, staff = app.test_client(), app.test_client()
    owner.post("/login", data={"email": applicant.email, "password": PASSWORD})
    staff.post("/login", data={"email": hr.email, "password": PASSWORD})
    prefix = f"a{application.id}-"
    bad = owner.post(f"/account/applications/{application.id}/corrections",
                     data={prefix + "field": "phone", prefix + "value": "123", prefix + "reason": "换号"})
    assert bad.status_code == 400 and "请输入有效的 11 位手机号码" in bad.get_data(as_text=True)
    for field, value in (("employer", "阜新新单位有限公司"), ("phone", "13700001111")):
        assert owner.post(f"/account/applications/{application.id}/corrections", data={
            prefix + "field": field, prefix + "value": value, prefix + "reason": "信息有变"}).status_code == 302
    employer_request, phone_request = db.session.scalars(select(CorrectionRequest).order_by(CorrectionRequest.id))

    page = staff.get(f"/review/{application.id}").get_data(as_text=True)
    assert "申请人的更正申请" in page and "阜新新单位有限公司" in page
    accept = {f"cr{employer_request.id}-decision": "accept"}
    assert staff.post(f"/review/corrections/{employer_request.id}", data=accept).status_code == 302
    refuse_without_reason = {f"cr{phone_request.id}-decision": "refuse"}
    staff.post(f"/review/corrections/{phone_request.id}", data=refuse_without_reason)
    db.session.expire_all()
    assert db.session.get(CorrectionRequest, phone_request.id).status == "pending"
    staff.post(f"/review/corrections/{phone_request.id}", data={**refuse_without_reason,
                                                                 f"cr{phone_request.id}-note": "请先提供证明"})

    db.session.expire_all()
    fresh = db.session.get(Application, application.id)
    assert fresh.employer == "阜新新单位有限公司" and fresh.phone == applicant.phone
    assert [r.status for r in db.session.scalars(select(CorrectionRequest).order_by(CorrectionRequest.id))] == [
        "accepted", "refused"]
    comments = [e.comment for e in fresh.events]
    assert any("更正了“工作单位”" in (c or "") for c in comments)
    assert any("不予更正：请先提供证明" in (c or "") for c in comments)
    assert [e.details["field"] for e in _audited("correction.accept")] == ["employer"]
    mine = owner.get("/account").get_data(as_text=True)
    assert "已更正" in mine and "不予更正" in mine and "请先提供证明" in mine


# --- consent to 公示 ---------------------------------------------------------------------------

def test_withdrawing_consent_after_recognition_removes_the_name_from_roll_and_open_publicity(
        app, make_user, decided_application, tmp_path):
    recognised_user, listed_user = make_user(), make_user()
    recognised = _named(decided_application(recognised_user, id_number=make_id_number("210902", "19880808", "011")),
                        "撤回甲")
    listed = _named(decided_application(listed_user, id_number=make_id_number("210902", "19890909", "013")),
                    "撤回乙")
    with db.transaction():
        recognised.state, recognised.recognised_at = workflow.RECOGNISED, clock.utcnow()
    batch = publicity.create_batch(make_user("hr"), "数据权利测试公示", clock.today(), [listed.id], CONTACT)
    before = _site(app, tmp_path, tmp_path / "_site")
    assert not _nowhere("撤回甲", before) and not _nowhere("撤回乙", before)

    for user, application in ((recognised_user, recognised), (listed_user, listed)):
        client = app.test_client()
        client.post("/login", data={"email": user.email, "password": PASSWORD})
        response = client.post(f"/account/applications/{application.id}/withdraw-consent",
                               data={f"c{application.id}-confirm": "y"})
        assert response.status_code == 302

    db.session.expire_all()
    assert [p["full_name"] for p in publicity.honour_roll()] == []
    assert publicity.public_batch(db.session.get(type(batch), batch.id))["entries"] == []
    events = db.session.scalars(select(ApplicationEvent).where(ApplicationEvent.application_id == recognised.id))
    assert any("撤回了公示同意" in (e.comment or "") for e in events)
    assert db.session.get(Application, recognised.id).state == workflow.RECOGNISED  # the recognition stands
    portal_page = app.test_client().get("/gongshi/honour-roll").get_data(as_text=True)
    assert "撤回甲" not in portal_page
    after = _site(app, tmp_path, tmp_path / "_site")
    assert _nowhere("撤回甲", after) and _nowhere("撤回乙", after)


# --- deletion, closing and the purge -----------------------------------------------------------

def test_an_account_with_only_a_draft_is_deleted_at_once_files_included(app, client, auth, make_user,
                                                                        complete_application):
    user = make_user()
    user_id, email = user.id, user.email
    draft = complete_application(user)
    draft_id = draft.id
    stored = [storage.path_of(m.stored_name) for m in draft.materials]
    assert stored and all(p.exists() for p in stored)
    auth.login(user)
    page = client.get("/account").get_data(as_text=True)
    assert "立即全部删除" in page
    refused = client.post("/account/delete", data={"confirm": "y", "password": "wrong"})
    assert refused.status_code == 400
    response = client.post("/account/delete", data={"confirm": "y", "password": PASSWORD})
    assert response.status_code == 302
    db.session.expunge_all()
    assert db.session.get(User, user_id) is None and db.session.get(Application, draft_id) is None
    assert db.session.scalar(select(func.count()).select_from(Material)) == 0
    assert not any(p.exists() for p in stored)
    assert client.get("/account").status_code == 302  # the session ended
    assert auth.login(email).status_code != 302
    assert [e.object_id for e in _audited("account.delete")] == [str(user_id)]


def test_an_account_with_a_submitted_application_is_closed_and_the_rule_shown(client, auth, make_user,
                                                                             submitted_application):
    user = make_user()
    application = submitted_application(user)
    auth.login(user)
    page = client.get("/account").get_data(as_text=True)
    assert "最后一份申报办结" in page and "6 年" in page
    assert client.post("/account/delete", data={"confirm": "y", "password": PASSWORD}).status_code == 302
    db.session.expire_all()
    closed = db.session.get(User, user.id)
    assert closed.closed_at is not None and not closed.active
    assert db.session.get(Application, application.id).state == workflow.WITHDRAWN
    assert auth.login(user).status_code != 302  # cannot sign in
    assert _audited("account.close")


def test_the_purge_after_retention_leaves_statistics_and_no_trace(app, runner, make_user, decided_application,
                                                                  search_on, frozen_clock, tmp_path):
    user = make_user()
    email = user.email
    application = _named(decided_application(user, id_number=make_id_number("210902", "19870707", "019")),
                         "注销丙", employer="阜新注销测试厂")
    with db.transaction():
        application.state, application.recognised_at = workflow.RECOGNISED, clock.utcnow()
        db.session.add(ApplicationEvent(application=application, from_state=workflow.DECISION,
                                        to_state=workflow.RECOGNISED, created_at=clock.utcnow()))
    files = [storage.path_of(m.stored_name) for m in application.materials]
    assert search_index.matching_ids(search_on, "private", "注销丙") == [str(application.id)]
    assert erasure.close_or_delete(user) == "closed"

    assert "purged 0 accounts" in runner.invoke(args=["purge-personal-data"]).output  # still retained
    frozen_clock(datetime(2032, 11, 22, 2, 0))  # a day short of six years
    assert "purged 0 accounts" in runner.invoke(args=["purge-personal-data"]).output
    frozen_clock(datetime(2032, 11, 24, 2, 0))
    result = runner.invoke(args=["purge-personal-data"])
    assert "purged 1 accounts, 1 applications" in result.output, result.output

    db.session.expire_all()
    purged = db.session.get(Application, application.id)
    assert purged.full_name == PLACEHOLDER_NAME
    assert (purged.id_number, purged.phone, purged.email, purged.address, purged.employer) == (None,) * 5
    assert (purged.category_code, purged.division_code, purged.state) == ("D", "210902", workflow.RECOGNISED)
    assert purged.submitted_at is not None and purged.recognised_at is not None
    assert purged.materials == [] and not any(p.exists() for p in files)
    assert all("注销丙" not in json.dumps(s.data, ensure_ascii=False) for s in purged.snapshots)
    account = db.session.get(User, user.id)
    assert account.full_name == PLACEHOLDER_NAME and account.phone is None and account.email != email
    assert _audited("personal_data.purge")[0].object_id == str(user.id)

    assert search_index.matching_ids(search_on, "private", "注销丙") == []
    site = _site(app, tmp_path, tmp_path / "_site")
    assert _nowhere("注销丙", site) and _nowhere("阜新注销测试厂", site)


# --- staff and drafts --------------------------------------------------------------------------

def test_staff_cannot_open_a_draft_that_was_not_submitted(app, make_user, complete_application):
    draft = complete_application(make_user())
    material = draft.materials[0]
    for role in ("hr", "admin"):
        staff = app.test_client()
        staff.post("/login", data={"email": make_user(role).email, "password": PASSWORD})
        assert staff.get(f"/apply/{draft.id}").status_code == 404
        assert staff.get(f"/apply/{draft.id}/materials/{material.id}").status_code == 404
        assert staff.get(f"/review/{draft.id}").status_code == 404
