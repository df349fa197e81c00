"""Whoosh BM25F scores for many documents at once.

Whoosh's collector scores one document at a time through a tree of
matchers (about 150 µs per document for a six-bigram query), which is what
makes broad queries slow. The figures are simple, though, so this module
computes the same scores in bulk from the same data:

* postings (document numbers and weights) read from Whoosh's posting blocks
  a whole block at a time, across segments, without deleted documents;
* Whoosh's statistics: ``BM25F.idf`` (log(N / (df + 1)) + 1 over all
  documents, deleted included), ``avg_field_length`` and each document's
  byte-quantised field length (``doc_field_length``);
* ``whoosh.scoring.bm25`` itself, memoised per (weight, length byte);
* the title's score multiplied by its boost as Whoosh's ``WrappingMatcher``
  does; a one-character prefix token scores its field's boost
  (``ConstantScoreQuery``).

tests/search/test_ranking.py checks the scores against Whoosh's own
``Searcher.search`` over the same query.
"""
from __future__ import annotations

import threading
from array import array
from collections import OrderedDict
from itertools import accumulate, repeat

from whoosh.codec.whoosh3 import LENGTHS_COLUMN
from whoosh.matching.wrappers import FilterMatcher
from whoosh.scoring import bm25
from whoosh.util.numeric import byte_to_length

from .analysis import PREFIX_MARK
from .schema import BODY_WEIGHT, TITLE_WEIGHT

FIELDS = (("title", TITLE_WEIGHT), ("body", BODY_WEIGHT))
CACHE_FROM = 2_000  # posting lists at least this long are kept decoded ...
CACHE_POSTINGS = 8_000_000  # ... up to this many postings per process (64 MB)
_lock = threading.Lock()
_lengths: dict[tuple[str, str], bytes] = {}


class _PostingsCache:
    """Decoded long posting lists per (segment, field, term, offset), least
    recently used dropped beyond ``budget`` postings (8 bytes each). Segments
    never change (deletions are applied after the cache), so entries never
    go stale."""

    def __init__(self, budget: int = CACHE_POSTINGS):
        self.budget, self.size = budget, 0
        self.entries: OrderedDict = OrderedDict()

    def get(self, key):
        with _lock:
            entry = self.entries.get(key)
            if entry is not None:
                self.entries.move_to_end(key)
            return entry

    def put(self, key, entry: tuple[array, array]) -> None:
        with _lock:
            if key not in self.entries:
                self.entries[key] = entry
                self.size += len(entry[0])
            while self.size > self.budget and self.entries:
                _, (old, _) = self.entries.popitem(last=False)
                self.size -= len(old)


_cache = _PostingsCache()


def _decode(m) -> tuple[list[int], list[float]]:
    ids: list[int] = []
    weights: list[float] = []
    if hasattr(m, "_read_data") and hasattr(m, "_next_block"):  # Whoosh 3 codec: whole blocks
        while m.is_active():
            if m._data is None:
                m._read_data()
            block_ids, block_weights = m._data[0], m._data[1]
            n = len(block_ids)
            ids.extend(accumulate(block_ids))  # ids are stored delta-encoded
            if block_weights is None:
                weights.extend(repeat(1.0, n))
            elif isinstance(block_weights, float):
                weights.extend(repeat(block_weights, n))
            else:
                weights.extend(block_weights)
            m._next_block()
    else:
        while m.is_active():
            ids.append(m.id())
            weights.append(m.weight())
            m.next()
    return ids, weights


def leaf_postings(reader, field: str, btext: bytes, offset: int = 0) -> tuple[array, array]:
    """(document numbers + ``offset``, weights) of one term in one segment,
    deleted documents left out, as arrays."""
    segment = getattr(reader, "_segment", None)
    key = (segment.segment_id(), field, btext, offset) if segment is not None else None
    entry = _cache.get(key) if key else None
    if entry is None:
        m = reader.postings(field, btext)
        if isinstance(m, FilterMatcher):
            m = m.child  # deletions are applied below, so the cached lists stay valid
        ids, weights = _decode(m)
        entry = (array("I", map(offset.__add__, ids) if offset else ids), array("f", weights))
        if key and len(ids) >= CACHE_FROM:
            _cache.put(key, entry)
    if not reader.has_deletions():
        return entry
    deleted = {d + offset for d in reader._perdoc.deleted_docs()}
    ids, weights = entry
    kept = [i for i, d in enumerate(ids) if d not in deleted]
    return array("I", [ids[i] for i in kept]), array("f", [weights[i] for i in kept])


def _leaves(searcher):
    return searcher.reader().leaf_readers()


def _expand(reader, field: str, token: str) -> list[bytes]:
    if token.endswith(PREFIX_MARK):
        return list(reader.expand_prefix(field, token[: -len(PREFIX_MARK)]))
    btext = token.encode()
    return [btext] if (field, btext) in reader else []


def token_postings(searcher, token: str, field: str) -> tuple[array, array]:
    """Global (document numbers, weights) of ``token`` in ``field``, in
    document order; for a prefix token, every document holding a term with
    that prefix, weight 1."""
    ids, weights = array("I"), array("f")
    prefix = token.endswith(PREFIX_MARK)
    for reader, offset in _leaves(searcher):
        if prefix:
            docs: set[int] = set()
            for btext in _expand(reader, field, token):
                docs.update(leaf_postings(reader, field, btext, offset)[0])
            ids.extend(sorted(docs))
            weights.extend(repeat(1.0, len(docs)))
        elif _expand(reader, field, token):
            leaf_ids, leaf_weights = leaf_postings(reader, field, token.encode(), offset)
            ids += leaf_ids  # arrays: a memory copy
            weights += leaf_weights
    return ids, weights


def _segment_lengths(reader, field: str) -> bytes:
    """Each segment document's length byte for ``field`` (cached per segment)."""
    segment = getattr(reader, "_segment", None)
    key = (segment.segment_id() if segment is not None else str(id(reader)), field)
    cached = _lengths.get(key)
    if cached is None:
        perdoc = getattr(reader, "_perdoc", None)
        column = perdoc._cached_reader(f"_{field}_len", LENGTHS_COLUMN) if perdoc is not None else None
        if column is not None:
            cached = bytes(column)
        else:
            from whoosh.util.numeric import length_to_byte
            cached = bytes(length_to_byte(reader.doc_field_length(d, field, 0) or 0)
                           for d in range(reader.doc_count_all()))
        with _lock:
            _lengths[key] = cached
            if len(_lengths) > 512:
                _lengths.pop(next(iter(_lengths)))
    return cached


def length_bytes(searcher, field: str) -> bytes:
    """The length byte of ``field`` for every global document number."""
    parts = [_segment_lengths(reader, field) for reader, _ in _leaves(searcher)]
    return parts[0] if len(parts) == 1 else b"".join(parts)


class Postings:
    """Postings of a query's tokens in title and body, read once per query."""

    def __init__(self, searcher, tokens):
        self.searcher = searcher
        self.lists = {(t, f): token_postings(searcher, t, f) for t in dict.fromkeys(tokens) for f, _ in FIELDS}

    def docs(self, token: str) -> set[int]:
        """Documents holding ``token`` in any field."""
        out: set[int] = set()
        for field, _ in FIELDS:
            out.update(self.lists[token, field][0])
        return out

    def _size(self, token: str) -> int:
        return sum(len(self.lists[token, field][0]) for field, _ in FIELDS)

    def matches(self, tokens, any_word: bool = False) -> set[int]:
        """Documents with every token (or at least one). An intersection
        starts from the rarest token and filters it by each other token's
        lists, so no set is built from a long posting list."""
        tokens = sorted(dict.fromkeys(tokens), key=self._size)
        if not tokens:
            return set()
        result = self.docs(tokens[0])
        for token in tokens[1:]:
            if any_word:
                result |= self.docs(token)
            else:
                found: set[int] = set()
                for field, _ in FIELDS:
                    found |= result.intersection(self.lists[token, field][0])
                result = found
        return result

    def scores(self, phrases, candidates: set[int]) -> dict[int, float]:
        """Whoosh BM25F score of every candidate: the sum over ``phrases`` (in
        order, repeats counted), title then body, of each field's score."""
        searcher = self.searcher
        weighting = searcher.weighting
        lo = min(candidates) if candidates else 0
        totals = dict.fromkeys(candidates, 0.0)
        lengths = {f: length_bytes(searcher, f) for f, _ in FIELDS}
        for token in phrases:
            prefix = token.endswith(PREFIX_MARK)
            for field, boost in FIELDS:
                ids, weights = self.lists[token, field]
                start = _first_at_least(ids, lo)
                if prefix:
                    for d in ids[start:]:
                        if d in totals:
                            totals[d] += boost
                    continue
                idf = searcher.idf(field, token)
                avgfl = searcher.avg_field_length(field) or 1
                K1, B = weighting.K1, weighting._field_B.get(field, weighting.B)
                # bm25 depends on the weight and the length byte only: one
                # 256-slot table per weight, filled as needed
                tables: dict[float, list] = {}
                field_lengths = lengths[field]
                for d, w in zip(ids[start:], weights[start:]):
                    if d in totals:
                        table = tables.get(w)
                        if table is None:
                            table = tables[w] = [None] * 256
                        lb = field_lengths[d]
                        s = table[lb]
                        if s is None:
                            s = table[lb] = bm25(idf, w, byte_to_length(lb), avgfl, B, K1) * boost
                        totals[d] += s
        return totals


def _first_at_least(ids: list[int], lo: int) -> int:
    from bisect import bisect_left

    return bisect_left(ids, lo)
