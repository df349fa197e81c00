"""Keeping an index current: single updates, full rebuilds and reconcile.

Every write takes the index's flock (``store.write_lock``), which blocks
instead of failing, so concurrent gunicorn workers queue up and no
LockError or lost update can happen. Each update is also appended to the
generation's ``changes`` log; a rebuild replays the updates that arrived
while it was running before it swaps the new generation in.
"""
from __future__ import annotations

import json
import shutil
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from . import store
from .analysis import ANALYSIS_VERSION, DEFAULT_METHOD
from .bulk import analysed
from .documents import add_spelling, delete_doc, doc_hash, insert_doc, latin_words
from .schema import IndexSchema, schema_for

_LOG_KEEP = 50_000


def _live_db(directory: Path, schema: IndexSchema) -> Path:
    """The live generation's database, creating an empty one if needed (lock held)."""
    db_path = store.current_generation(directory)
    if db_path is None or not db_path.exists():
        generation = store.new_generation(directory)
        conn = store.connect(generation / store.DB_NAME)
        store.create_tables(conn, schema)
        conn.close()
        store.publish_generation(directory, generation)
        db_path = generation / store.DB_NAME
    return db_path


def _apply(conn, schema: IndexSchema, doc_id: str, row: dict | None, method: str) -> None:
    if row is None:
        delete_doc(conn, schema, doc_id, method)
    else:
        insert_doc(conn, schema, row, method)
        add_spelling(conn, latin_words(schema.title_text(row) + " " + row["body"]))


def _write(root, index_name: str, changes: list[tuple[str, dict | None]]) -> None:
    """Apply (doc_id, row-or-None) changes in one transaction under the lock."""
    schema = schema_for(index_name)
    directory = store.index_dir(root, index_name)
    with store.write_lock(directory):
        conn = store.connect(_live_db(directory, schema))
        try:
            method = store.method_of(conn)
            conn.execute("BEGIN IMMEDIATE")
            for doc_id, row in changes:
                _apply(conn, schema, doc_id, row, method)
                payload = json.dumps(row, ensure_ascii=False) if row is not None else None
                conn.execute("INSERT INTO changes (doc_id, payload) VALUES (?, ?)", (doc_id, payload))
            conn.execute("DELETE FROM changes WHERE seq <= (SELECT max(seq) FROM changes) - ?", (_LOG_KEEP,))
            conn.execute("COMMIT")
        finally:
            conn.close()


def add_to_index(root, index_name: str, doc: dict) -> None:
    """Add or replace ``doc`` in the index; visible to the next query once this returns."""
    row = schema_for(index_name).row(doc)
    _write(root, index_name, [(row["id"], row)])


def remove_from_index(root, index_name: str, doc_id: str) -> None:
    """Remove the document ``doc_id`` (no error if it is absent)."""
    _write(root, index_name, [(str(doc_id), None)])


def _last_seq(directory: Path) -> int:
    db_path = store.current_generation(directory)
    if db_path is None or not db_path.exists():
        return 0
    conn = store.connect(db_path)
    try:
        return conn.execute("SELECT coalesce(max(seq), 0) FROM changes").fetchone()[0]
    finally:
        conn.close()


def _fill(db_path: Path, schema: IndexSchema, documents: Iterable[dict], method: str) -> int:
    conn = store.connect(db_path, bulk=True)
    try:
        store.create_tables(conn, schema, method)
        # merge segments less eagerly while loading (about 2x faster); 'optimize' merges once at the end
        conn.execute("INSERT INTO fts (fts, rank) VALUES ('automerge', 16)")
        conn.execute("BEGIN")
        words: Counter = Counter()
        seen: set[str] = set()
        expected = len(documents) if hasattr(documents, "__len__") else None
        for row, tokens, doc_words in analysed(schema.name, documents, method, expected):
            insert_doc(conn, schema, row, method, fresh=row["id"] not in seen, tokens=tokens)
            seen.add(row["id"])
            words.update(doc_words)
        add_spelling(conn, words)
        conn.execute("COMMIT")
        conn.execute("INSERT INTO fts (fts) VALUES ('optimize')")
        conn.execute("INSERT INTO fts (fts, rank) VALUES ('automerge', 4)")
        conn.execute("PRAGMA journal_mode = WAL")
        return len(seen)
    finally:
        conn.close()


def _replay_since(directory: Path, seq: int, new_db: Path, schema: IndexSchema, method: str) -> None:
    """Copy updates logged in the live generation after ``seq`` into ``new_db`` (lock held)."""
    old_db = store.current_generation(directory)
    if old_db is None or not old_db.exists():
        return
    old = store.connect(old_db)
    new = store.connect(new_db)
    try:
        pending = old.execute("SELECT doc_id, payload FROM changes WHERE seq > ? ORDER BY seq", (seq,)).fetchall()
        new.execute("BEGIN IMMEDIATE")
        for doc_id, payload in pending:
            _apply(new, schema, doc_id, json.loads(payload) if payload else None, method)
        new.execute("COMMIT")
    finally:
        old.close()
        new.close()


def rebuild(root, index_name: str, documents: Iterable[dict], method: str = DEFAULT_METHOD) -> int:
    """Build a fresh generation from ``documents`` and swap it in atomically.

    Returns the number of documents indexed. If ``documents`` or indexing
    raises, the previous index stays live and untouched. Updates made by
    other processes while the rebuild runs are carried over.
    """
    schema = schema_for(index_name)
    directory = store.index_dir(root, index_name)
    with store.rebuild_lock(directory):
        seq = _last_seq(directory)
        generation = store.new_generation(directory)
        db_path = generation / store.DB_NAME
        try:
            count = _fill(db_path, schema, documents, method)
            with store.write_lock(directory):
                _replay_since(directory, seq, db_path, schema, method)
                store.publish_generation(directory, generation)
        except BaseException:
            shutil.rmtree(generation, ignore_errors=True)
            raise
    return count


def reconcile(root, index_name: str, documents: Iterable[dict]) -> dict[str, int]:
    """Make the index hold exactly ``documents``: add missing ones, update
    changed ones, remove stale ones. An index made by another analysis
    version is rebuilt instead. Returns counts of each action and whether
    it rebuilt."""
    schema = schema_for(index_name)
    wanted = {row["id"]: row for row in map(schema.row, documents)}
    directory = store.index_dir(root, index_name)
    with store.write_lock(directory):
        conn = store.connect(_live_db(directory, schema))
        try:
            stored = dict(conn.execute("SELECT id, hash FROM docs"))
            outdated = store.analysis_version_of(conn) != ANALYSIS_VERSION
            method = store.method_of(conn)
        finally:
            conn.close()
    changes = [(i, r) for i, r in wanted.items() if stored.get(i) != doc_hash(r) or outdated]
    stale = [(i, None) for i in stored if i not in wanted]
    added = sum(1 for i, _ in changes if i not in stored)
    if outdated:
        rebuild(root, index_name, list(wanted.values()), method=method)
    elif changes or stale:
        _write(root, index_name, changes + stale)
    return {"added": added, "updated": len(changes) - added, "removed": len(stale), "rebuilt": int(outdated)}
