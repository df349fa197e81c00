"""Staff review: the return-for-correction round trip, division scoping, the queue, detail, notes,
bulk intake, duplicates and rejection."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from portal.applications import filing as apply_service
from portal.applications import workflow
from portal.applications.models import Application
from portal.audit.models import AuditEntry
from portal.demo.seed import make_id_number
from portal.kernel import db
from portal.notifications.models import Notification
from portal.review import staff_review as review


def _hr_division(make_user, division="210902"):
    return make_user("hr", division=division, full_name="县区审核员")


def test_return_for_correction_round_trip(client, auth, make_user, submitted_application, outbox):
    applicant, hr = make_user("applicant"), _hr_division(make_user)
    application = submitted_application(applicant, division="210902")
    auth.login(hr)
    assert client.post(f"/review/{application.id}/act/intake", data={"comment": "材料齐全，受理"}).status_code == 302
    response = client.post(f"/review/{application.id}/return", data={
        "field-full_name": "姓名与身份证不一致", "material-diploma": "学历证书不清晰，请重新扫描",
        "other": "请补充近三年社保记录", "comment": "请一次性补正"})
    assert response.status_code == 302
    db.session.refresh(application)
    assert application.state == workflow.RETURNED
    assert [(i.kind, i.target, i.step) for i in review.correction_items(application)] == [
        ("field", "full_name", 1), ("material", "diploma", 4), ("other", None, None)]
    messages = outbox()
    assert any("退回补正" in m.get_content() and "Returned" in m.get_content() for m in messages)

    auth.logout()
    auth.login(applicant)
    status = client.get(f"/apply/{application.id}").get_data(as_text=True)
    for text in ("姓名与身份证不一致", "学历证书不清晰，请重新扫描", "请补充近三年社保记录"):
        assert text in status
    step1 = client.get(f"/apply/{application.id}/step/1").get_data(as_text=True)
    assert "本步需要补正" in step1 and "姓名与身份证不一致" in step1 and "学历证书" in step1
    apply_service.save_step(application, 1, {"full_name": "改正后姓名"}, advance=False)
    response = client.post(f"/apply/{application.id}/step/5", data={"privacy_consent": "y", "publication_consent": "y",
                                                                     "submit": "1"})
    assert response.status_code == 302
    db.session.refresh(application)
    assert application.state == workflow.RESUBMITTED
    versions = [s.data["full_name"] for s in application.snapshots]
    assert versions == ["测试申报人", "改正后姓名"]
    assert [e.to_state for e in application.events] == [
        workflow.SUBMITTED, workflow.QUALIFICATION, workflow.RETURNED, workflow.RESUBMITTED]

    auth.logout()
    auth.login(hr)
    detail = client.get(f"/review/{application.id}").get_data(as_text=True)
    assert "第 1 版" in detail and "第 2 版" in detail and "改正后姓名" in detail
    assert "退回补正（一次性告知）" not in detail  # the file cannot be returned twice, and must be taken in first
    client.post(f"/review/{application.id}/act/intake", data={})
    detail = client.get(f"/review/{application.id}").get_data(as_text=True)
    assert 'href="/review/%d/return"' % application.id not in detail


def test_a_return_lists_at_least_one_problem_and_keeps_what_was_typed(client, auth, make_user, submitted_application,
                                                                       walk):
    hr = _hr_division(make_user)
    application = walk(submitted_application(make_user("applicant")), hr, "intake")
    auth.login(hr)
    page = client.post(f"/review/{application.id}/return", data={"comment": "我写的说明"}).get_data(as_text=True)
    assert "请至少列出一项需要补正的问题" in page and "我写的说明" in page
    db.session.refresh(application)
    assert application.state == workflow.QUALIFICATION


@pytest.mark.parametrize("path", ["/review/{id}", "/apply/{id}/materials/{material}", "/review/{id}/return"])
def test_division_hr_cannot_open_another_divisions_file(client, auth, make_user, submitted_application, path):
    application = submitted_application(make_user("applicant"), division="210902")
    auth.login(_hr_division(make_user, "210903"))
    url = path.format(id=application.id, material=application.materials[0].id)
    assert client.get(url).status_code in (403, 404)


def test_division_hr_cannot_act_on_another_divisions_file(client, auth, make_user, submitted_application):
    application = submitted_application(make_user("applicant"), division="210902")
    auth.login(_hr_division(make_user, "210903"))
    for url in (f"/review/{application.id}/act/intake", f"/review/{application.id}/notes",
                f"/review/{application.id}/reject"):
        assert client.post(url, data={"body": "x", "reason": "other"}).status_code == 404
    client.post("/review/bulk", data={"ids": [application.id], "action": "intake"})
    db.session.refresh(application)
    assert application.state == workflow.SUBMITTED


def test_queue_and_export_are_limited_to_the_division(client, auth, make_user, submitted_application):
    mine = submitted_application(make_user("applicant"), division="210902", employer="海州单位")
    other = submitted_application(make_user("applicant"), division="210903", employer="新邱单位")
    auth.login(_hr_division(make_user))
    page = client.get("/review/").get_data(as_text=True)
    assert mine.reference in page and other.reference not in page
    with client.get("/review/export.csv?division=210903") as response:
        assert other.reference not in response.get_data(as_text=True)
    with client.get("/review/export.csv") as response:
        body = response.get_data(as_text=True)
    assert mine.reference in body and other.reference not in body


def test_queue_filters_search_sorting_and_pages(client, auth, make_user, submitted_application, walk):
    hr = make_user("hr")
    apps = [submitted_application(make_user("applicant"), division=d, category=c, employer=e)
            for d, c, e in [("210902", "D", "甲公司"), ("210903", "E", "乙公司"), ("210904", "D", "丙公司")]]
    walk(apps[0], hr, "intake")
    auth.login(hr)

    def refs(query):
        page = client.get("/review/" + query).get_data(as_text=True)
        return [a.reference for a in apps if a.reference in page]

    assert refs("") == [a.reference for a in apps]
    assert refs("?state=qualification_check") == [apps[0].reference]
    assert refs("?division=210903") == [apps[1].reference]
    assert refs("?category=D") == [apps[0].reference, apps[2].reference]
    assert refs("?q=丙公司") == [apps[2].reference]
    assert refs("?q=" + apps[1].reference) == [apps[1].reference]
    assert refs("?state=nonsense&page=abc&sort=evil") == [a.reference for a in apps]
    assert refs("?from=2000-01-01&to=2000-12-31") == []
    page = client.get("/review/?sort=reference").get_data(as_text=True)
    positions = [page.index(a.reference) for a in apps]
    assert positions == sorted(positions)


def test_waiting_on_me(client, auth, make_user, submitted_application, walk):
    city = make_user("hr")
    early = submitted_application(make_user("applicant"), division="210902")
    late = walk(submitted_application(make_user("applicant"), division="210902"), city,
                "intake", "pass_qualification", "county_approve")
    auth.login(_hr_division(make_user))
    page = client.get("/review/?mine=1").get_data(as_text=True)
    assert early.reference in page and late.reference not in page
    auth.logout()
    auth.login(city)
    page = client.get("/review/?mine=1").get_data(as_text=True)
    assert late.reference in page and early.reference not in page


def test_queue_pages(app, client, auth, make_user, submitted_application, monkeypatch):
    from portal.review import queue

    monkeypatch.setattr(queue, "PER_PAGE", 2)
    apps = [submitted_application(make_user("applicant")) for _ in range(3)]
    auth.login(make_user("hr"))
    first = client.get("/review/?sort=reference").get_data(as_text=True)
    second = client.get("/review/?sort=reference&page=2").get_data(as_text=True)
    assert apps[0].reference in first and apps[2].reference not in first
    assert apps[2].reference in second and apps[0].reference not in second
    assert "第 2 / 2 页" in second


def test_bulk_intake_takes_what_it_may_and_skips_the_rest(client, auth, make_user, submitted_application):
    ours = submitted_application(make_user("applicant"), division="210902")
    theirs = submitted_application(make_user("applicant"), division="210903")
    auth.login(_hr_division(make_user))
    response = client.post("/review/bulk", data={"ids": [ours.id, theirs.id], "action": "intake"},
                           follow_redirects=True)
    assert "已处理 1 份，跳过 1 份" in response.get_data(as_text=True)
    states = dict(db.session.execute(select(Application.id, Application.state)).all())
    assert states == {ours.id: workflow.QUALIFICATION, theirs.id: workflow.SUBMITTED}
    refused = client.post("/review/bulk", data={"ids": [ours.id], "action": "reject"}, follow_redirects=True)
    assert "不能批量执行" in refused.get_data(as_text=True)


def test_internal_notes_are_never_shown_to_the_applicant(client, auth, make_user, submitted_application):
    applicant, hr = make_user("applicant"), _hr_division(make_user)
    application = submitted_application(applicant)
    auth.login(hr)
    client.post(f"/review/{application.id}/notes", data={"body": "内部：单位电话核实中-7731"})
    assert "内部：单位电话核实中-7731" in client.get(f"/review/{application.id}").get_data(as_text=True)
    auth.logout()
    auth.login(applicant)
    for url in (f"/apply/{application.id}", "/notifications/", f"/apply/{application.id}/step/1"):
        assert "7731" not in client.get(url).get_data(as_text=True)
    assert client.get(f"/review/{application.id}").status_code == 403


def test_detail_shows_materials_inline_and_duplicate_warnings(client, auth, make_user, submitted_application):
    shared_phone = "13912340000"
    first = submitted_application(make_user("applicant", phone=shared_phone))
    second = submitted_application(make_user("applicant", phone=shared_phone),
                                   id_number=make_id_number("210902", "19850505", "021"))
    auth.login(make_user("hr"))
    material = second.materials[0]
    page = client.get(f"/review/{second.id}?material={material.id}").get_data(as_text=True)
    assert 'id="duplicates"' in page and first.reference in page and "手机号码" in page
    assert f"/apply/{second.id}/materials/{material.id}?inline=1" in page and "<iframe" in page
    with client.get(f"/apply/{second.id}/materials/{material.id}?inline=1") as response:
        assert response.status_code == 200 and "attachment" not in response.headers["Content-Disposition"]
    lone = submitted_application(make_user("applicant"), id_number=make_id_number("210902", "19860606", "033"))
    assert 'id="duplicates"' not in client.get(f"/review/{lone.id}").get_data(as_text=True)
    viewed = db.session.scalars(select(AuditEntry.action).where(AuditEntry.object_id == str(second.id))).all()
    assert "application.view" in viewed and "material.view" in viewed


def test_rejection_with_a_listed_reason_reaches_the_applicant(client, auth, make_user, submitted_application, walk,
                                                              outbox):
    applicant, hr = make_user("applicant"), _hr_division(make_user)
    application = walk(submitted_application(applicant), hr, "intake")
    auth.login(hr)
    client.post(f"/review/{application.id}/reject", data={"reason": "", "detail": "x"})
    db.session.refresh(application)
    assert application.state == workflow.QUALIFICATION
    client.post(f"/review/{application.id}/reject", data={"reason": "not_eligible", "detail": "工作年限不足"})
    db.session.refresh(application)
    assert application.state == workflow.REJECTED
    assert application.events[-1].comment == "不符合申报条件：工作年限不足"
    assert "工作年限不足" in outbox()[-1].get_content()
    auth.logout()
    auth.login(applicant)
    assert "不符合申报条件：工作年限不足" in client.get(f"/apply/{application.id}").get_data(as_text=True)


def test_every_staff_action_is_audited(make_user, submitted_application, walk):
    hr = make_user("hr")
    application = walk(submitted_application(make_user("applicant")), hr, "intake", "pass_qualification")
    review.add_note(application, hr, "备注")
    actions = db.session.scalars(select(AuditEntry.action).where(AuditEntry.object_id == str(application.id))
                                 .order_by(AuditEntry.id)).all()
    assert actions == ["transition.intake", "transition.pass_qualification", "note.add"]


def test_a_refused_or_rolled_back_transition_sends_no_mail(make_user, submitted_application, outbox):
    from portal.applications.transitions import TransitionRefused, move

    hr = make_user("hr")
    application = submitted_application(make_user("applicant"))
    before = len(outbox())
    with pytest.raises(RuntimeError):
        with db.transaction():
            move(application, "intake", hr)
            raise RuntimeError("something later in the transaction failed")
    with pytest.raises(TransitionRefused):
        review.take(application, "county_approve", hr)
    assert len(outbox()) == before
    assert db.session.scalar(select(Notification.id)) is None
    review.take(application, "intake", hr)
    assert len(outbox()) == before + 1


def test_a_capped_count_still_pages_on(client, auth, make_user, submitted_application, monkeypatch):
    from portal.review import queue

    monkeypatch.setattr(queue, "PER_PAGE", 1)
    monkeypatch.setattr(queue, "COUNT_CAP", 2)
    apps = [submitted_application(make_user("applicant")) for _ in range(4)]
    auth.login(make_user("hr"))
    first = client.get("/review/?sort=reference").get_data(as_text=True)
    assert "超过 2 份申报" in first and 'rel="next"' in first
    third = client.get("/review/?sort=reference&page=3").get_data(as_text=True)
    assert apps[2].reference in third and 'rel="next"' in third
    last = client.get("/review/?sort=reference&page=4").get_data(as_text=True)
    assert apps[3].reference in last and 'rel="next"' not in last


def test_a_refused_action_shows_the_page_again_with_what_was_typed(client, auth, make_user, submitted_application,
                                                                   walk):
    hr = _hr_division(make_user)
    application = walk(submitted_application(make_user("applicant")), hr, "intake")
    auth.login(hr)
    response = client.post(f"/review/{application.id}/reject", data={"reason": "", "detail": "我输入的说明-5521"})
    assert response.status_code == 400 and "我输入的说明-5521" in response.get_data(as_text=True)
    response = client.post(f"/review/{application.id}/act/county_approve", data={"comment": "意见-6610"})
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and "意见-6610" in page and "不能执行此操作" in page
    db.session.refresh(application)
    assert application.state == workflow.QUALIFICATION


@pytest.mark.csrf
def test_staff_actions_need_the_csrf_token(client, auth, make_user, submitted_application):
    from tests.conftest import csrf_token_from

    hr = _hr_division(make_user)
    application = submitted_application(make_user("applicant"))
    login_page = client.get("/login").get_data(as_text=True)
    client.post("/login", data={"email": hr.email, "password": "secret123", "csrf_token": csrf_token_from(login_page)})
    assert client.post(f"/review/{application.id}/act/intake", data={}).status_code == 400
    db.session.refresh(application)
    assert application.state == workflow.SUBMITTED
    token = csrf_token_from(client.get(f"/review/{application.id}").get_data(as_text=True))
    assert client.post(f"/review/{application.id}/act/intake", data={"csrf_token": token}).status_code == 302
    db.session.refresh(application)
    assert application.state == workflow.QUALIFICATION


def test_queue_filters_by_industry(client, auth, make_user, submitted_application):
    food = submitted_application(make_user("applicant"))
    with db.transaction():
        food.industry_code = "green_food"
    other = submitted_application(make_user("applicant"), id_number=make_id_number("210902", "19870101", "015"))
    auth.login(make_user("hr"))
    page = client.get("/review/?industry=green_food").get_data(as_text=True)
    assert food.reference in page and other.reference not in page
