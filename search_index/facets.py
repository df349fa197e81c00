"""Facet counts and totals from a per-process cache of every document's
facet values, so a broad query costs one pass over matching rowids
instead of a join and a sort in SQL.

The cache maps rowid -> combination number (kind, division, ... as a
tuple). It is tied to a generation's database file and refreshed from
rows added since it was built; docs rowids are AUTOINCREMENT, never reused,
so a cached rowid never changes meaning (deleted rows simply stop matching).
"""
from __future__ import annotations

import array
import sqlite3
import threading
from collections import Counter
from operator import itemgetter
from pathlib import Path

_lock = threading.Lock()
_caches: dict[tuple[str, str], "_FacetCache"] = {}


class _FacetCache:
    def __init__(self, db: str, names: tuple[str, ...]):
        self.db, self.names = db, names
        self.combos: dict[tuple, int] = {}
        self.values: list[tuple] = []
        self.by_rowid = array.array("I")
        self.ids: dict[str, int] = {}
        self.max_rowid = 0

    def refresh(self, conn: sqlite3.Connection) -> None:
        cols = ", ".join(self.names)
        rows = conn.execute(f"SELECT rowid, id, {cols} FROM docs WHERE rowid > ? ORDER BY rowid", (self.max_rowid,))
        for rowid, doc_id, *values in rows:
            combo = self.combos.setdefault(tuple(values), len(self.combos))
            if combo == len(self.values):
                self.values.append(tuple(values))
            if rowid >= len(self.by_rowid):
                self.by_rowid.extend([0] * (rowid + 1 - len(self.by_rowid) + len(self.by_rowid) // 2))
            self.by_rowid[rowid] = combo
            self.ids[doc_id] = rowid
            self.max_rowid = rowid


def _cache(conn: sqlite3.Connection, names: tuple[str, ...]) -> _FacetCache:
    db = conn.execute("PRAGMA database_list").fetchone()[2]
    key = (str(Path(db).parent.parent), ",".join(names))  # one cache per index, for its live generation
    with _lock:
        cache = _caches.get(key)
        if cache is None or cache.db != db:
            cache = _caches[key] = _FacetCache(db, names)
        cache.refresh(conn)
        return cache


def count(conn: sqlite3.Connection, expression: str, names: tuple[str, ...], filters: dict | None,
          divisions: set[str] | None, exclude_ids: set[str] | None) -> dict[str, dict[str, int]]:
    """Facet value counts over every document matching ``expression`` that
    passes the filters (same meaning as ``query_index``'s arguments)."""
    unknown = set(filters or {}) - set(names)
    if unknown:
        raise ValueError(f"cannot filter on {sorted(unknown)}; facet fields are {names}")
    cache = _cache(conn, names)
    rules = {n: v for n, v in (filters or {}).items() if v is not None}
    if divisions is not None:
        rules["division"] = set(divisions) & set(rules.get("division", divisions))
    allowed = [all(v in rules[n] for n, v in zip(names, combo) if n in rules) for combo in cache.values]
    excluded = {cache.ids[i] for i in exclude_ids or () if i in cache.ids}
    rowids = map(itemgetter(0), conn.execute("SELECT rowid FROM fts WHERE fts MATCH ?", (expression,)))
    if excluded:
        rowids = (r for r in rowids if r not in excluded)
    facets: dict[str, dict[str, int]] = {n: {} for n in names}
    for combo, n in Counter(map(cache.by_rowid.__getitem__, rowids)).items():
        if allowed[combo]:
            for name, value in zip(names, cache.values[combo]):
                facets[name][value] = facets[name].get(value, 0) + n
    return facets
