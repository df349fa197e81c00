"""Compare analysis methods on the labelled query set (figures for docs/search.md).

    python bench/relevance_methods.py [--distractors 2000]

Runs every method in search_index.analysis.METHODS over the fixture
corpus, then again with generated distractor documents added (judged not
relevant), which punishes methods that match across word boundaries.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent), str(HERE.parent / "tests" / "search")]

import corpus_gen  # noqa: E402
from corpus import DOCS  # noqa: E402
from queries import LABELS  # noqa: E402

import search_index  # noqa: E402
from search_index.analysis import METHODS  # noqa: E402
from search_index.metrics import evaluate  # noqa: E402


def score(docs: list[dict], method: str) -> dict:
    """nDCG@10 and recall@10 of ``method`` over ``docs``."""
    with tempfile.TemporaryDirectory() as root:
        search_index.rebuild(root, "public", docs, method=method)
        return evaluate(lambda q: [h.id for h in search_index.query_index(root, "public", q).hits], LABELS)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--distractors", type=int, default=2000)
    args = parser.parse_args()
    distractors = list(corpus_gen.documents(args.distractors, seed=11))
    print(f"| method | nDCG@10 | recall@10 | nDCG@10 +{args.distractors} distractors | recall@10 +distractors |")
    print("|---|---|---|---|---|")
    for method in METHODS:
        plain, noisy = score(DOCS, method), score(DOCS + distractors, method)
        print(f"| {method} | {plain['ndcg']:.4f} | {plain['recall']:.4f} | {noisy['ndcg']:.4f} | {noisy['recall']:.4f} |",
              flush=True)


if __name__ == "__main__":
    main()
