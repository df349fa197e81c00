"""The analysis of ``analysis.py`` as Whoosh components.

``SearchTokenizer`` is a Whoosh ``Tokenizer`` (composable with filters,
picklable, with positions and character offsets when asked) that yields
exactly ``analysis.index_tokens``. ``TermCounts`` is a ``Frequency`` format
that, given a ``SearchTokenizer``, counts the token strings with a
``Counter`` instead of walking Token objects: same postings, several times
faster. ``SpellTokenizer`` yields the unstemmed Latin words used for
"did you mean". Whoosh pickles these into each index's table of contents,
so they must stay importable under these names.
"""
from __future__ import annotations

import re
from collections import Counter

from whoosh.analysis import Token, Tokenizer
from whoosh.formats import Existence, Frequency
from whoosh.system import pack_uint

from .analysis import (
    _TOKEN_RE,
    DEFAULT_METHOD,
    _han_index_tokens,
    index_tokens,
    latin_token,
)
from .normalize import fold

_SPELL_RE = re.compile(r"[a-z]{3,}")


class SearchTokenizer(Tokenizer):
    """Whoosh tokenizer for ``analysis.index_tokens(text, method)``."""

    def __init__(self, method: str = DEFAULT_METHOD):
        self.method = method

    def __eq__(self, other):
        return type(other) is type(self) and other.method == self.method

    def texts(self, value: str) -> list[str]:
        """The token strings, in order (the fast path used by ``TermCounts``)."""
        return index_tokens(value, self.method)

    def __call__(self, value, positions=False, chars=False, keeporiginal=False, removestops=True,
                 start_pos=0, start_char=0, tokenize=True, mode="", **kwargs):
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        pos = start_pos
        for match in _TOKEN_RE.finditer(fold(value)):
            start = match.start()
            if match.group(1) is not None:
                run = match.group(0)
                texts = _han_index_tokens(run, self.method)
                offsets = [(start + i, start + min(i + 2, len(run))) for i in range(len(run) - 1)]
                offsets += [(start + len(run) - 1, start + len(run))]
                offsets += [(start, start + len(run))] * (len(texts) - len(offsets))  # jieba words
            else:
                word = latin_token(match.group(0))
                texts, offsets = ([word], [match.span()]) if word else ([], [])
            for text, (s, e) in zip(texts, offsets):
                token.text, token.boost, token.stopped = text, 1.0, False
                if keeporiginal:
                    token.original = text
                if positions:
                    token.pos = pos
                    pos += 1
                if chars:
                    token.startchar, token.endchar = start_char + s, start_char + e
                yield token


class SpellTokenizer(Tokenizer):
    """Unstemmed Latin words of three letters or more (the "did you mean" vocabulary)."""

    def __eq__(self, other):
        return type(other) is type(self)

    def __call__(self, value, positions=False, chars=False, start_pos=0, mode="", **kwargs):
        token = Token(positions, chars, mode=mode, **kwargs)
        for pos, match in enumerate(_SPELL_RE.finditer(fold(value)), start_pos):
            token.text, token.boost, token.stopped = match.group(0), 1.0, False
            if positions:
                token.pos = pos
            if chars:
                token.startchar, token.endchar = match.span()
            yield token


class TermCounts(Frequency):
    """``Frequency`` postings (term frequency only: no positions are needed,
    since queries are conjunctions of terms), counted in C when the analyzer
    offers ``texts``."""

    def word_values(self, value, analyzer, **kwargs):
        texts = getattr(analyzer, "texts", None)
        if texts is None:
            return super().word_values(value, analyzer, **kwargs)
        fb = self.field_boost
        return ((w, n, n * fb, pack_uint(n)) for w, n in Counter(texts(value)).items())


class SpellWords(Existence):
    """Existence postings for the spelling vocabulary."""
