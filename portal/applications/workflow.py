"""The application state machine: states, allowed transitions, who may take each, and guards.

Views never change `Application.state`; they call portal.applications.transitions.apply_transition,
which consults this table inside one transaction.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from flask_babel import lazy_gettext as _l

from portal.accounts.staff import is_city_level
from portal.applications.access import can_act
from portal.kernel.reference_data import reference

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


STAFF = {"hr", "admin"}
# Who is expected to act next in each state: the division's HR ("division") or city HR ("city").
STAGE_LEVEL = {SUBMITTED: "division", RESUBMITTED: "division", QUALIFICATION: "division",
               COUNTY_REVIEW: "division", CITY_REVIEW: "city", EXPERT_REVIEW: "city", DECISION: "city"}
REJECTABLE = frozenset({QUALIFICATION, COUNTY_REVIEW, CITY_REVIEW, EXPERT_REVIEW, DECISION, PUBLICITY})


def _in_scope(application, actor):
    """Division HR act only on their own division; city HR and admins on every application."""
    return None if can_act(actor, application) else _l("该申报不在您的管辖范围内。")


def _city_level(application, actor):
    """Only city-level HR (or an admin) takes this step."""
    return None if is_city_level(actor) else _l("此环节由市级人才办办理。")


def _needs_experts(application) -> bool:
    entry = reference("categories").get(application.category_code)
    return bool(entry and entry.extra.get("expert_review"))


def _to_experts(application, actor):
    if not _needs_experts(application):
        return _l("该类别无需专家评审。")
    return _city_level(application, actor)


def _skip_experts(application, actor):
    if _needs_experts(application):
        return _l("该类别须先经专家评审。")
    return _city_level(application, actor)


def _return_once(application, actor):
    """一次性告知: an application is returned for correction at most once."""
    if any(event.to_state == RETURNED for event in application.events):
        return _l("该申报已退回补正过一次，不能再次退回。")
    return _in_scope(application, actor)


def _reject_guard(application, actor):
    if application.state in (QUALIFICATION, COUNTY_REVIEW):
        return _in_scope(application, actor)
    return _city_level(application, actor)


def _in_open_batch(application, actor):
    """Publicity starts only through a 公示 batch that lists the application."""
    entry = application.active_publicity_entry
    if entry is None or entry.batch.closed_at is not None:
        return _l("只能通过公示批次进入公示。")
    if not application.publication_consent:
        return _l("申请人未同意公示。")
    return _city_level(application, actor)


def _publicity_over(application, actor):
    """Recognition follows a 公示 whose end date has passed with no upheld objection."""
    entry = application.active_publicity_entry
    if entry is None or not entry.batch.is_over:
        return _l("公示期尚未结束。")
    if entry.has_upheld_objection:
        return _l("存在成立的异议，不能认定。")
    return _city_level(application, actor)


define("submit", {DRAFT}, SUBMITTED, {OWNER}, _l("提交申报"))
define("resubmit", {RETURNED}, RESUBMITTED, {OWNER}, _l("补正后重新提交"))
define("withdraw", set(STATE_LABELS) - FINAL_STATES - {DRAFT}, WITHDRAWN, {OWNER}, _l("撤回申报"))
define("intake", {SUBMITTED, RESUBMITTED}, QUALIFICATION, STAFF, _l("受理"), guard=_in_scope)
define("return_for_correction", {QUALIFICATION}, RETURNED, STAFF, _l("退回补正（一次性告知）"),
       guard=_return_once)
define("pass_qualification", {QUALIFICATION}, COUNTY_REVIEW, STAFF, _l("资格审查通过，转县区初审"),
       guard=_in_scope)
define("county_approve", {COUNTY_REVIEW}, CITY_REVIEW, STAFF, _l("县区初审通过，报市级复审"), guard=_in_scope)
define("send_to_experts", {CITY_REVIEW}, EXPERT_REVIEW, STAFF, _l("市级复审通过，转专家评审"), guard=_to_experts)
define("city_approve", {CITY_REVIEW}, DECISION, STAFF, _l("市级复审通过，报人才办决定"), guard=_skip_experts)
define("experts_done", {EXPERT_REVIEW}, DECISION, STAFF, _l("专家评审完成，报人才办决定"), guard=_city_level)
define("start_publicity", {DECISION}, PUBLICITY, STAFF, _l("进入公示"), guard=_in_open_batch)
define("pull_from_publicity", {PUBLICITY}, DECISION, STAFF, _l("撤出公示"), guard=_city_level,
       requires_comment=True)
define("recognise", {PUBLICITY}, RECOGNISED, STAFF, _l("公示期满，予以认定"), guard=_publicity_over)
define("reject", REJECTABLE, REJECTED, STAFF, _l("不予认定"), guard=_reject_guard, requires_comment=True)

# Transitions staff take from the application page; the rest go through their own forms or services.
DIRECT_STAFF_ACTIONS = ("intake", "pass_qualification", "county_approve", "send_to_experts", "city_approve",
                        "experts_done")


def state_label(state: str) -> str:
    """The translated name of a state."""
    return str(STATE_LABELS.get(state, state))


def available(state: str, role: str) -> list[Transition]:
    """Transitions from `state` that `role` (or OWNER) may take, ignoring guards."""
    return [t for t in TRANSITIONS.values() if state in t.sources and role in t.roles]
