"""Every transition, from every state, for every role: allowed exactly where this independent
table of expectations says, forbidden everywhere else (the check the services and views rely on)."""
from __future__ import annotations

from datetime import date

import pytest

from portal.applications import workflow as wf
from portal.applications.transitions import TransitionRefused, check
from portal.kernel import db
from portal.publicity.models import PublicityBatch, PublicityEntry

PERSONAS = ("owner", "other_applicant", "expert", "station_manager", "hr_division", "hr_other_division",
            "hr_city", "admin")
OWNER = {"owner"}
DIVISION_UP = {"hr_division", "hr_city", "admin"}
CITY = {"hr_city", "admin"}
LIVE = set(wf.STATE_LABELS) - {wf.DRAFT, wf.RECOGNISED, wf.REJECTED, wf.WITHDRAWN}

# transition -> {source state: personas allowed}; `None` categories mean "any category".
EXPECTED: dict[str, dict[str, set[str]]] = {
    "submit": {wf.DRAFT: OWNER},
    "resubmit": {wf.RETURNED: OWNER},
    "withdraw": {state: OWNER for state in LIVE},
    "intake": {wf.SUBMITTED: DIVISION_UP, wf.RESUBMITTED: DIVISION_UP},
    "return_for_correction": {wf.QUALIFICATION: DIVISION_UP},
    "pass_qualification": {wf.QUALIFICATION: DIVISION_UP},
    "county_approve": {wf.COUNTY_REVIEW: DIVISION_UP},
    "send_to_experts": {wf.CITY_REVIEW: CITY},
    "city_approve": {wf.CITY_REVIEW: CITY},
    "experts_done": {wf.EXPERT_REVIEW: CITY},
    "start_publicity": {wf.DECISION: CITY},
    "pull_from_publicity": {wf.PUBLICITY: CITY},
    "recognise": {wf.PUBLICITY: CITY},
    "reject": {wf.QUALIFICATION: DIVISION_UP, wf.COUNTY_REVIEW: DIVISION_UP, wf.CITY_REVIEW: CITY,
               wf.EXPERT_REVIEW: CITY, wf.DECISION: CITY, wf.PUBLICITY: CITY},
}
# Transitions that depend on whether the category needs an expert panel (C does, D does not).
ONLY_FOR_CATEGORY = {"send_to_experts": "C", "city_approve": "D"}


def test_the_expectations_cover_exactly_the_workflow_table():
    assert set(EXPECTED) == set(wf.TRANSITIONS)
    for name, sources in EXPECTED.items():
        assert set(sources) == set(wf.TRANSITIONS[name].sources), name


@pytest.fixture
def cases(app, make_user, complete_application):
    """Two applications in division 210902 (categories C and D), both listed on a 公示 batch whose
    end date has passed, and one user per persona."""
    users = {persona: make_user("applicant") for persona in ("other_applicant",)}
    users.update(expert=make_user("expert"), station_manager=make_user("station_manager"),
                 hr_division=make_user("hr", division="210902"), hr_other_division=make_user("hr", division="210903"),
                 hr_city=make_user("hr"), admin=make_user("admin"))
    applications = {}
    for category in ("C", "D"):
        owner = make_user("applicant")
        applications[category] = (complete_application(owner, category=category, division="210902"), owner)
    with db.transaction() as session:
        batch = PublicityBatch(title="t", start_date=date(2026, 1, 5), end_date=date(2026, 1, 9),
                               objection_contact="c", created_by_id=users["hr_city"].id)
        session.add(batch)
        for application, _owner in applications.values():
            session.add(PublicityEntry(batch=batch, application=application, full_name="x", employer="y",
                                       category_code=application.category_code))
    return users, applications


def _allowed(application, name, actor) -> bool:
    try:
        check(application, name, actor, comment="reason")
    except TransitionRefused:
        return False
    return True


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_state_and_role(cases, name):
    users, applications = cases
    mismatches = []
    for category, (application, owner) in applications.items():
        actors = {**users, "owner": owner}
        for state in wf.STATE_LABELS:
            application.state = state
            for persona in PERSONAS:
                expected = persona in EXPECTED[name].get(state, set())
                if ONLY_FOR_CATEGORY.get(name, category) != category:
                    expected = False
                if _allowed(application, name, actors[persona]) != expected:
                    mismatches.append((category, state, persona, "should be allowed" if expected else "should be refused"))
    db.session.rollback()
    assert not mismatches


def test_a_file_is_returned_for_correction_only_once(submitted_application, make_user, walk):
    from portal.applications.filing import submit
    from portal.review import staff_review as review

    owner, hr = make_user("applicant"), make_user("hr", division="210902")
    application = submitted_application(owner)
    walk(application, hr, "intake")
    review.return_for_correction(application, hr, [review.Problem("other", None, "缺页")])
    submit(application, owner)
    walk(application, hr, "intake")
    with pytest.raises(TransitionRefused, match="退回补正过一次"):
        review.return_for_correction(application, hr, [review.Problem("other", None, "又缺页")])
    assert application.state == wf.QUALIFICATION


def test_comment_is_required_to_reject(decided_application, make_user):
    application = decided_application(make_user("applicant"))
    with pytest.raises(TransitionRefused):
        check(application, "reject", make_user("hr"), comment="  ")
