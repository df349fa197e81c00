"""Analysing documents for a rebuild, in helper processes when it pays.

SQLite inserts run in the calling process; tokenising (the Python half of
the work) runs in up to ``os.cpu_count() - 1`` spawned helpers, a few
batches ahead, so the two overlap. Small rebuilds stay in-process.
"""
from __future__ import annotations

import itertools
import os
from collections import Counter, deque
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context

from .documents import latin_words, tokens_of
from .schema import schema_for

BATCH = 500
PARALLEL_FROM = 5000  # below this, starting helpers costs more than it saves


def analyse(index_name: str, docs: list[dict], method: str) -> list[tuple[dict, tuple[str, str], Counter]]:
    """Validate and tokenise a batch: (row, (title tokens, body tokens), Latin words) each."""
    schema = schema_for(index_name)
    out = []
    for doc in docs:
        row = schema.row(doc)
        out.append((row, tokens_of(schema, row, method), latin_words(schema.title_text(row) + " " + row["body"])))
    return out


def analysed(index_name: str, documents: Iterable[dict], method: str, expected: int | None = None) -> Iterator:
    """Yield ``analyse`` results for ``documents`` in order."""
    batches = iter(lambda it=iter(documents): list(itertools.islice(it, BATCH)), [])
    helpers = min(2, (os.cpu_count() or 1) - 1)
    if helpers < 1 or (expected is not None and expected < PARALLEL_FROM):
        for batch in batches:
            yield from analyse(index_name, batch, method)
        return
    with ProcessPoolExecutor(helpers, mp_context=get_context("spawn")) as pool:
        pending: deque = deque()
        for batch in batches:
            pending.append(pool.submit(analyse, index_name, batch, method))
            if len(pending) > 2 * helpers + 2:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
