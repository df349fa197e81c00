"""公示: working days, batches only from decided consenting applications, objections, pulling an
entry, closing with certificate numbers, and public output without personal data."""
from __future__ import annotations

from datetime import date, datetime

import pytest

from portal.applications import workflow
from portal.demo.seed import make_id_number
from portal.kernel import db
from portal.kernel.china.working_days import Calendar, calendar
from portal.publicity import batches as publicity
from portal.publicity.batches import PublicityError

CONTACT = "市人才办 0418-1234567"


def test_working_days_skip_weekends():
    plain = Calendar(frozenset(), frozenset())
    assert plain.add_working_days(date(2026, 11, 20), 5) == date(2026, 11, 26)  # Fri -> next Thu
    assert plain.add_working_days(date(2026, 11, 21), 1) == date(2026, 11, 23)  # Sat start -> Mon
    assert plain.add_working_days(date(2026, 11, 23), 5) == date(2026, 11, 27)  # Mon -> Fri


def test_working_days_skip_listed_holidays_and_count_make_up_days(app):
    cal = calendar()
    # Thu 24 Sep 2026: 中秋 25-27 Sep and 国庆 1-7 Oct are off.
    assert cal.add_working_days(date(2026, 9, 24), 5) == date(2026, 10, 8)
    # Sun 20 Sep 2026 is a make-up working day (调休).
    assert cal.add_working_days(date(2026, 9, 18), 5) == date(2026, 9, 23)
    assert not cal.is_working_day(date(2026, 10, 1)) and cal.is_working_day(date(2026, 9, 20))
    assert publicity.end_date_for(date(2026, 9, 24)) == date(2026, 10, 8)


def test_a_batch_takes_only_decided_applications_with_publication_consent(make_user, decided_application,
                                                                          submitted_application):
    city = make_user("hr")
    consenting = decided_application(make_user("applicant"))
    refusing = decided_application(make_user("applicant"), publication=False,
                                   id_number=make_id_number("210902", "19900101", "011"))
    undecided = submitted_application(make_user("applicant"), id_number=make_id_number("210902", "19900102", "011"))
    for ids in ([refusing.id], [undecided.id], [consenting.id, refusing.id]):
        with pytest.raises(PublicityError):
            publicity.create_batch(city, "批次", date(2026, 11, 23), ids, CONTACT)
    db.session.refresh(consenting)
    assert consenting.state == workflow.DECISION  # all or nothing
    assert publicity.eligible_applications() == [consenting]
    with pytest.raises(PublicityError):
        publicity.create_batch(make_user("hr", division="210902"), "批次", date(2026, 11, 23), [consenting.id], CONTACT)
    batch = publicity.create_batch(city, "第一批", date(2026, 11, 23), [consenting.id], CONTACT)
    assert batch.end_date == date(2026, 11, 27) and consenting.state == workflow.PUBLICITY


def _batch(make_user, decided_application, count=2):
    city = make_user("hr")
    apps = [decided_application(make_user("applicant"), id_number=make_id_number("210902", "19900101", f"{n:03d}"))
            for n in range(count)]
    return city, apps, publicity.create_batch(city, "第一批", date(2026, 11, 23), [a.id for a in apps], CONTACT)


def test_objections_decide_the_outcome_when_the_batch_closes(make_user, decided_application, frozen_clock, outbox):
    city, (kept, objected), batch = _batch(make_user, decided_application)
    entry = next(e for e in batch.entries if e.application_id == objected.id)
    objection = publicity.record_objection(entry, city, "王某", "13800001111", date(2026, 11, 24), "学历造假")
    frozen_clock(datetime(2026, 11, 27, 2, 0))
    with pytest.raises(PublicityError, match="结束"):
        publicity.close_batch(batch, city)
    frozen_clock(datetime(2026, 11, 28, 2, 0))
    with pytest.raises(PublicityError, match="未核查"):
        publicity.close_batch(batch, city)
    publicity.decide_objection(objection, city, upheld=True, resolution="经核查属实")
    assert publicity.close_batch(batch, city) == (1, 1)
    assert kept.state == workflow.RECOGNISED and kept.certificate_number == f"FXYC-2026-{kept.id:06d}"
    assert objected.state == workflow.REJECTED and objected.certificate_number is None
    assert objected.events[-1].comment == "公示期间异议成立"
    assert batch.closed_at is not None
    assert kept.certificate_number in outbox()[-2].get_content() + outbox()[-1].get_content()
    with pytest.raises(PublicityError):
        publicity.record_objection(entry, city, "李某", "1", date(2026, 11, 28), "晚了")


def test_a_dismissed_objection_does_not_block_recognition(make_user, decided_application, frozen_clock):
    city, (only,), batch = _batch(make_user, decided_application, count=1)
    objection = publicity.record_objection(batch.entries[0], city, "王某", "13800001111", date(2026, 11, 24), "怀疑")
    publicity.decide_objection(objection, city, upheld=False, resolution="经核查不属实")
    frozen_clock(datetime(2026, 11, 28, 2, 0))
    assert publicity.close_batch(batch, city) == (1, 0)
    assert only.state == workflow.RECOGNISED


def test_an_objection_needs_a_real_name_and_content(make_user, decided_application):
    city, _apps, batch = _batch(make_user, decided_application, count=1)
    with pytest.raises(PublicityError):
        publicity.record_objection(batch.entries[0], city, " ", "138", date(2026, 11, 24), "匿名")


def test_pulling_an_entry_returns_it_to_the_decision_stage_and_off_the_public_list(make_user, decided_application,
                                                                                 frozen_clock):
    city, (pulled, kept), batch = _batch(make_user, decided_application)
    entry = next(e for e in batch.entries if e.application_id == pulled.id)
    publicity.pull_entry(entry, city, "需要补充核查")
    assert pulled.state == workflow.DECISION
    names = [e["full_name"] for e in publicity.public_batch(batch)["entries"]]
    assert len(names) == 1
    frozen_clock(datetime(2026, 11, 28, 2, 0))
    assert publicity.close_batch(batch, city) == (1, 0)
    assert pulled.state == workflow.DECISION and kept.state == workflow.RECOGNISED


def test_public_output_carries_no_personal_contact_data(app, client, make_user, decided_application, frozen_clock):
    id_number = make_id_number("110101", "19770707", "777")
    phone, email, address = "13677778888", "planted.unique@example.com", "阜新市独一无二路 987 号"
    applicant = make_user("applicant", email=email, phone=phone)
    application = decided_application(applicant, id_number=id_number)
    application.address = address
    db.session.commit()
    city = make_user("hr")
    batch = publicity.create_batch(city, "第二批", date(2026, 11, 23), [application.id], CONTACT)
    open_pages = [client.get("/gongshi/").get_data(as_text=True),
                  client.get(f"/gongshi/{batch.id}").get_data(as_text=True)]
    frozen_clock(datetime(2026, 11, 28, 2, 0))
    publicity.close_batch(batch, city)
    data = publicity.public_batches() + publicity.honour_roll()
    pages = open_pages + [client.get(url).get_data(as_text=True) for url in ("/gongshi/", f"/gongshi/{batch.id}",
                                                                            "/gongshi/honours")]
    published = repr(data) + "".join(pages)
    assert "测试申报人" in published and CONTACT in published
    for secret in (id_number, id_number[-8:], phone, phone[3:], email, address, "987 号"):
        assert secret not in published, secret
    for batch_data in publicity.public_batches():
        assert set(batch_data) == set(publicity.PUBLIC_BATCH_FIELDS)
        assert all(set(entry) == set(publicity.PUBLIC_ENTRY_FIELDS) for entry in batch_data["entries"])
    assert all(set(person) == set(publicity.PUBLIC_ENTRY_FIELDS) | {"recognised_on"}
               for person in publicity.honour_roll())


def test_honour_roll_lists_only_consenting_recognised_talents(make_user, decided_application, frozen_clock):
    city, (person,), batch = _batch(make_user, decided_application, count=1)
    frozen_clock(datetime(2026, 11, 28, 2, 0))
    publicity.close_batch(batch, city)
    assert [p["full_name"] for p in publicity.honour_roll()] == ["测试申报人"]
    person.publication_consent = False
    db.session.commit()
    assert publicity.honour_roll() == []


def test_staff_pages_run_a_batch_end_to_end(client, auth, make_user, decided_application, frozen_clock):
    application = decided_application(make_user("applicant"))
    city = make_user("hr")
    auth.login(city)
    page = client.get("/gongshi/manage/").get_data(as_text=True)
    assert application.reference in page
    response = client.post("/gongshi/manage/", data={"title": "网页批次", "start_date": "2026-11-23", "working_days": "5",
                                                     "objection_contact": CONTACT, "applications": [application.id]})
    assert response.status_code == 302
    db.session.refresh(application)
    assert application.state == workflow.PUBLICITY
    batch = publicity.batches()[0]
    entry = batch.entries[0]
    page = client.get(f"/gongshi/manage/{batch.id}").get_data(as_text=True)
    assert f'id="o{entry.id}-objector_name"' in page and f'id="p{entry.id}-reason"' in page
    client.post(f"/gongshi/manage/entries/{entry.id}/objections", data={
        f"o{entry.id}-objector_name": "王某", f"o{entry.id}-objector_contact": "138",
        f"o{entry.id}-received_on": "2026-11-24", f"o{entry.id}-content": "有异议"})
    db.session.refresh(entry)
    assert [o.content for o in entry.objections] == ["有异议"]
    objection_id = entry.objections[0].id
    client.post(f"/gongshi/manage/objections/{objection_id}/decide",
                data={f"d{objection_id}-decision": "dismissed", f"d{objection_id}-resolution": "不属实"})
    db.session.refresh(entry)
    assert entry.objections[0].status == "dismissed"
    frozen_clock(datetime(2026, 11, 28, 2, 0))
    client.post(f"/gongshi/manage/{batch.id}/close", data={})
    db.session.refresh(application)
    assert application.state == workflow.RECOGNISED and application.certificate_number
    auth.logout()
    auth.login(make_user("hr", division="210902"))
    assert client.post(f"/gongshi/manage/{batch.id}/close", data={}).status_code == 403


def test_an_applicant_who_withdraws_during_publicity_leaves_the_list_and_the_batch_still_closes(
        make_user, decided_application, frozen_clock):
    from portal.applications.filing import withdraw

    city, (leaver, stayer), batch = _batch(make_user, decided_application)
    withdraw(leaver, leaver.applicant, "不再申请")
    assert len(publicity.public_batch(batch)["entries"]) == 1
    frozen_clock(datetime(2026, 11, 28, 2, 0))
    assert publicity.close_batch(batch, city) == (1, 0)
    assert stayer.state == workflow.RECOGNISED and leaver.state == workflow.WITHDRAWN
    assert sorted(e.outcome for e in batch.entries) == ["recognised", "withdrawn"]


def test_an_incomplete_objection_form_keeps_what_was_typed(client, auth, make_user, decided_application):
    city, (only,), batch = _batch(make_user, decided_application, count=1)
    entry = batch.entries[0]
    auth.login(city)
    response = client.post(f"/gongshi/manage/entries/{entry.id}/objections", data={
        f"o{entry.id}-objector_name": "", f"o{entry.id}-objector_contact": "138-联系-4471",
        f"o{entry.id}-received_on": "2026-11-24", f"o{entry.id}-content": "异议内容-8813"})
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and "138-联系-4471" in page and "异议内容-8813" in page
    assert "请填写异议人姓名" in page
    db.session.refresh(entry)
    assert entry.objections == []


def test_only_city_staff_see_the_publicity_link(client, auth, make_user):
    auth.login(make_user("hr"))
    assert "/gongshi/manage/" in client.get("/review/").get_data(as_text=True)
    auth.logout()
    auth.login(make_user("hr", division="210902"))
    page = client.get("/review/").get_data(as_text=True)
    assert "/gongshi/manage/" not in page and "/review/dashboard" in page
