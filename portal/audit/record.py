"""Recording staff actions in the audit log (inside the caller's transaction)."""
from __future__ import annotations

from typing import Any

from flask import has_request_context, request

from portal.audit.models import AuditEntry
from portal.kernel import db
from portal.kernel.clock import utcnow


def record(actor, action: str, object_type: str, object_id: Any = None, **details: Any) -> AuditEntry:
    """Add an audit entry to the current session; it commits with the caller's transaction.

    Use inside `with db.transaction():` so the action and its audit entry stand or fall together.
    """
    entry = AuditEntry(
        created_at=utcnow(),
        actor_id=getattr(actor, "id", None),
        action=action,
        object_type=object_type,
        object_id=None if object_id is None else str(object_id),
        ip_address=request.remote_addr if has_request_context() else None,
        details=details,
    )
    db.session.add(entry)
    return entry


def record_now(actor, action: str, object_type: str, object_id: Any = None, **details: Any) -> None:
    """Record and commit an audit entry on its own (for read-only actions such as viewing a file)."""
    with db.transaction():
        record(actor, action, object_type, object_id, **details)
