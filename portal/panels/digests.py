"""Reminder digests: at most one email per expert per (China-time) day, listing every review
they still owe. What was sent is recorded in review_digests, so running twice a day sends once."""
from __future__ import annotations

from flask import current_app, has_request_context, url_for
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from portal.applications import workflow
from portal.applications.models import Application
from portal.kernel import db
from portal.kernel.clock import today, utcnow
from portal.kernel.mail import send_mail
from portal.panels import conflicts
from portal.panels.models import Assignment, ExpertProfile, ReviewDigest


def pending_by_expert() -> dict[int, list[Assignment]]:
    """Open assignments (not submitted, application still in expert review, no active conflict)."""
    query = (select(Assignment).join(Application).where(Assignment.state == "assigned",
                                                        Application.state == workflow.EXPERT_REVIEW)
             .order_by(Assignment.deadline, Assignment.id))
    found: dict[int, list[Assignment]] = {}
    for assignment in db.session.scalars(query):
        if not conflicts.is_conflicted(assignment.expert, assignment.application):
            found.setdefault(assignment.expert_id, []).append(assignment)
    return found


def _link() -> str:
    """The expert's page; from the CLI, under PORTAL_BASE_URL (e.g. https://talent.fuxin.example)."""
    if has_request_context() or current_app.config.get("SERVER_NAME"):
        return url_for("panels.expert_home", _external=True)
    return current_app.config.get("PORTAL_BASE_URL", "").rstrip("/") + "/expert/"


def _body(expert: ExpertProfile, assignments: list[Assignment]) -> str:
    lines = [_("%(name)s 您好：", name=expert.name), "", _("您有 %(count)d 份评审尚未提交：", count=len(assignments))]
    for a in assignments:
        lines.append(f"- {a.application.reference or a.application_id}  {_('截止')} {a.deadline.isoformat()}")
    lines += ["", _link()]
    return "\n".join(lines)


def send_digests() -> int:
    """Send today's digest to every expert who owes reviews and has had none today; returns how
    many were sent. The record is written before the mail goes, in the same transaction."""
    sent, day = 0, today()
    for expert_id, assignments in pending_by_expert().items():
        expert = db.session.get(ExpertProfile, expert_id)
        if not expert.active or db.session.scalar(select(ReviewDigest.id).where(
                ReviewDigest.expert_id == expert_id, ReviewDigest.digest_date == day)):
            continue
        try:
            with db.transaction() as session:
                session.add(ReviewDigest(expert_id=expert_id, digest_date=day, sent_at=utcnow(),
                                         assignment_ids=[a.id for a in assignments]))
                session.flush()  # a concurrent run hits the unique constraint here, before mailing
                send_mail(expert.email or expert.user.email, _("阜新英才：待完成的专家评审"), _body(expert, assignments))
        except IntegrityError:
            continue
        sent += 1
    return sent
