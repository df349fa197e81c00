"""Answering queries: ranked hits with snippets, facet counts, suggestions.

Matching is AND over the query's tokens, each found in the title or the
body. Ranking is Whoosh's BM25F (``whoosh.scoring.BM25F``, B = 0.75,
K1 = 1.2, per-field idf and average field length) with the title's score
boosted ``TITLE_WEIGHT`` times; Whoosh collects the top hits with
block-quality skipping (``optimize=True``), ties breaking on document
number. ``search.js`` computes the same formula from the exported
statistics. A one-character Han token is a Whoosh ``Prefix`` query wrapped
in ``ConstantScoreQuery``: it scores the field's boost (2 for the title, 1
for the body) in each field holding the character, so search.js can mirror
it from one merged posting list.
"""
from __future__ import annotations

import heapq
from dataclasses import dataclass, field

from whoosh import query as Q
from whoosh.scoring import BM25F

from . import store
from .analysis import PREFIX_MARK, QueryPlan, query_plan
from .facets import allowed_combos, scoped
from .ranking import Postings
from .schema import TITLE_WEIGHT, schema_for
from .snippets import snippet
from .suggest import suggestions

_FEW_RESULTS = 3
# A query matching more documents than this (a broad query on a large
# index) ranks only the RANK_WINDOW matches with the highest document
# numbers (the most recently indexed), so its cost stays bounded (scoring is
# pure Python, about 0.2 µs per posting); totals and facets still count
# every match. search.js applies the same window (exported in meta.json).
RANK_WINDOW = 5_000
WEIGHTING = BM25F(B=0.75, K1=1.2)


@dataclass
class Hit:
    """One result: the stored fields of a document, its score (higher is
    better) and an HTML snippet with ``<mark>``ed matches."""

    id: str
    score: float
    snippet: str
    fields: dict[str, str]

    def __getattr__(self, name: str) -> str:
        try:
            return self.__dict__["fields"][name]
        except KeyError:
            raise AttributeError(name) from None


@dataclass
class SearchResult:
    """A page of hits plus what the search page shows around them."""

    total: int
    hits: list[Hit] = field(default_factory=list)
    facets: dict[str, dict[str, int]] = field(default_factory=dict)
    suggestions: list[str] = field(default_factory=list)
    page: int = 1
    per_page: int = 10
    partial: bool = False  # no document had every word; these match some of them


def _token_query(token: str) -> Q.Query:
    if token.endswith(PREFIX_MARK):
        text = token[: -len(PREFIX_MARK)]
        return Q.Or([Q.ConstantScoreQuery(Q.Prefix("title", text), TITLE_WEIGHT),
                     Q.ConstantScoreQuery(Q.Prefix("body", text), 1.0)])
    return Q.Or([Q.Term("title", token, boost=TITLE_WEIGHT), Q.Term("body", token)])


def whoosh_query(plan: QueryPlan, any_word: bool = False) -> Q.Query:
    """The Whoosh query for ``plan``: every token (or, with ``any_word``, at
    least one) in title or body; hybrid boosts add ``(word OR anchor)``."""
    parts = [_token_query(t) for t in plan.required]
    if any_word:
        return Q.Or(parts)
    parts += [Q.Or([_token_query(w), _token_query(a)]) for w, a in plan.boosts]
    return Q.And(parts)


def phrases(plan: QueryPlan, any_word: bool = False) -> list[str]:
    """The tokens that score, in query order (boost anchors repeat)."""
    if any_word:
        return list(plan.required)
    return list(plan.required) + [t for pair in plan.boosts for t in pair]


def _excluded(searcher, exclude_ids) -> set[int]:
    out = set()
    for doc_id in exclude_ids or ():
        num = searcher.document_number(id=str(doc_id))
        if num is not None:
            out.add(num)
    return out


def _ranked(postings: Postings, phrases_: list[str], allowed: set[int], limit: int | None):
    """(docnum, score) of the best ``limit`` allowed matches, best first, ties
    by document number; beyond RANK_WINDOW matches only the window is ranked."""
    candidates = allowed
    if len(allowed) > RANK_WINDOW:
        candidates = set(sorted(allowed)[-RANK_WINDOW:])
    scores = postings.scores(phrases_, candidates)
    key = lambda item: (-item[1], item[0])  # noqa: E731
    items = scores.items()
    return heapq.nsmallest(limit, items, key=key) if limit is not None else sorted(items, key=key)


def query_index(root, index_name: str, text: str, page: int = 1, per_page: int = 10,
                filters: dict[str, set[str]] | None = None, divisions: set[str] | None = None,
                exclude_ids: set[str] | None = None) -> SearchResult:
    """Search ``index_name`` for ``text``.

    ``filters`` maps a facet field to its allowed values; ``divisions``
    (None = all) and ``exclude_ids`` scope staff searches. Facet counts and
    ``total`` cover all matches after filtering. When no document has every
    word, documents with some of them are returned, best first, and
    ``partial`` is set. An unbuilt index or a query with no searchable words
    gives an empty result.
    """
    schema = schema_for(index_name)
    reader = store.reader(store.index_dir(root, index_name))
    page, per_page = max(1, page), max(1, per_page)
    plan = query_plan(text, reader.method) if reader else QueryPlan()
    allowed_combos(schema.facets, filters, divisions)  # rejects unknown filter fields
    if reader is None or plan.empty:
        return SearchResult(total=0, page=page, per_page=per_page)
    searcher = _searcher(reader)
    if searcher.doc_count() == 0:  # nothing indexed yet (idf is undefined on an empty index)
        return SearchResult(total=0, page=page, per_page=per_page)
    postings = Postings(searcher, phrases(plan))
    excluded = _excluded(searcher, exclude_ids)
    hint: list[str] = []
    for any_word in (False, True):
        docs = postings.matches(plan.required, any_word)
        allowed, facets = scoped(searcher, docs, schema.facets, filters, divisions, excluded)
        if len(allowed) < _FEW_RESULTS and not any_word:
            hint = suggestions(searcher, text)
        if allowed or len(plan.required) < 2:
            break  # otherwise fall back to documents with some of the words
    ranked = _ranked(postings, phrases(plan, any_word), allowed, page * per_page)
    tokens = tuple(phrases(plan, any_word))
    hits = [_hit(searcher, docnum, score, tokens) for docnum, score in ranked[(page - 1) * per_page:]]
    return SearchResult(len(allowed), hits, facets, hint, page, per_page, partial=any_word)


def _searcher(reader: store.Reader):
    searcher = reader.fresh()
    searcher.weighting = WEIGHTING
    return searcher


def _hit(searcher, docnum: int, score: float, tokens) -> Hit:
    fields = dict(searcher.stored_fields(docnum)["doc"])
    fields.pop("hash", None)
    return Hit(id=fields["id"], score=score, snippet=snippet(fields.get("body", ""), tokens), fields=fields)


def matching_ids(root, index_name: str, text: str, filters: dict[str, set[str]] | None = None,
                 divisions: set[str] | None = None, exclude_ids: set[str] | None = None) -> list[str]:
    """Ids of every document matching ``text`` under the same scoping as
    ``query_index``, best first (for intersecting with SQL queries)."""
    schema = schema_for(index_name)
    reader = store.reader(store.index_dir(root, index_name))
    plan = query_plan(text, reader.method) if reader else QueryPlan()
    if reader is None or plan.empty:
        return []
    searcher = _searcher(reader)
    if searcher.doc_count() == 0:
        return []
    postings = Postings(searcher, phrases(plan))
    docs = postings.matches(plan.required)
    allowed, _ = scoped(searcher, docs, schema.facets, filters, divisions, _excluded(searcher, exclude_ids))
    ranked = sorted(postings.scores(phrases(plan), allowed).items(), key=lambda item: (-item[1], item[0]))
    return [searcher.stored_fields(num)["doc"]["id"] for num, _ in ranked]
