"""A light English stemmer, small enough to port exactly to ``search.js``.

It conflates plurals and -ing/-ed/-e forms (policies/policy,
engineering/engineers/engineer, manufacture/manufacturing). Both ports
must change together; the browser test checks they agree.
"""
from __future__ import annotations

_VOWELS = set("aeiouy")
_DOUBLES = {"bb", "dd", "ff", "gg", "mm", "nn", "pp", "rr", "tt"}


def _has_vowel(word: str) -> bool:
    return any(c in _VOWELS for c in word)


def _strip_suffix(word: str) -> str:
    for suffix in ("ing", "ed"):
        stem = word[: -len(suffix)]
        if word.endswith(suffix) and len(stem) >= 3 and _has_vowel(stem):
            return stem[:-1] if stem[-2:] in _DOUBLES else stem
    return word


def stem(word: str) -> str:
    """Return the stem of a lower-case ASCII word; words of 3 letters or fewer are kept."""
    if len(word) <= 3 or not word.isalpha():
        return word
    if word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith("sses"):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    word = _strip_suffix(word)
    if word.endswith("e") and len(word) > 4:
        word = word[:-1]
    return word
