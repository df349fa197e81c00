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


def tokens_of(schema: IndexSchema, row: dict[str, str], method: str) -> tuple[str, str]:
    """The title and body token strings stored in the FTS5 table."""
    title = " ".join(index_tokens(schema.title_text(row), method))
    return title, " ".join(index_tokens(row["body"], method))


def delete_doc(conn: sqlite3.Connection, schema: IndexSchema, doc_id: str, method: str) -> bool:
    """Delete ``doc_id`` from the index; returns whether it was there.

    The FTS5 table is contentless (it stores no copy of the text), so a
    delete re-derives the tokens it indexed from the stored document.
    """
    cols = ", ".join(schema.fields)
    found = conn.execute(f"SELECT rowid, {cols} FROM documents WHERE id = ?", (doc_id,)).fetchone()
    if not found:
        return False
    row = dict(zip(schema.fields, found[1:]))
    conn.execute("INSERT INTO fts (fts, rowid, title, body) VALUES ('delete', ?, ?, ?)",
                 (found[0], *tokens_of(schema, row, method)))
    conn.execute("DELETE FROM docs WHERE rowid = ?", (found[0],))
    conn.execute("DELETE FROM bodies WHERE rowid = ?", (found[0],))
    return True


def insert_doc(conn: sqlite3.Connection, schema: IndexSchema, row: dict[str, str], method: str,
               fresh: bool = False, tokens: tuple[str, str] | None = None) -> None:
    """Insert a validated row (from ``schema.row``), replacing any older
    version unless ``fresh`` says the index cannot hold it (bulk builds).
    ``tokens`` are ``tokens_of(schema, row, method)`` if already computed."""
    if not fresh:
        delete_doc(conn, schema, row["id"], method)
    names = [f for f in schema.fields if f != "body"] + ["hash"]
    values = [row[f] for f in names[:-1]] + [doc_hash(row)]
    cur = conn.execute(
        f"INSERT INTO docs ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})", values
    )
    conn.execute("INSERT INTO bodies (rowid, body) VALUES (?, ?)", (cur.lastrowid, row["body"]))
    conn.execute("INSERT INTO fts (rowid, title, body) VALUES (?, ?, ?)",
                 (cur.lastrowid, *(tokens or tokens_of(schema, row, method))))


def add_spelling(conn: sqlite3.Connection, words: Counter) -> None:
    """Count Latin words so misspelt query words can be corrected."""
    conn.executemany(
        "INSERT INTO spell VALUES (?, ?) ON CONFLICT(word) DO UPDATE SET n = n + excluded.n",
        words.items(),
    )
