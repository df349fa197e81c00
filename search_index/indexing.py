"""Keeping an index current: single updates, full rebuilds and reconcile.

Every write takes the index's flock (``store.write_lock``), which blocks
instead of failing, *before* opening a Whoosh writer, so Whoosh's own write
lock is never contended: concurrent gunicorn workers queue up and no
LockError or lost update can happen. Each update is also appended to the
generation's change log; a rebuild replays the updates that arrived while
it was running before it swaps the new generation in.
"""
from __future__ import annotations

import shutil
from collections.abc import Iterable
from pathlib import Path

from . import bulk, store
from .analysis import ANALYSIS_VERSION, DEFAULT_METHOD
from .documents import doc_hash, whoosh_fields
from .schema import IndexSchema, schema_for


def _live(directory: Path, schema: IndexSchema) -> Path:
    """The live generation, creating an empty index if there is none (lock held)."""
    generation = store.current_generation(directory)
    if not store.is_index(generation):
        generation = store.new_generation(directory)
        store.create_index(generation, schema.name)
        store.publish_generation(directory, generation)
    return generation


def _apply(writer, schema: IndexSchema, changes: list[tuple[str, dict | None]]) -> None:
    for doc_id, row in changes:
        if row is None:
            writer.delete_by_term("id", doc_id)
        else:
            writer.update_document(**whoosh_fields(schema, row))


def _commit(generation: Path, schema: IndexSchema, changes: list[tuple[str, dict | None]]) -> None:
    """Apply changes to ``generation`` in one Whoosh commit (write lock held)."""
    writer = store.open_index(generation).writer()
    try:
        _apply(writer, schema, changes)
    except BaseException:
        writer.cancel()
        raise
    writer.commit()  # Whoosh's default merge policy folds small segments together


def _write(root, index_name: str, changes: list[tuple[str, dict | None]]) -> None:
    """Apply (doc_id, row-or-None) changes in one commit under the lock, and log them."""
    schema = schema_for(index_name)
    directory = store.index_dir(root, index_name)
    with store.write_lock(directory):
        generation = _live(directory, schema)
        _commit(generation, schema, changes)
        store.log_changes(generation, changes)


def add_to_index(root, index_name: str, doc: dict) -> None:
    """Add or replace ``doc`` in the index; visible to the next query once this returns."""
    row = schema_for(index_name).row(doc)
    _write(root, index_name, [(row["id"], row)])


def remove_from_index(root, index_name: str, doc_id: str) -> None:
    """Remove the document ``doc_id`` (no error if it is absent)."""
    _write(root, index_name, [(str(doc_id), None)])


def _fill(generation: Path, schema: IndexSchema, rows: list[dict], method: str) -> None:
    ix = store.create_index(generation, schema.name, method)
    bulk.write_index(ix, str(generation), schema.name, method, rows)


def rebuild(root, index_name: str, documents: Iterable[dict], method: str = DEFAULT_METHOD) -> int:
    """Build a fresh generation from ``documents`` and swap it in atomically.

    Returns the number of documents indexed. If ``documents`` or indexing
    raises, the previous index stays live and untouched. Updates made by
    other processes while the rebuild runs are carried over.
    """
    schema = schema_for(index_name)
    directory = store.index_dir(root, index_name)
    with store.rebuild_lock(directory):
        with store.write_lock(directory):
            seq = store.last_seq(store.current_generation(directory))
        generation = store.new_generation(directory)
        try:
            rows: dict[str, dict] = {}
            for doc in documents:
                row = schema.row(doc)
                rows.pop(row["id"], None)  # a repeated id: the later version, in the later place
                rows[row["id"]] = row
            _fill(generation, schema, list(rows.values()), method)
            with store.write_lock(directory):
                live = store.current_generation(directory)
                pending = store.changes_since(live, seq) if store.is_index(live) else []
                if pending:
                    _commit(generation, schema, pending)
                store.publish_generation(directory, generation)
        except BaseException:
            shutil.rmtree(generation, ignore_errors=True)
            raise
    return len(rows)


def stored_hashes(root, index_name: str) -> dict[str, str]:
    """id -> hash of every document in the live generation."""
    reader = store.reader(store.index_dir(root, index_name))
    if reader is None:
        return {}
    return {d["doc"]["id"]: d["doc"]["hash"] for d in reader.fresh().all_stored_fields()}


def reconcile(root, index_name: str, documents: Iterable[dict]) -> dict[str, int]:
    """Make the index hold exactly ``documents``: add missing ones, update
    changed ones, remove stale ones. An index made by another analysis
    version is rebuilt instead. Returns counts of each action and whether
    it rebuilt."""
    schema = schema_for(index_name)
    wanted = {row["id"]: row for row in map(schema.row, documents)}
    directory = store.index_dir(root, index_name)
    with store.write_lock(directory):
        generation = _live(directory, schema)
        meta = store.read_meta(generation)
    outdated = meta.get("analysis") != ANALYSIS_VERSION
    stored = stored_hashes(root, index_name)
    changes = [(i, r) for i, r in wanted.items() if stored.get(i) != doc_hash(r) or outdated]
    stale = [(i, None) for i in stored if i not in wanted]
    added = sum(1 for i, _ in changes if i not in stored)
    if outdated:
        rebuild(root, index_name, list(wanted.values()), method=meta.get("method", DEFAULT_METHOD))
    elif changes or stale:
        _write(root, index_name, changes + stale)
    return {"added": added, "updated": len(changes) - added, "removed": len(stale), "rebuilt": int(outdated)}
