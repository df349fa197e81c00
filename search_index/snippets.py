"""Highlighted snippets: a window of the body around the query's matches."""
from __future__ import annotations

import html
import re

from .analysis import PREFIX_MARK, WORD_MARK, latin_token
from .normalize import fold

_LATIN_RE = re.compile(r"[0-9a-z\u00b5\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f]+")


def _is_han_token(token: str) -> bool:
    return not token.isascii()


def match_spans(text: str, tokens: tuple[str, ...]) -> list[tuple[int, int]]:
    """Sorted, merged (start, end) spans of ``text`` where query tokens occur."""
    folded = fold(text)
    spans = []
    for token in tokens:
        if token.startswith(WORD_MARK) and _is_han_token(token):
            token = token[len(WORD_MARK):]
        token = token.removesuffix(PREFIX_MARK)
        if not _is_han_token(token):
            continue
        start = folded.find(token)
        while start != -1:
            spans.append((start, start + len(token)))
            start = folded.find(token, start + 1)
    wanted = {t for t in tokens if not _is_han_token(t)}
    spans += [m.span() for m in _LATIN_RE.finditer(folded) if latin_token(m.group()) in wanted]
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _best_start(spans: list[tuple[int, int]], width: int) -> int:
    """Start of the span that begins the window holding the most span starts."""
    best, best_count, end = 0, -1, 0
    for i, (start, _) in enumerate(spans):
        while end < len(spans) and spans[end][0] < start + width:
            end += 1
        if end - i > best_count:
            best, best_count = start, end - i
    return best


def snippet(text: str, tokens: tuple[str, ...], width: int = 120) -> str:
    """HTML-escaped excerpt of ``text`` (at most ``width`` characters plus
    ellipses) with query matches wrapped in ``<mark>``."""
    spans = match_spans(text, tokens)
    start = max(0, _best_start(spans, width) - width // 6) if spans else 0
    end = min(len(text), start + width)
    out = ["…" if start else ""]
    pos = start
    for s, e in spans:
        if e <= start or s >= end:
            continue
        s, e = max(s, start), min(e, end)
        out += [html.escape(text[pos:s]), "<mark>", html.escape(text[s:e]), "</mark>"]
        pos = e
    out += [html.escape(text[pos:end]), "…" if end < len(text) else ""]
    return "".join(out)
