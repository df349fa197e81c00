"""Scoring: the rubric arithmetic, the aggregate and ranking, locked reviews and the chair's
reopen and recommendation; staff see the aggregate and summaries but not panel-only comments."""
from datetime import timedelta

import pytest
from sqlalchemy import select

from portal.audit.models import AuditEntry
from portal.kernel import db
from portal.kernel.clock import today
from portal.panels import aggregation, assignments, declarations
from portal.panels import scores as reviews
from portal.panels.aggregation import Aggregate, aggregate, rank
from portal.panels.scoring import Criterion, weighted_score

SCORES = {"professional": 8, "innovation": 8, "industry": 8, "fuxin_fit": 8}


def test_weighted_score_places_each_criterion_in_its_range():
    criteria = (Criterion("a", "甲", "A", 3, 0, 10), Criterion("b", "乙", "B", 1, 1, 5))
    # (3 * 8/10 + 1 * (3-1)/4) / 4 * 100 = (2.4 + 0.5) / 4 * 100 = 72.5
    assert weighted_score(criteria, {"a": 8, "b": 3}) == 72.5
    assert weighted_score(criteria, {"a": 10, "b": 5}) == 100.0
    assert weighted_score(criteria, {"a": 0, "b": 1}) == 0.0


def test_aggregate_arithmetic():
    result = aggregate([(80.0, 3), (60.0, 1), (70.0, 2)], threshold=20)
    assert result == Aggregate(3, 73.33, 70.0, 70.0, 20.0, False)  # (240 + 60 + 140) / 6
    assert aggregate([(80.0, 3), (59.0, 1)], threshold=20).disagreement is True  # spread 21 > 20
    assert aggregate([(50.0, 1), (90.0, 1), (60.0, 1), (70.0, 1)], 50).median == 65.0
    assert aggregate([], 20).count == 0


def test_ranking_orders_by_weighted_score_and_shares_ties():
    a = aggregate([(90.0, 1)], 20)
    b = aggregate([(70.0, 1)], 20)
    ranked = rank({1: b, 2: a, 3: b, 4: aggregate([], 20)})
    assert [(position, app_id) for position, app_id, _agg in ranked] == [(1, 2), (2, 1), (2, 3), (0, 4)]


@pytest.fixture
def scored(make_user, make_expert, make_panel, expert_review_application):
    """An application with three assigned experts who declared no conflict; the first chairs the panel."""
    staff = make_user("hr")
    chair, second, third = (make_expert(affiliation=f"单位{n}") for n in range(3))
    panel = make_panel([chair, second, third], chair=chair)
    application = expert_review_application(make_user("applicant"))
    assignments.send_to_panel(application, panel, staff)
    made = assignments.assign(application, [chair, second, third], today() + timedelta(days=7), staff)
    for expert in (chair, second, third):
        declarations.declare_no_conflict(expert, application)
    return {"application": application, "assignments": made, "chair": chair, "staff": staff, "panel": panel}


def _submit(assignment, scores=SCORES, confidence=2):
    return reviews.save(assignment, scores, confidence, "仅评审组可见的意见", "给人才办的摘要", submit=True)


def test_a_submitted_review_is_locked_until_the_chair_reopens_it(scored):
    assignment = scored["assignments"][1]
    review = _submit(assignment)
    assert review.locked and review.weighted_score == 80.0
    with pytest.raises(reviews.ReviewRefused):
        reviews.save(assignment, {**SCORES, "professional": 2}, 2, "", "改", submit=True)
    with pytest.raises(reviews.ReviewRefused):  # only the chair may reopen
        reviews.reopen(review, assignment.expert, "想改")
    reviews.reopen(review, scored["chair"], "分数与意见不一致")
    assert not review.locked
    assert db.session.scalar(select(AuditEntry).where(AuditEntry.action == "review.reopen")).details["reason"]
    assert _submit(assignment, {**SCORES, "professional": 2}).weighted_score == 62.0  # .06+.2+.2+.16


def test_the_review_route_refuses_changes_once_locked(client, auth, scored):
    assignment = scored["assignments"][1]
    _submit(assignment)
    auth.login(assignment.expert.user)
    data = {"score_professional": 1, "score_innovation": 1, "score_industry": 1, "score_fuxin_fit": 1,
            "confidence": 1, "hr_summary": "改", "submit": "1"}
    page = client.post(f"/expert/applications/{scored['application'].id}/review", data=data,
                       follow_redirects=True).get_data(as_text=True)
    assert "已提交并锁定" in page
    db.session.refresh(assignment.review)
    assert assignment.review.scores["professional"] == 8


def test_submission_needs_every_score_a_confidence_and_a_summary(scored):
    assignment = scored["assignments"][0]
    with pytest.raises(reviews.ReviewRefused):
        reviews.save(assignment, {**SCORES, "industry": None}, 2, "", "摘要", submit=True)
    with pytest.raises(reviews.ReviewRefused):
        reviews.save(assignment, {**SCORES, "industry": 11}, 2, "", "摘要", submit=False)
    with pytest.raises(reviews.ReviewRefused):
        reviews.save(assignment, SCORES, None, "", "摘要", submit=True)
    draft = reviews.save(assignment, {"professional": 5}, None, "", "", submit=False)
    assert not draft.locked and draft.scores["professional"] == 5


def test_staff_see_the_aggregate_and_summaries_but_not_panel_comments(client, auth, scored):
    first, second, third = scored["assignments"]
    _submit(first, confidence=3)
    _submit(second, {"professional": 4, "innovation": 4, "industry": 4, "fuxin_fit": 4}, confidence=1)
    result = aggregation.application_aggregate(scored["application"])
    assert (result.count, result.mean, result.median, result.spread) == (2, 60.0, 60.0, 40.0)
    assert result.weighted == 70.0 and result.disagreement  # (80*3 + 40*1) / 4
    auth.login(scored["staff"])
    page = client.get(f"/panels/manage/applications/{scored['application'].id}").get_data(as_text=True)
    assert "70.0" in page and "给人才办的摘要" in page and "仅评审组可见的意见" not in page
    ranking = client.get(f"/panels/manage/{scored['panel'].id}/ranking").get_data(as_text=True)
    assert "70.0" in ranking
    auth.login(third.expert.user)
    panel_page = client.get(f"/expert/panels/{scored['panel'].id}").get_data(as_text=True)
    assert "仅评审组可见的意见" not in panel_page  # not before the expert's own score
    _submit(third)
    panel_page = client.get(f"/expert/panels/{scored['panel'].id}").get_data(as_text=True)
    assert "仅评审组可见的意见" in panel_page


def test_the_chair_writes_the_panel_recommendation(client, auth, scored):
    application = scored["application"]
    auth.login(scored["assignments"][1].expert.user)
    client.post(f"/expert/applications/{application.id}/recommendation",
                data={"outcome": "recommend", "text": "一致推荐"})
    assert reviews.recommendation_of(application) is None
    auth.login(scored["chair"].user)
    client.post(f"/expert/applications/{application.id}/recommendation",
                data={"outcome": "recommend", "text": "一致推荐"})
    assert reviews.recommendation_of(application) is None  # the chair reviews it too: own score first
    _submit(scored["assignments"][0])
    client.post(f"/expert/applications/{application.id}/recommendation",
                data={"outcome": "recommend", "text": "一致推荐"})
    assert reviews.recommendation_of(application).text == "一致推荐"
    auth.login(scored["staff"])
    assert "一致推荐" in client.get(f"/panels/manage/applications/{application.id}").get_data(as_text=True)


def test_a_draft_keeps_what_was_typed_and_submitting_an_incomplete_review_says_why(client, auth, scored):
    assignment = scored["assignments"][0]
    auth.login(assignment.expert.user)
    url = f"/expert/applications/{scored['application'].id}/review"
    client.post(url, data={"score_professional": "6", "panel_comment": "草稿意见", "save": "1"})
    db.session.refresh(assignment)
    assert assignment.review.scores["professional"] == 6 and not assignment.review.locked
    page = client.post(url, data={"score_professional": "6", "panel_comment": "草稿意见", "submit": "1"}).get_data(
        as_text=True)
    assert "请为“创新能力”打分。" in page and "草稿意见" in page  # nothing typed is lost
    page = client.post(url, data={"score_professional": "60", "submit": "1"}).get_data(as_text=True)
    assert "60" in page and 'aria-invalid="true"' in page


def test_hr_sees_the_panel_aggregate_on_the_decision_page(client, auth, make_user, make_expert, make_panel,
                                                          expert_review_application):
    from datetime import timedelta

    from portal.kernel.clock import today
    from portal.panels import assignments
    from portal.panels import scores as reviews

    hr = make_user("hr")
    reviewer = make_expert(affiliation="沈阳工业大学")
    panel = make_panel([reviewer])
    application = expert_review_application(make_user("applicant"))
    assignments.send_to_panel(application, panel, hr)
    [assignment] = assignments.assign(application, [reviewer], today() + timedelta(days=7), hr)
    reviews.save(assignment, {"professional": 8, "innovation": 8, "industry": 8, "fuxin_fit": 8}, 3,
                 "仅评审组可见的意见", "给人社部门的摘要", submit=True)
    auth.login(hr)
    page = client.get(f"/review/{application.id}").get_data(as_text=True)
    assert 'id="panel-outcome"' in page and "已评专家" in page
    assert "仅评审组可见的意见" not in page
