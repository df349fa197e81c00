"""Writing one document's rows into an open index database."""
from __future__ import annotations

import hashlib
import json
import re
import sqlite3
from collections import Counter

from .analysis import index_tokens, runs
from .schema import IndexSchema


def doc_hash(row: dict[str, str]) -> str:
    """A digest of a document's stored fields; equal digests mean no change."""
    data = json.dumps(row, sort_keys=True, ensure_ascii=False).encode()
    return hashlib.sha1(data).hexdigest()


def latin_words(text: str) -> Counter:
    """Unstemmed Latin words of ``text`` (for "did you mean" suggestions)."""
    return Counter(p for p, is_han in runs(text) if not is_han and re.fullmatch("[a-z]{3,}", p))


def delete_doc(conn: sqlite3.Connection, doc_id: str) -> bool:
    """Delete ``doc_id`` from the index; returns whether it was there."""
    found = conn.execute("SELECT rowid FROM docs WHERE id = ?", (doc_id,)).fetchone()
    if not found:
        return False
    conn.execute("DELETE FROM fts WHERE rowid = ?", found)
    conn.execute("DELETE FROM docs WHERE rowid = ?", found)
    return True


def insert_doc(conn: sqlite3.Connection, schema: IndexSchema, row: dict[str, str], method: str) -> None:
    """Insert a validated row (from ``schema.row``), replacing any older version."""
    delete_doc(conn, row["id"])
    names = list(schema.fields) + ["hash"]
    values = [row[f] for f in schema.fields] + [doc_hash(row)]
    cur = conn.execute(
        f"INSERT INTO docs ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})", values
    )
    title = schema.title_text(row)
    conn.execute(
        "INSERT INTO fts (rowid, title, body) VALUES (?, ?, ?)",
        (cur.lastrowid, " ".join(index_tokens(title, method)), " ".join(index_tokens(row["body"], method))),
    )


def add_spelling(conn: sqlite3.Connection, words: Counter) -> None:
    """Count Latin words so misspelt query words can be corrected."""
    conn.executemany(
        "INSERT INTO spell VALUES (?, ?) ON CONFLICT(word) DO UPDATE SET n = n + excluded.n",
        words.items(),
    )
