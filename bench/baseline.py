"""The baseline to beat: Whoosh 2.7 with jieba's ChineseAnalyzer, one
writer, default settings (no procs, no limitmb, no multisegment)."""
from __future__ import annotations

import tempfile
import time
import warnings


def measure(docs: list[dict], queries: list[str], repeats: int = 3) -> dict:
    """Index ``docs`` and time ``queries``; returns docs/s and per-query latencies (ms)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from jieba.analyse import ChineseAnalyzer
        from whoosh import index
        from whoosh.fields import ID, STORED, TEXT, Schema
        from whoosh.qparser import MultifieldParser

    schema = Schema(id=ID(stored=True, unique=True), url=STORED, kind=STORED,
                    title=TEXT(stored=True, analyzer=ChineseAnalyzer()), body=TEXT(analyzer=ChineseAnalyzer()))
    with tempfile.TemporaryDirectory() as directory:
        ix = index.create_in(directory, schema)
        start = time.perf_counter()
        writer = ix.writer()
        for d in docs:
            writer.add_document(id=d["id"], url=d["url"], kind=d["kind"], title=d["title"], body=d["body"])
        writer.commit()
        rate = len(docs) / (time.perf_counter() - start)
        parser = MultifieldParser(["title", "body"], schema)
        latencies, matched = [], {}
        with ix.searcher() as searcher:
            for q in queries:
                for _ in range(repeats):
                    t = time.perf_counter()
                    results = searcher.search(parser.parse(q), limit=10)
                    matched[q] = len(results)
                    latencies.append((time.perf_counter() - t) * 1000)
    return {"docs_per_s": rate, "latencies_ms": latencies, "matched": matched}
