"""Withdrawing the separate consent to 公示 (PIPL art. 15), in any state of the application.

Nothing is unpublished here: the public list and the honour roll read the consent, so the next
publish leaves the name out, and the privacy guard then refuses any page that still holds it.
"""
from __future__ import annotations

from flask_babel import gettext as _

from portal.accounts.models import User
from portal.applications.models import Application
from portal.applications.transitions import record_event
from portal.audit import record as audit
from portal.kernel import db
from portal.kernel.clock import utcnow


class ConsentError(ValueError):
    """The consent cannot be withdrawn; the message is for the user."""


def withdraw_publication_consent(application: Application, actor: User) -> None:
    """Withdraw the owner's consent to 公示; the timeline and the audit log record it."""
    if application.applicant_id != actor.id:
        raise ConsentError(_("只有申请人本人可以撤回公示同意。"))
    if not application.publication_consent:
        raise ConsentError(_("您没有同意公示，无需撤回。"))
    with db.transaction():
        application.publication_consent = False
        application.publication_consent_withdrawn_at = utcnow()
        record_event(application, application.state, application.state, actor,
                     _("申请人撤回了公示同意：此后发布的网站不再公开其姓名。"))
        audit.record(actor, "consent.publication_withdrawn", "application", application.id)
