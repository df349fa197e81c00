""""Did you mean": correct Latin words by edit distance and Han runs by
swapping one character for one that forms known bigrams."""
from __future__ import annotations

import difflib
import sqlite3

from .analysis import runs, latin_token, bigrams


def _df(conn: sqlite3.Connection, term: str) -> int:
    row = conn.execute("SELECT doc FROM vocab WHERE term = ?", (term,)).fetchone()
    return row[0] if row else 0


def _fix_latin(conn: sqlite3.Connection, word: str) -> str | None:
    token = latin_token(word)
    if token is None or _df(conn, token) or len(word) < 4:
        return None
    candidates = [w for (w,) in conn.execute(
        "SELECT word FROM spell WHERE word >= ? AND word < ? AND length(word) BETWEEN ? AND ?",
        (word[0], word[0] + "\uffff", len(word) - 2, len(word) + 2),
    )]
    close = difflib.get_close_matches(word, candidates, n=1, cutoff=0.75)
    return close[0] if close else None


def _fix_han(conn: sqlite3.Connection, run: str) -> str | None:
    missing = [i for i, g in enumerate(bigrams(run)) if len(g) == 2 and not _df(conn, g)]
    if not missing:
        return None
    best, best_score = None, 0
    i = missing[0]
    for j in (i, i + 1):
        if j == 0:
            continue  # candidates come from bigrams that start with the left neighbour
        left, right = run[j - 1], run[j + 1] if j + 1 < len(run) else ""
        rows = conn.execute(
            "SELECT term, doc FROM vocab WHERE term > ? AND term < ? AND length(term) = 2",
            (left, left + "\uffff"),
        ).fetchall()
        for term, df in rows:
            c = term[1]
            score = min(df, _df(conn, c + right)) if right else df
            if c != run[j] and score > best_score:
                best, best_score = run[:j] + c + run[j + 1:], score
    return best


def suggestions(conn: sqlite3.Connection, text: str) -> list[str]:
    """Alternative query strings (at most one) when some query word is unknown."""
    changed, pieces = False, []
    for piece, is_han in runs(text):
        fix = _fix_han(conn, piece) if is_han else _fix_latin(conn, piece)
        changed |= fix is not None
        pieces.append(fix or piece)
    return [" ".join(pieces)] if changed else []
