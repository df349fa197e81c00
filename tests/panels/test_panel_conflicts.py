"""Conflicts of interest: automatic (affiliation = current or listed employer; recorded
relationship), self-declared, overridden by staff with an audit entry; a conflicted expert can
neither see nor score the application on any route, listing, search or export."""
from datetime import timedelta

import pytest
from sqlalchemy import select

from portal.audit.models import AuditEntry
from portal.kernel import db
from portal.kernel.clock import today
from portal.panels import assignments, conflicts, declarations
from portal.panels.models import ConflictOfInterest


@pytest.fixture
def staff(make_user):
    return make_user("hr")


@pytest.fixture
def case(make_user, make_expert, make_panel, expert_review_application, staff):
    """An application (employer 阜新示例科技有限公司) sent to a panel of three experts; the two
    not conflicted are assigned and declared no conflict."""
    same = make_expert("同单位专家", affiliation=" 阜新示例科技 有限公司")  # spacing differs: still the same
    other = make_expert("外单位专家", affiliation="辽宁工程技术大学")
    third = make_expert("第三位专家", affiliation="沈阳工业大学")
    panel = make_panel([same, other, third])
    application = expert_review_application(make_user("applicant"))
    assignments.send_to_panel(application, panel, staff)
    assignments.assign(application, [other, third], today() + timedelta(days=7), staff)
    for expert in (other, third):
        declarations.declare_no_conflict(expert, application)
    return {"application": application, "same": same, "other": other, "third": third, "panel": panel}


def test_the_same_affiliation_as_the_current_employer_is_a_conflict(case):
    assert conflicts.is_conflicted(case["same"], case["application"])
    assert not conflicts.is_conflicted(case["other"], case["application"])
    row = db.session.scalar(select(ConflictOfInterest).where(ConflictOfInterest.expert_id == case["same"].id))
    assert row.source == "affiliation"


def test_an_employer_listed_in_a_snapshot_is_a_conflict(make_user, make_expert, make_panel,
                                                         expert_review_application, staff):
    former = make_expert("前单位专家", affiliation="辽西新能源研究院")
    application = expert_review_application(make_user("applicant"))
    with db.transaction():
        snapshot = application.snapshots[0]
        snapshot.data = {**snapshot.data, "previous_employers": ["辽西新能源研究院"]}
    assert not conflicts.is_conflicted(former, application)
    assignments.send_to_panel(application, make_panel([former]), staff)
    assert conflicts.is_conflicted(former, application)


def test_a_recorded_relationship_is_a_conflict_and_is_audited(case, staff):
    application = case["application"]
    conflicts.record_relationship(case["other"], application.applicant, "师生", staff)
    assert conflicts.is_conflicted(case["other"], application)
    assert db.session.scalar(select(AuditEntry).where(AuditEntry.action == "relationship.record"))


def test_the_proposal_and_manual_assignment_skip_a_conflicted_expert(case, staff):
    application = case["application"]
    with db.transaction():
        for a in assignments.assignments_of(application):
            db.session.delete(a)
    picks = assignments.propose_for([assignments.case_of(application)]).picks[application.id]
    assert case["same"].id not in picks and len(picks) == 2
    with pytest.raises(assignments.AssignmentRefused):
        assignments.assign(application, [case["same"]], today(), staff)


def test_an_expert_declares_a_conflict_and_loses_sight_of_the_application(client, auth, case):
    application, expert = case["application"], case["other"]
    auth.login(expert.user)
    assert client.get(f"/expert/applications/{application.id}").status_code == 200
    response = client.post(f"/expert/applications/{application.id}/conflict", data={"reason": "曾与申报人合作"})
    assert response.status_code == 302
    assert conflicts.is_conflicted(expert, application)
    row = db.session.scalar(select(ConflictOfInterest).where(ConflictOfInterest.expert_id == expert.id))
    assert row.source == "declared" and row.detail == "曾与申报人合作"
    assert client.get(f"/expert/applications/{application.id}").status_code == 404


def test_a_declaration_needs_a_reason(client, auth, case):
    auth.login(case["other"].user)
    client.post(f"/expert/applications/{case['application'].id}/conflict", data={"reason": " "})
    assert not conflicts.is_conflicted(case["other"], case["application"])


def test_a_conflicted_expert_is_refused_everywhere(client, auth, case, staff):
    application, expert = case["application"], case["third"]
    material = application.materials[1]
    auth.login(expert.user)
    reference, link = application.reference, f"/expert/applications/{application.id}\""
    # before: visible on every route, in the listing and in search
    assert client.get(f"/expert/applications/{application.id}").status_code == 200
    assert link in client.get("/expert/").get_data(as_text=True)
    assert link in client.get(f"/expert/?q={reference}").get_data(as_text=True)
    assert link not in client.get("/expert/?q=no-such-thing").get_data(as_text=True)
    assert reference in client.get("/expert/assignments.csv").get_data(as_text=True)
    assert link in client.get(f"/expert/panels/{case['panel'].id}").get_data(as_text=True)
    with client.get(f"/expert/applications/{application.id}/materials/{material.id}") as r:
        assert r.status_code == 200
    conflicts.record_relationship(expert, application.applicant, "亲属", staff)
    assert client.get(f"/expert/applications/{application.id}").status_code == 404
    with client.get(f"/expert/applications/{application.id}/materials/{material.id}") as r:
        assert r.status_code == 404
    with client.get(f"/apply/{application.id}/materials/{material.id}") as r:
        assert r.status_code in (403, 404)
    assert client.get(f"/apply/{application.id}").status_code in (403, 404)
    scores = {"score_professional": 5, "score_innovation": 5, "score_industry": 5, "score_fuxin_fit": 5,
              "confidence": 2, "hr_summary": "x", "submit": "1"}
    assert client.post(f"/expert/applications/{application.id}/review", data=scores).status_code == 404
    assert link not in client.get("/expert/").get_data(as_text=True)
    assert link not in client.get(f"/expert/?q={reference}").get_data(as_text=True)
    assert reference not in client.get("/expert/assignments.csv").get_data(as_text=True)
    assert link not in client.get(f"/expert/panels/{case['panel'].id}").get_data(as_text=True)


def test_staff_override_a_conflict_with_a_reason_and_it_is_audited(client, auth, case, staff):
    application, expert = case["application"], case["same"]
    row = db.session.scalar(select(ConflictOfInterest).where(ConflictOfInterest.expert_id == expert.id))
    auth.login(staff)
    client.post(f"/panels/manage/conflicts/{row.id}/override", data={"reason": ""})
    assert conflicts.is_conflicted(expert, application)
    client.post(f"/panels/manage/conflicts/{row.id}/override", data={"reason": "已调离该单位五年"})
    assert not conflicts.is_conflicted(expert, application)
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "conflict.override"))
    assert entry.actor_id == staff.id and entry.details["reason"] == "已调离该单位五年"
    # re-detection (e.g. on a profile save) never undoes an override
    with db.transaction():
        conflicts.detect(application, [expert])
    assert not conflicts.is_conflicted(expert, application)


def test_staff_see_the_conflicts_on_the_case_page(client, auth, case, staff):
    auth.login(staff)
    page = client.get(f"/panels/manage/applications/{case['application'].id}").get_data(as_text=True)
    assert "同单位专家" in page and "单位相同" in page


def test_names_are_compared_loosely():
    assert conflicts.normalise("辽宁工程技术大学 ") == conflicts.normalise("辽宁工程技术大学")
    assert conflicts.normalise("ＡＢＣ（阜新）公司") == conflicts.normalise("abc(阜新)公司")
    assert conflicts.normalise("阜新大学") != conflicts.normalise("辽宁大学")


@pytest.mark.csrf
def test_an_override_without_the_csrf_token_changes_nothing(client, auth, case, staff):
    row = db.session.scalar(select(ConflictOfInterest).where(ConflictOfInterest.expert_id == case["same"].id))
    client.post("/login", data={"email": staff.email, "password": "secret123",
                                "csrf_token": _token(client.get("/login"))})
    response = client.post(f"/panels/manage/conflicts/{row.id}/override", data={"reason": "无令牌"})
    assert response.status_code == 400
    assert conflicts.is_conflicted(case["same"], case["application"])


def _token(response):
    from tests.conftest import csrf_token_from

    return csrf_token_from(response.get_data(as_text=True))


def test_conflicts_are_re_detected_when_a_panel_case_moves(case, staff, monkeypatch):
    """A later transition (here a stand-in that changes the employer) re-detects conflicts."""
    from portal.applications import transitions, workflow

    application, other = case["application"], case["other"]
    monkeypatch.setitem(workflow.TRANSITIONS, "test_move", workflow.Transition(
        "test_move", frozenset({workflow.EXPERT_REVIEW}), workflow.EXPERT_REVIEW, frozenset({"hr"}), "test"))
    with db.transaction():
        application.employer = "辽宁工程技术大学"
    assert not conflicts.is_conflicted(other, application)
    transitions.apply_transition(application, "test_move", staff)
    assert conflicts.is_conflicted(other, application)
