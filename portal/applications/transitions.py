"""Taking a workflow transition: checks, the state change and the history entry in one transaction."""
from __future__ import annotations

from typing import Callable

from flask_babel import gettext as _

from portal.accounts.models import User
from portal.applications import workflow
from portal.applications.models import Application, ApplicationEvent
from portal.kernel import db
from portal.kernel.clock import utcnow

# Callables run inside the transition's transaction, after the state changes (e.g. notifications).
after_transition_hooks: list[Callable[[Application, workflow.Transition, User, str | None], None]] = []


class TransitionRefused(Exception):
    """The transition is not allowed now; the message is for the user."""


def actor_roles(application: Application, actor: User) -> set[str]:
    """The roles `actor` holds for this application: their own role, plus OWNER if it is theirs."""
    roles = {actor.role}
    if application.applicant_id == actor.id:
        roles.add(workflow.OWNER)
    return roles


def check(application: Application, name: str, actor: User, comment: str | None = None) -> workflow.Transition:
    """Return the transition if `actor` may take it now; raise TransitionRefused otherwise."""
    transition = workflow.TRANSITIONS.get(name)
    if transition is None:
        raise TransitionRefused(_("未知操作。"))
    if application.state not in transition.sources:
        raise TransitionRefused(_("当前状态（%(state)s）不能执行此操作。", state=workflow.state_label(application.state)))
    if not transition.roles & actor_roles(application, actor):
        raise TransitionRefused(_("您无权执行此操作。"))
    if transition.requires_comment and not (comment or "").strip():
        raise TransitionRefused(_("请填写意见或理由。"))
    if transition.guard is not None:
        problem = transition.guard(application, actor)
        if problem:
            raise TransitionRefused(str(problem))
    return transition


def record_event(application: Application, from_state: str | None, to_state: str, actor: User | None,
                 comment: str | None = None) -> ApplicationEvent:
    """Append a history entry (never updated or deleted)."""
    event = ApplicationEvent(application=application, from_state=from_state, to_state=to_state,
                             actor=actor, comment=(comment or "").strip() or None, created_at=utcnow())
    db.session.add(event)
    return event


def move(application: Application, name: str, actor: User, comment: str | None = None) -> ApplicationEvent:
    """Take the transition inside the caller's transaction (no commit here)."""
    transition = check(application, name, actor, comment)
    source = application.state
    application.state = transition.target
    application.updated_at = utcnow()
    event = record_event(application, source, transition.target, actor, comment)
    for hook in after_transition_hooks:
        hook(application, transition, actor, comment)
    return event


def apply_transition(application: Application, name: str, actor: User, comment: str | None = None) -> ApplicationEvent:
    """Take the transition and commit, or roll back everything and raise TransitionRefused."""
    with db.transaction():
        return move(application, name, actor, comment)
