"""Character folding shared by indexing, querying, snippets and the JS port.

Folding is strictly per character (NFKC, lower case, traditional to
simplified), so a folded string keeps the offsets of the original for
highlighting, and ``search.js`` can reproduce it exactly.
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache
from pathlib import Path

_T2S_PATH = Path(__file__).with_name("t2s.txt")


@lru_cache(maxsize=1)
def t2s_table() -> dict[str, str]:
    """Return the traditional->simplified character map (one char to one char)."""
    table: dict[str, str] = {}
    for line in _T2S_PATH.read_text(encoding="utf-8").splitlines():
        if len(line) == 2 and not line.startswith("#"):
            table[line[0]] = line[1]
    return table


@lru_cache(maxsize=65536)
def fold_char(ch: str) -> str:
    """Fold one character: NFKC, lower case, traditional to simplified.

    Always returns exactly one character, so offsets are preserved; a
    character whose NFKC form is longer (e.g. a ligature) is kept lowercased.
    """
    folded = unicodedata.normalize("NFKC", ch).lower()
    if len(folded) != 1:
        folded = ch.lower() if len(ch.lower()) == 1 else ch
    return t2s_table().get(folded, folded)


def fold(text: str) -> str:
    """Fold every character of ``text``; the result has the same length."""
    return "".join(map(fold_char, text))
