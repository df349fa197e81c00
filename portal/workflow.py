"""The application state machine: states, allowed transitions, who may take each, and guards.

Views never change `Application.state`; they call portal.services.transitions.apply_transition,
which consults this table inside one transaction.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from flask_babel import lazy_gettext as _l

DRAFT = "draft"
SUBMITTED = "submitted"
QUALIFICATION = "qualification_check"
RETURNED = "returned"
RESUBMITTED = "resubmitted"
COUNTY_REVIEW = "county_review"
CITY_REVIEW = "city_review"
EXPERT_REVIEW = "expert_review"
DECISION = "decision"
PUBLICITY = "publicity"
RECOGNISED = "recognised"
REJECTED = "rejected"
WITHDRAWN = "withdrawn"

STATE_LABELS = {
    DRAFT: _l("草稿"),
    SUBMITTED: _l("已提交"),
    QUALIFICATION: _l("受理/资格审查"),
    RETURNED: _l("退回补正"),
    RESUBMITTED: _l("补正后重新提交"),
    COUNTY_REVIEW: _l("县区初审"),
    CITY_REVIEW: _l("市级复审"),
    EXPERT_REVIEW: _l("专家评审"),
    DECISION: _l("人才办决定"),
    PUBLICITY: _l("公示中"),
    RECOGNISED: _l("已认定"),
    REJECTED: _l("未通过"),
    WITHDRAWN: _l("已撤回"),
}

FINAL_STATES = frozenset({RECOGNISED, REJECTED, WITHDRAWN})
EDITABLE_STATES = frozenset({DRAFT, RETURNED})
OWNER = "owner"  # pseudo-role: the applicant who owns the application


@dataclass(frozen=True)
class Transition:
    """A named move from any of `sources` to `target`, allowed to `roles` when `guard` passes."""

    name: str
    sources: frozenset[str]
    target: str
    roles: frozenset[str]
    label: object
    guard: Callable | None = field(default=None, compare=False)
    requires_comment: bool = False


TRANSITIONS: dict[str, Transition] = {}


def define(name: str, sources: set[str], target: str, roles: set[str], label, *,
           guard: Callable | None = None, requires_comment: bool = False) -> Transition:
    """Add a transition to the table (each name once)."""
    if name in TRANSITIONS:
        raise ValueError(f"transition {name!r} defined twice")
    TRANSITIONS[name] = Transition(name, frozenset(sources), target, frozenset(roles), label, guard,
                                   requires_comment)
    return TRANSITIONS[name]


define("submit", {DRAFT}, SUBMITTED, {OWNER}, _l("提交申报"))
define("resubmit", {RETURNED}, RESUBMITTED, {OWNER}, _l("补正后重新提交"))
define("withdraw", set(STATE_LABELS) - FINAL_STATES - {DRAFT}, WITHDRAWN, {OWNER}, _l("撤回申报"))


def state_label(state: str) -> str:
    """The translated name of a state."""
    return str(STATE_LABELS.get(state, state))


def available(state: str, role: str) -> list[Transition]:
    """Transitions from `state` that `role` (or OWNER) may take, ignoring guards."""
    return [t for t in TRANSITIONS.values() if state in t.sources and role in t.roles]
