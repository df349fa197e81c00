"""Keep an index in step with SQLAlchemy commits, so views never touch it.

Like microblog's ``SearchableMixin``, but as listeners the portal attaches
once: objects flushed in a transaction are turned into documents at flush
time (ids are known then) and written only after the commit succeeds; a
rollback discards them. Index writes are serialised by the index's own lock
(``indexing``), so this is safe in every gunicorn worker.
"""
from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import event

from .indexing import add_to_index, remove_from_index

_KEY = "search_index.pending"


def track(session_class, root, index_name: str, doc_id: Callable[[object], str | None],
          to_doc: Callable[[object], dict | None]) -> None:
    """Index objects committed through ``session_class`` (a Session class or
    sessionmaker).

    ``root`` is the index root, or a callable returning it at commit time (or
    None to skip indexing, e.g. when the application has search switched off).

    ``doc_id(obj)`` names the document for a tracked object, or returns None
    for objects this index ignores. ``to_doc(obj)`` returns the document,
    or None when the object must not be (or no longer be) searchable, e.g.
    an unpublished page; deleted objects are always removed.
    """
    key_name = f"{_KEY}.{index_name}"
    root_now = root if callable(root) else (lambda: root)

    def after_flush(session, flush_context):
        if root_now() is None:
            return
        pending = session.info.setdefault(key_name, {})
        for obj in list(session.new) + list(session.dirty):
            key = doc_id(obj)
            if key is not None:
                pending[key] = to_doc(obj)
        for obj in session.deleted:
            key = doc_id(obj)
            if key is not None:
                pending[key] = None

    def after_commit(session):
        pending = session.info.pop(key_name, {})
        where = root_now() if pending else None
        if where is None:
            return
        for key, doc in pending.items():
            if doc is None:
                remove_from_index(where, index_name, key)
            else:
                add_to_index(where, index_name, doc)

    def after_rollback(session):
        session.info.pop(key_name, None)

    event.listen(session_class, "after_flush", after_flush)
    event.listen(session_class, "after_commit", after_commit)
    event.listen(session_class, "after_rollback", after_rollback)
