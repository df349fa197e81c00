""""Did you mean": correct Latin words by edit distance against the index's
spelling vocabulary (the ``spell`` field) and Han runs by swapping one
character for one that forms known bigrams."""
from __future__ import annotations

import difflib

from .analysis import bigrams, latin_token, runs

_TEXT_FIELDS = ("title", "body")


def _df(searcher, term: str) -> int:
    return sum(searcher.doc_frequency(f, term) for f in _TEXT_FIELDS)


def _fix_latin(searcher, word: str) -> str | None:
    token = latin_token(word)
    if token is None or _df(searcher, token) or len(word) < 4:
        return None
    candidates = [w.decode() if isinstance(w, bytes) else w
                  for w in searcher.reader().expand_prefix("spell", word[0])]
    candidates = [w for w in candidates if abs(len(w) - len(word)) <= 2]
    close = difflib.get_close_matches(word, candidates, n=1, cutoff=0.75)
    return close[0] if close else None


def _bigrams_starting(searcher, left: str) -> dict[str, int]:
    out: dict[str, int] = {}
    reader = searcher.reader()
    for field in _TEXT_FIELDS:
        for term in reader.expand_prefix(field, left):
            term = term.decode() if isinstance(term, bytes) else term
            if len(term) == 2 and term not in out:
                out[term] = _df(searcher, term)
    return out


def _fix_han(searcher, run: str) -> str | None:
    missing = [i for i, g in enumerate(bigrams(run)) if len(g) == 2 and not _df(searcher, g)]
    if not missing:
        return None
    best, best_score = None, 0
    i = missing[0]
    for j in (i, i + 1):
        if j == 0:
            continue  # candidates come from bigrams that start with the left neighbour
        left, right = run[j - 1], run[j + 1] if j + 1 < len(run) else ""
        for term, df in sorted(_bigrams_starting(searcher, left).items()):
            c = term[1]
            score = min(df, _df(searcher, c + right)) if right else df
            if c != run[j] and score > best_score:
                best, best_score = run[:j] + c + run[j + 1:], score
    return best


def suggestions(searcher, text: str) -> list[str]:
    """Alternative query strings (at most one) when some query word is unknown."""
    changed, pieces = False, []
    for piece, is_han in runs(text):
        fix = _fix_han(searcher, piece) if is_han else _fix_latin(searcher, piece)
        changed |= fix is not None
        pieces.append(fix or piece)
    return [" ".join(pieces)] if changed else []
