"""Independent, declared expert review (issue 16): before a file opens the expert sees only name,
employer and category and declares no conflict, a conflict, or declines with a reason (the slot
returns to the proposal); until they scored they see nothing of a colleague's work; staff see when
each expert declared and scored; every view of the case page and of experts' contacts is audited."""
from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from portal.audit.models import AuditEntry
from portal.kernel import db
from portal.kernel.clock import today
from portal.panels import assignments, declarations
from portal.panels import scores as reviews
from portal.panels.models import ConflictOfInterest

SCORES = {"professional": 8, "innovation": 8, "industry": 8, "fuxin_fit": 8}
COLLEAGUE_COMMENT = "同行专家的保密评审意见"


@pytest.fixture
def trio(make_user, make_expert, make_panel, expert_review_application):
    """An application with three assigned experts on a blind panel (plus a spare member); the
    colleague declared no conflict and submitted a score with a comment."""
    staff = make_user("hr")
    me = make_expert("独立评审甲", affiliation="沈阳工业大学")
    colleague = make_expert("同行评审乙", affiliation="大连示例理工大学")
    third = make_expert("第三评审丙", affiliation="辽宁大学")
    spare = make_expert("候补评审丁", affiliation="东北大学")
    panel = make_panel([me, colleague, third, spare])
    application = expert_review_application(make_user("applicant"))
    assignments.send_to_panel(application, panel, staff)
    made = assignments.assign(application, [me, colleague, third], today() + timedelta(days=7), staff)
    declarations.declare_no_conflict(colleague, application)
    reviews.save(made[1], {"professional": 7, "innovation": 6, "industry": 9, "fuxin_fit": 3}, 2,
                 COLLEAGUE_COMMENT, "同行摘要", submit=True)
    return {"application": application, "panel": panel, "me": me, "colleague": colleague, "third": third,
            "spare": spare, "staff": staff, "assignments": made}


def _expert_pages(client, trio):
    app_id, panel_id = trio["application"].id, trio["panel"].id
    urls = ["/expert/", f"/expert/applications/{app_id}/check", f"/expert/applications/{app_id}",
            f"/expert/panels/{panel_id}", "/expert/assignments.csv"]
    return [client.get(url, follow_redirects=True).get_data(as_text=True) for url in urls]


def _shows_colleague(page: str, trio) -> bool:
    colleague_review = trio["assignments"][1].review
    return (COLLEAGUE_COMMENT in page or trio["colleague"].name in page
            or str(colleague_review.weighted_score) in page)


def test_the_file_opens_only_after_no_conflict_is_declared(client, auth, trio):
    application = trio["application"]
    material = application.materials[1]
    auth.login(trio["me"].user)
    response = client.get(f"/expert/applications/{application.id}")
    assert response.status_code == 302 and response.location.endswith(f"/expert/applications/{application.id}/check")
    check = client.get(f"/expert/applications/{application.id}/check").get_data(as_text=True)
    assert application.full_name in check and application.employer in check
    assert application.id_number not in check and application.phone not in check
    assert 'id="review-form"' not in check
    with client.get(f"/expert/applications/{application.id}/materials/{material.id}") as r:
        assert r.status_code == 403
    page = client.post(f"/expert/applications/{application.id}/review",
                       data={**{f"score_{k}": v for k, v in SCORES.items()}, "confidence": 2, "hr_summary": "x",
                             "submit": "1"}, follow_redirects=True).get_data(as_text=True)
    assert "请先确认您与申报人是否存在利益冲突" in page and trio["assignments"][0].review is None
    assert client.post(f"/expert/applications/{application.id}/no-conflict").status_code == 302
    assert declarations.has_cleared(trio["me"], application)
    assert 'id="review-form"' in client.get(f"/expert/applications/{application.id}").get_data(as_text=True)
    with client.get(f"/expert/applications/{application.id}/materials/{material.id}") as r:
        assert r.status_code == 200


def test_an_expert_who_has_not_scored_sees_no_other_experts_work(client, auth, trio):
    auth.login(trio["me"].user)
    for page in _expert_pages(client, trio):  # before declaring
        assert not _shows_colleague(page, trio)
    declarations.declare_no_conflict(trio["me"], trio["application"])
    for page in _expert_pages(client, trio):  # declared, not yet scored
        assert not _shows_colleague(page, trio)
    panel_page = client.get(f"/expert/panels/{trio['panel'].id}").get_data(as_text=True)
    assert "提交您自己的评分后，才能查看其他专家的评分和意见。" in panel_page
    reviews.save(trio["assignments"][0], SCORES, 2, "我的意见", "我的摘要", submit=True)
    panel_page = client.get(f"/expert/panels/{trio['panel'].id}").get_data(as_text=True)
    assert COLLEAGUE_COMMENT in panel_page  # after scoring: the work, but on a blind panel no name
    assert trio["colleague"].name not in panel_page and "专家 2" in panel_page


def test_after_scoring_names_show_only_on_a_panel_that_is_not_blind(client, auth, trio):
    panel = trio["panel"]
    with db.transaction():
        panel.blind = False
    declarations.declare_no_conflict(trio["me"], trio["application"])
    auth.login(trio["me"].user)
    assert trio["colleague"].name not in client.get(f"/expert/panels/{panel.id}").get_data(as_text=True)
    reviews.save(trio["assignments"][0], SCORES, 2, "我的意见", "我的摘要", submit=True)
    page = client.get(f"/expert/panels/{panel.id}").get_data(as_text=True)
    assert trio["colleague"].name in page and COLLEAGUE_COMMENT in page


def test_the_chair_who_reviews_must_score_before_recommending(client, auth, trio):
    application, me = trio["application"], trio["me"]
    from portal.panels import experts
    experts.save_panel(trio["panel"], {name: getattr(trio["panel"], name) for name in experts.PANEL_FIELDS}, me,
                       None)
    declarations.declare_no_conflict(me, application)
    auth.login(me.user)
    client.post(f"/expert/applications/{application.id}/recommendation", data={"outcome": "recommend", "text": "推荐"})
    assert reviews.recommendation_of(application) is None
    reviews.save(trio["assignments"][0], SCORES, 2, "我的意见", "我的摘要", submit=True)
    client.post(f"/expert/applications/{application.id}/recommendation", data={"outcome": "recommend", "text": "推荐"})
    assert reviews.recommendation_of(application).text == "推荐"


def test_declaring_a_conflict_before_opening_removes_the_expert_from_the_case(client, auth, trio):
    application, me = trio["application"], trio["me"]
    auth.login(me.user)
    response = client.post(f"/expert/applications/{application.id}/conflict", data={"reason": "申报人是我的学生"})
    assert response.status_code == 302
    row = db.session.scalar(select(ConflictOfInterest).where(ConflictOfInterest.expert_id == me.id))
    assert row.source == "declared" and row.detail == "申报人是我的学生"
    assert me.id not in [a.expert_id for a in assignments.assignments_of(application)]
    assert client.get(f"/expert/applications/{application.id}/check").status_code == 404
    picks = assignments.propose_for([assignments.case_of(application)]).picks[application.id]
    assert picks == [trio["spare"].id]


def test_declining_with_a_reason_returns_the_slot_and_the_proposal_offers_someone_else(client, auth, trio):
    application, me = trio["application"], trio["me"]
    case = assignments.case_of(application)
    assert assignments.propose_for([case]).picks[application.id] == []  # three assigned: full
    auth.login(me.user)
    client.post(f"/expert/applications/{application.id}/decline", data={"reason": " "})
    assert me.id in [a.expert_id for a in assignments.assignments_of(application)]  # a reason is needed
    response = client.post(f"/expert/applications/{application.id}/decline", data={"reason": "出差一个月"})
    assert response.status_code == 302
    assert me.id not in [a.expert_id for a in assignments.assignments_of(application)]
    assert assignments.propose_for([case]).picks[application.id] == [trio["spare"].id]
    with pytest.raises(assignments.AssignmentRefused, match="已谢绝"):
        assignments.assign(application, [me], today(), trio["staff"])
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "assignment.decline"))
    assert entry.details["reason"] == "出差一个月"
    auth.login(trio["staff"])
    page = client.get(f"/panels/manage/applications/{application.id}").get_data(as_text=True)
    assert "出差一个月" in page and "谢绝评审" in page
    assert f'name="experts" value="{me.id}"' not in page
    assert f'name="experts" value="{trio["spare"].id}" checked' in page


def test_a_submitted_review_cannot_be_declined(trio):
    with pytest.raises(declarations.DeclarationRefused):
        declarations.decline(trio["colleague"], trio["application"], "太忙")


def test_staff_see_when_each_expert_declared_and_scored(client, auth, trio, frozen_clock):
    application, me = trio["application"], trio["me"]
    frozen_clock(datetime(2026, 11, 24, 1, 30))
    declarations.declare_no_conflict(me, application)
    frozen_clock(datetime(2026, 11, 25, 6, 45))
    reviews.save(trio["assignments"][0], SCORES, 2, "我的意见", "我的摘要", submit=True)
    auth.login(trio["staff"])
    page = client.get(f"/panels/manage/applications/{application.id}").get_data(as_text=True)
    assert "2026-11-24 09:30" in page and "2026-11-25 14:45" in page  # China time
    assert "尚未确认" in page  # the third expert has not declared
    decision = client.get(f"/review/{application.id}").get_data(as_text=True)
    assert 'id="expert-timeline"' in decision and "2026-11-24 09:30" in decision and "2026-11-25 14:45" in decision


def test_every_view_of_the_case_page_is_audited(client, auth, trio):
    application, me = trio["application"], trio["me"]
    declarations.declare_no_conflict(me, application)
    auth.login(me.user)
    client.get(f"/expert/applications/{application.id}")
    client.get(f"/expert/applications/{application.id}")
    views = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "application.expert_view")).all()
    assert len(views) == 2 and {v.actor_id for v in views} == {me.user_id}
    assert {v.object_id for v in views} == {str(application.id)}
    assert db.session.scalar(select(AuditEntry).where(AuditEntry.action == "declaration.no_conflict"))


def test_staff_views_of_experts_contacts_are_audited(client, auth, trio):
    staff = trio["staff"]
    auth.login(staff)
    assert trio["me"].phone in client.get("/panels/manage/experts").get_data(as_text=True)
    client.get(f"/panels/manage/experts/{trio['me'].id}")
    entries = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "expert.contacts_view")
                                 .order_by(AuditEntry.id)).all()
    assert [e.actor_id for e in entries] == [staff.id, staff.id]
    assert trio["me"].id in entries[0].details["expert_ids"] and entries[1].object_id == str(trio["me"].id)
