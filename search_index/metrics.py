"""Relevance metrics for labelled query sets (nDCG@k and recall@k)."""
from __future__ import annotations

import math
from collections.abc import Callable, Mapping


def ndcg(ranked: list[str], grades: Mapping[str, int], k: int = 10) -> float:
    """nDCG@k with gains 2**grade - 1; 1.0 when ``ranked`` is ideal."""
    dcg = sum((2 ** grades.get(d, 0) - 1) / math.log2(i + 2) for i, d in enumerate(ranked[:k]))
    ideal = sorted(grades.values(), reverse=True)[:k]
    best = sum((2 ** g - 1) / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / best if best else 0.0


def recall(ranked: list[str], grades: Mapping[str, int], k: int = 10) -> float:
    """Share of the judged-relevant documents found in the top ``k``."""
    relevant = {d for d, g in grades.items() if g > 0}
    return len(relevant & set(ranked[:k])) / len(relevant) if relevant else 0.0


def evaluate(search: Callable[[str], list[str]], labels: Mapping[str, Mapping[str, int]], k: int = 10) -> dict:
    """Mean nDCG@k and recall@k of ``search`` (query -> ranked ids) over ``labels``."""
    per_query = {q: (ndcg(search(q), g, k), recall(search(q), g, k)) for q, g in labels.items()}
    n = len(per_query)
    return {
        "ndcg": sum(v[0] for v in per_query.values()) / n,
        "recall": sum(v[1] for v in per_query.values()) / n,
        "per_query": per_query,
    }
