"""Turn text into index tokens and queries into query plans.

Every method folds characters (``normalize.fold``), lowercases and stems
English words (``stemmer.stem``) and differs only in how runs of Han
characters become tokens:

``bigram``     overlapping bigrams plus the run's last character, so every
               character starts exactly one token; a one-character query
               becomes the prefix query ``c*`` and finds every occurrence.
``unibigram``  index unigrams and bigrams; queries use bigrams.
``jieba``      jieba search-mode words on both sides.
``hybrid``     ``bigram`` plus jieba words (marked ``w``); a query uses
               bigrams and boosts documents where a whole query run was a
               jieba word. The query side needs no dictionary, so the
               JS port stays exact.

The chosen method is ``DEFAULT_METHOD``; docs/search.md has the figures.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from .normalize import fold
from .stemmer import stem

METHODS = ("bigram", "unibigram", "jieba", "hybrid")
# Bump whenever the tokens produced for a text change (here, normalize.py or
# stemmer.py): queries must be analysed as the index was, and reconcile()
# rebuilds an index made by another version.
ANALYSIS_VERSION = "1"
DEFAULT_METHOD = "bigram"
WORD_MARK = "w"
PREFIX_MARK = "*"

# Han (BMP blocks) forms runs; Latin letters and digits form words.
_TOKEN_RE = re.compile(r"([\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+)|([0-9a-z\u00b5\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f]+)")
STOPWORDS = frozenset(
    "a an and are as at be by for from in is it of on or the to with".split()
)


@dataclass(frozen=True)
class QueryPlan:
    """What a query means: every ``required`` token must match; ``boosts``
    are (token, anchor) pairs scored only where ``anchor`` (a required
    token) also matches, so they reorder results without widening them."""

    required: tuple[str, ...] = ()
    boosts: tuple[tuple[str, str], ...] = field(default_factory=tuple)

    @property
    def empty(self) -> bool:
        return not self.required


def runs(text: str) -> list[tuple[str, bool]]:
    """Split folded text into (run, is_han) pieces, dropping everything else."""
    return [(m.group(0), m.group(1) is not None) for m in _TOKEN_RE.finditer(fold(text))]


@lru_cache(maxsize=65536)
def latin_token(word: str) -> str | None:
    """Return the index token for a Latin word or number, or None for a stopword."""
    return None if word in STOPWORDS else stem(word)


def bigrams(run: str) -> list[str]:
    """Overlapping bigrams of a Han run; a one-character run gives itself."""
    if len(run) == 1:
        return [run]
    return [run[i : i + 2] for i in range(len(run) - 1)]


@lru_cache(maxsize=1)
def _jieba():
    import jieba  # imported lazily: loading its dictionary takes a second

    jieba.setLogLevel(60)
    jieba.initialize()
    return jieba


def jieba_words(run: str) -> list[str]:
    """jieba search-mode words of a Han run (single characters kept)."""
    return [w for w in _jieba().cut_for_search(run) if w.strip()]


def _bigram_tail(run: str) -> list[str]:
    return bigrams(run) + [run[-1]] if len(run) > 1 else [run]


def _han_index_tokens(run: str, method: str) -> list[str]:
    if method == "bigram":
        return _bigram_tail(run)
    if method == "unibigram":
        return list(run) + (bigrams(run) if len(run) > 1 else [])
    if method == "jieba":
        return jieba_words(run)
    if method == "hybrid":
        words = [WORD_MARK + w for w in jieba_words(run) if len(w) > 1]
        return _bigram_tail(run) + words
    raise ValueError(f"unknown analysis method {method!r}")


def index_tokens(text: str, method: str = DEFAULT_METHOD) -> list[str]:
    """Tokens to index for ``text`` under ``method``, in text order."""
    tokens: list[str] = []
    for piece, is_han in runs(text):
        if is_han:
            tokens.extend(_han_index_tokens(piece, method))
        else:
            token = latin_token(piece)
            if token:
                tokens.append(token)
    return tokens


def query_plan(text: str, method: str = DEFAULT_METHOD) -> QueryPlan:
    """Analyse a user query under ``method``; duplicates are dropped, order kept."""
    required: list[str] = []
    boosts: list[tuple[str, str]] = []
    for piece, is_han in runs(text):
        if not is_han:
            token = latin_token(piece)
            required.extend([token] if token else [])
        elif method == "jieba":
            required.extend(jieba_words(piece))
        else:
            grams = bigrams(piece)
            prefix = len(piece) == 1 and method != "unibigram"
            required.extend([piece + PREFIX_MARK] if prefix else grams)
            if method == "hybrid" and len(piece) > 1:
                boosts.append((WORD_MARK + piece, grams[0]))
    return QueryPlan(tuple(dict.fromkeys(required)), tuple(dict.fromkeys(boosts)))
