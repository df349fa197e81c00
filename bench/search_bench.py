"""Benchmark search_index: rebuild throughput, query latency, static bytes
per query against Pagefind, and relevance. Run by hand, never in tests:

    python bench/search_bench.py [--docs 120000] [--baseline-docs 3000]
                                 [--static-docs 10000] [--skip-static]

Ends with one JSON line; a figure not measured in this run is null.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent), str(HERE.parent / "tests" / "search")]

import baseline  # noqa: E402
import corpus_gen  # noqa: E402

import search_index  # noqa: E402


def percentile(values: list[float], q: float) -> float:
    """The q-quantile (0..1) of ``values`` by nearest rank."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * len(ordered)) - 1))]


def time_queries(root, queries, repeats=3, cold=None) -> tuple[list[float], dict[str, list]]:
    """Latencies (ms) of full query_index calls (facets, snippets included), and
    per query [documents matched, median ms]. Each query runs once first
    (the page cache and search_index's per-process caches warm up); that
    first run's latency is appended to ``cold`` if given."""
    latencies, matched = [], {}
    for q in queries:
        t = time.perf_counter()
        search_index.query_index(root, "public", q)
        if cold is not None:
            cold.append((time.perf_counter() - t) * 1000)
        mine = []
        for _ in range(repeats):
            t = time.perf_counter()
            result = search_index.query_index(root, "public", q)
            mine.append((time.perf_counter() - t) * 1000)
        latencies += mine
        matched[q] = [result.total, round(statistics.median(mine), 1)]
    return latencies, matched


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--docs", type=int, default=120_000)
    parser.add_argument("--baseline-docs", type=int, default=3000)
    parser.add_argument("--static-docs", type=int, default=10_000)
    parser.add_argument("--skip-static", action="store_true")
    parser.add_argument("--keep", metavar="DIR", help="build the big index in DIR and keep it")
    args = parser.parse_args()
    out = {k: None for k in ("index_docs_per_s", "query_p50_ms", "query_p95_ms", "static_kb_per_query",
                             "pagefind_kb_per_query", "ndcg10", "pagefind_ndcg10")}
    t = time.perf_counter()
    docs = list(corpus_gen.documents(args.docs))
    queries = corpus_gen.queries()
    log(f"generated {len(docs)} docs in {time.perf_counter() - t:.1f}s, "
        f"mean {statistics.mean(len(d['body'].encode()) for d in docs):.0f} bytes of body")
    with tempfile.TemporaryDirectory() as scratch:
        root = args.keep or scratch
        t = time.perf_counter()
        search_index.rebuild(root, "public", docs)
        elapsed = time.perf_counter() - t
        out["index_docs_per_s"] = round(len(docs) / elapsed, 1)
        size = sum(p.stat().st_size for p in Path(root).rglob("*") if p.is_file())
        log(f"rebuild: {len(docs)} docs in {elapsed:.1f}s = {out['index_docs_per_s']} docs/s, {size / 2**20:.0f} MiB")
        cold: list[float] = []
        latencies, matched = time_queries(root, queries, cold=cold)
        out["query_p50_ms"] = round(statistics.median(latencies), 2)
        out["query_p95_ms"] = round(percentile(latencies, 0.95), 2)
        log(f"queries: p50 {out['query_p50_ms']} ms, p95 {out['query_p95_ms']} ms over {len(latencies)} runs")
        log(f"first run of each query (first query also loads per-process caches): p50 "
            f"{statistics.median(cold):.1f} ms, p95 {percentile(cold, 0.95):.1f} ms, max {max(cold):.1f} ms; "
            f"without the first query p95 {percentile(cold[1:], 0.95):.1f} ms")
        log("per query [matches, median ms]: " + json.dumps(matched, ensure_ascii=False))
    if args.baseline_docs:
        run_baseline(docs[: args.baseline_docs], queries)
    if not args.skip_static:
        import static_bytes

        out.update(static_bytes.measure(docs[: args.static_docs], queries, log))
    print(json.dumps(out))


def run_baseline(subset, queries) -> None:
    """Whoosh + jieba against search_index on the same subset (logged, not in the JSON line)."""
    base = baseline.measure(subset, queries)
    with tempfile.TemporaryDirectory() as root:
        t = time.perf_counter()
        search_index.rebuild(root, "public", subset)
        rate = len(subset) / (time.perf_counter() - t)
        ours, _ = time_queries(root, queries, repeats=3)
    log(f"baseline on {len(subset)} docs: whoosh+jieba {base['docs_per_s']:.0f} docs/s, "
        f"p50 {statistics.median(base['latencies_ms']):.1f} ms, p95 {percentile(base['latencies_ms'], 0.95):.1f} ms; "
        f"search_index {rate:.0f} docs/s, p50 {statistics.median(ours):.1f} ms, p95 {percentile(ours, 0.95):.1f} ms")


def log(message: str) -> None:
    """Progress goes to stderr so stdout ends with the JSON line alone."""
    print(message, file=sys.stderr, flush=True)


if __name__ == "__main__":
    main()
