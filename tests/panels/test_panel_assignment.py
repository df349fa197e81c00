"""Reviewer proposals: conflicts, load caps, load balance and one reviewer per affiliation, on
pure data and through the database; manual assignment enforces the same rules."""
import random
from datetime import timedelta

import pytest

from portal.kernel.clock import today
from portal.panels import assignments
from portal.panels.assignment_proposal import (
    Case,
    Expert,
    Proposal,
    final_loads,
    propose,
    violations,
)


def _world(seed: int = 7):
    rng = random.Random(seed)
    experts = [Expert(i, f"org-{i % 8}", max_load=rng.randint(7, 10), load=rng.randint(0, 2)) for i in range(30)]
    cases = [Case(100 + n, tuple(range(30)), 3, frozenset(rng.sample(range(30), 3))) for n in range(60)]
    return cases, experts


def test_every_rule_holds_on_a_smaller_case():
    cases, experts = _world()
    proposal = propose(cases, experts)
    assert violations(proposal, cases, experts) == []
    caps = {e.id: e.max_load for e in experts}
    for case in cases:
        picks = proposal.picks[case.id]
        assert len(picks) == 3 and not set(picks) & case.conflicts
        assert len({f"org-{i % 8}" for i in picks}) == 3  # three different affiliations
    loads = final_loads(proposal, experts)
    assert all(loads[i] <= caps[i] for i in loads)
    assert max(loads.values()) - min(loads.values()) <= 2  # balanced (loads started 0..2)


def test_caps_leave_places_unfilled_rather_than_overloading():
    experts = [Expert(1, "a", max_load=1), Expert(2, "b", max_load=1), Expert(3, "c", max_load=5)]
    cases = [Case(n, (1, 2, 3), 2) for n in range(3)]
    proposal = propose(cases, experts)
    assert violations(proposal, cases, experts) == []
    assert final_loads(proposal, experts) == {1: 1, 2: 1, 3: 3}
    assert sum(proposal.unfilled.values()) == 1


def test_one_reviewer_per_affiliation_even_with_earlier_assignments():
    experts = [Expert(1, "同一大学", 9), Expert(2, "同一大学", 9), Expert(3, "研究院", 9)]
    case = Case(1, (1, 2, 3), 2, assigned=(1,))
    proposal = propose([case], experts)
    assert proposal.picks[1] == [3] and proposal.unfilled[1] == 1


def test_the_checker_catches_each_kind_of_violation():
    experts = [Expert(1, "x", 1), Expert(2, "x", 5), Expert(3, "y", 5)]
    cases = [Case(1, (1, 2, 3), 2, conflicts=frozenset({3})), Case(2, (1, 2, 3), 1)]
    bad = Proposal(picks={1: [1, 2], 2: [1]})  # same affiliation, and expert 1 over cap
    assert len(violations(bad, cases, experts)) == 2
    assert any("conflicted" in v for v in violations(Proposal(picks={1: [3], 2: []}), cases, experts))


@pytest.fixture
def staff(make_user):
    return make_user("hr")


def test_database_proposal_respects_caps_and_category_counts(make_user, make_expert, make_panel,
                                                             expert_review_application, staff):
    full = make_expert("满负荷", affiliation="甲大学", max_load=1)
    others = [make_expert(f"专家{n}", affiliation=f"单位{n}") for n in range(6)]
    panel = make_panel([full, *others])
    earlier = expert_review_application(make_user("applicant"))
    assignments.send_to_panel(earlier, panel, staff)
    assignments.assign(earlier, [full], today() + timedelta(days=5), staff)
    top = expert_review_application(make_user("applicant"), category="A")
    case = assignments.send_to_panel(top, panel, staff)
    picks = assignments.propose_for([case]).picks[top.id]
    assert len(picks) == 5 and full.id not in picks  # category A needs 5 (panel_rules.yaml)
    with pytest.raises(assignments.AssignmentRefused):
        assignments.assign(top, [full], today(), staff)


def test_manual_assignment_refuses_a_second_reviewer_from_one_affiliation(make_user, make_expert, make_panel,
                                                                        expert_review_application, staff):
    first, second = make_expert(affiliation="辽宁工程技术大学"), make_expert(affiliation="辽宁工程技术大学")
    application = expert_review_application(make_user("applicant"))
    assignments.send_to_panel(application, make_panel([first, second]), staff)
    with pytest.raises(assignments.AssignmentRefused):
        assignments.assign(application, [first, second], today(), staff)
    assert assignments.assignments_of(application) == []  # all or none


def test_only_applications_in_expert_review_go_to_a_panel(make_user, make_panel, submitted_application, staff):
    application = submitted_application(make_user("applicant"))
    with pytest.raises(assignments.AssignmentRefused):
        assignments.send_to_panel(application, make_panel(), staff)


def test_staff_accept_the_proposal_for_the_whole_panel(client, auth, make_user, make_expert, make_panel,
                                                       expert_review_application, staff):
    panel = make_panel([make_expert(affiliation=f"单位{n}") for n in range(4)])
    apps = [expert_review_application(make_user("applicant")) for _ in range(2)]
    for application in apps:
        assignments.send_to_panel(application, panel, staff)
    auth.login(staff)
    client.post(f"/panels/manage/{panel.id}/assign-proposal", data={"deadline": "2030-01-31"})
    for application in apps:
        assert len(assignments.assignments_of(application)) == 3
    assert set(assignments.loads([e.id for e in panel.members]).values()) == {1, 2}


def test_division_staff_bulk_assign_only_their_division(client, auth, make_user, make_expert, make_panel,
                                                        expert_review_application):
    panel = make_panel([make_expert(affiliation=f"单位{n}") for n in range(3)])
    city = make_user("hr")
    mine = expert_review_application(make_user("applicant"), division="210902")
    theirs = expert_review_application(make_user("applicant"), division="210903")
    for application in (mine, theirs):
        assignments.send_to_panel(application, panel, city)
    auth.login(make_user("hr", division="210902"))
    client.post(f"/panels/manage/{panel.id}/assign-proposal", data={"deadline": "2030-01-31"})
    assert len(assignments.assignments_of(mine)) == 3 and assignments.assignments_of(theirs) == []
