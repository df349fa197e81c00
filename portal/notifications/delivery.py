"""Telling applicants what happened to their file: an in-portal notification in the same
transaction as the state change, and a bilingual email sent only after that transaction commits."""
from __future__ import annotations

import logging

from flask import render_template
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import event, func, select, update

from portal.accounts.models import User
from portal.applications import transitions, workflow
from portal.applications.models import Application
from portal.kernel import db
from portal.kernel.clock import utcnow
from portal.kernel.db import AppBoundSession
from portal.kernel.mail import send_mail
from portal.notifications.models import Notification

log = logging.getLogger(__name__)
# The applicant hears about every change staff make; their own submit/resubmit/withdraw needs no notice.
APPLICANT_ACTIONS = frozenset({"submit", "resubmit", "withdraw"})
_PENDING = "pending_mail"


def notify_applicant(application: Application, transition: workflow.Transition, actor: User,
                     comment: str | None) -> None:
    """Transition hook: add the notification row and queue the email for after commit."""
    if transition.name in APPLICANT_ACTIONS:
        return
    db.session.add(Notification(user_id=application.applicant_id, application_id=application.id,
                                state=transition.target, reference=application.reference, comment=comment,
                                created_at=utcnow()))
    recipient = application.email or application.applicant.email
    subject, body = render_mail(application, transition.target, comment)
    db.session.info.setdefault(_PENDING, []).append((recipient, subject, body))


def render_mail(application: Application, state: str, comment: str | None) -> tuple[str, str]:
    """(subject, body) with the Chinese text first and the English below."""
    parts, subjects = [], []
    for lang in ("zh", "en"):
        with force_locale(lang):
            subjects.append(_("申报 %(ref)s 有新进展", ref=application.reference or ""))
            parts.append(render_template("notifications/mail_state_change.html", application=application,
                                         state_name=workflow.state_label(state), state=state, comment=comment))
    return " / ".join(subjects), "\n\n----------------\n\n".join(parts)


def _send_pending(session) -> None:
    for recipient, subject, body in session.info.pop(_PENDING, []):
        try:
            send_mail(recipient, subject, body)
        except Exception:  # the state change stands; a lost email must not turn into an error page
            log.exception("could not send notification mail to %s", recipient)


def _drop_pending(session, _previous_transaction=None) -> None:
    session.info.pop(_PENDING, None)


def unread_count(user: User) -> int:
    """How many of the user's notifications are unread."""
    return db.session.scalar(select(func.count()).select_from(Notification).where(
        Notification.user_id == user.id, Notification.read_at.is_(None))) or 0


def for_user(user: User, limit: int = 100) -> list[Notification]:
    """The user's newest notifications."""
    return list(db.session.scalars(select(Notification).where(Notification.user_id == user.id)
                                   .order_by(Notification.id.desc()).limit(limit)))


def mark_all_read(user: User) -> None:
    """Mark every notification of the user read."""
    with db.transaction() as session:
        session.execute(update(Notification).where(Notification.user_id == user.id, Notification.read_at.is_(None))
                        .values(read_at=utcnow()))


def init_app(app) -> None:
    """Register the transition hook and the commit/rollback listeners once; expose the unread count."""
    if notify_applicant not in transitions.after_transition_hooks:
        transitions.after_transition_hooks.append(notify_applicant)
    if not event.contains(AppBoundSession, "after_commit", _send_pending):
        event.listen(AppBoundSession, "after_commit", _send_pending)
        # Soft rollback fires on every rollback(), even one that never reached the database.
        event.listen(AppBoundSession, "after_soft_rollback", _drop_pending)

    @app.context_processor
    def inject_unread():
        from flask_login import current_user

        def unread_notifications() -> int:
            return unread_count(current_user) if current_user.is_authenticated else 0

        return {"unread_notifications": unread_notifications}
