"""Facet counts and scoping over a set of matching document numbers, at
C speed (sets and Counters) instead of through Whoosh's per-document
matchers or ``groupedby``, so broad queries stay cheap.

Each segment's ``facets`` column is read once per process into an array of
combination numbers (segments are immutable; only deletions change, and
the matching sets already leave deleted documents out).
"""
from __future__ import annotations

import array
import threading
from collections import Counter

from .schema import FACET_SEP

_lock = threading.Lock()
_segments: dict[object, "_SegmentFacets"] = {}
_combos: dict[bytes, int] = {}
_values: list[tuple[str, ...]] = []


def _leaves(searcher):
    return searcher.reader().leaf_readers()


class _SegmentFacets:
    def __init__(self, reader):
        if reader.doc_count_all() == 0:  # an empty index's reader has no columns at all
            self.codes = array.array("I")
            return
        column = reader.column_reader("facets")
        with _lock:
            codes = []
            for key in column:
                code = _combos.get(key)
                if code is None:
                    code = _combos[key] = len(_values)
                    _values.append(tuple(key.decode().split(FACET_SEP)))
                codes.append(code)
        self.codes = array.array("I", codes)


def _segment_key(reader):
    segment = getattr(reader, "_segment", None)
    return segment.segment_id() if segment is not None else id(reader)  # random, unique per segment


def _segment_facets(reader) -> _SegmentFacets:
    key = _segment_key(reader)
    cached = _segments.get(key)
    if cached is None:
        cached = _segments[key] = _SegmentFacets(reader)
        if len(_segments) > 256:  # segments merged away long ago
            _segments.pop(next(iter(_segments)))
    return cached


_joined: dict[tuple, array.array] = {}


def combo_lookup(searcher):
    """A function mapping a global document number to its combination number
    (segment arrays joined once per set of segments)."""
    parts = [(reader, _segment_facets(reader).codes) for reader, _ in _leaves(searcher)]
    if len(parts) == 1:
        return parts[0][1].__getitem__
    key = tuple(_segment_key(reader) for reader, _ in parts)
    joined = _joined.get(key)
    if joined is None:
        joined = array.array("I")
        for _, codes in parts:
            joined.extend(codes)
        with _lock:
            _joined.clear()  # only the live set of segments is worth keeping
            _joined[key] = joined
    return joined.__getitem__


def allowed_combos(names: tuple[str, ...], filters: dict | None, divisions: set[str] | None) -> list[bool]:
    """For every known combination, whether it passes ``filters`` and ``divisions``."""
    unknown = set(filters or {}) - set(names)
    if unknown:
        raise ValueError(f"cannot filter on {sorted(unknown)}; facet fields are {names}")
    rules = {n: v for n, v in (filters or {}).items() if v is not None}
    if divisions is not None:
        rules["division"] = set(divisions) & set(rules.get("division", divisions))
    if not rules:
        return [True] * len(_values)
    return [all(v in rules[n] for n, v in zip(names, combo) if n in rules) for combo in _values]


def scoped(searcher, docs: set[int], names, filters, divisions, exclude: set[int]) -> tuple[set[int], dict]:
    """``docs`` narrowed to the allowed documents, and facet counts over them."""
    lookup = combo_lookup(searcher)
    allowed = allowed_combos(names, filters, divisions)
    if exclude:
        docs = docs - exclude
    by_combo = Counter(map(lookup, docs))
    facets: dict[str, dict[str, int]] = {n: {} for n in names}
    for combo, n in by_combo.items():
        if allowed[combo]:
            for name, value in zip(names, _values[combo]):
                facets[name][value] = facets[name].get(value, 0) + n
    if not all(allowed[c] for c in by_combo):
        docs = {d for d in docs if allowed[lookup(d)]}
    return docs, facets
