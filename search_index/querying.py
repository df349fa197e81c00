"""Answering queries: ranked hits with snippets, facet counts, suggestions.

Matching is AND over the query's tokens; ranking is FTS5's BM25 with the
title column weighted ``TITLE_WEIGHT`` (``search.js`` computes the same
formula from the exported statistics). Ties break on rowid (insertion order).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from . import store
from .analysis import PREFIX_MARK, QueryPlan, query_plan
from .schema import BODY_WEIGHT, TITLE_WEIGHT, schema_for
from .facets import count as facet_counts
from .snippets import snippet
from .suggest import suggestions

_FEW_RESULTS = 3
# A query matching more documents than this (a stopword-like query on a
# large index) ranks only the RANK_WINDOW most recently indexed matches, so
# its cost stays bounded; totals and facets still count every match.
# search.js applies the same window (exported in meta.json).
RANK_WINDOW = 20_000


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


def fts_expression(plan: QueryPlan, any_word: bool = False) -> str:
    """The FTS5 MATCH expression for ``plan`` (every token, or with
    ``any_word`` at least one); its phrases, in order, are ``phrases(plan, any_word)``."""
    def quote(token: str) -> str:
        if token.endswith(PREFIX_MARK):
            return quote(token[:-1]) + PREFIX_MARK
        return '"' + token.replace('"', '""') + '"'

    parts = [quote(t) for t in plan.required]
    if any_word:
        return " OR ".join(parts)
    parts += [f"({quote(w)} OR {quote(a)})" for w, a in plan.boosts]
    return " AND ".join(parts)


def phrases(plan: QueryPlan, any_word: bool = False) -> list[str]:
    """The tokens BM25 sums over, in expression order (boost anchors repeat)."""
    if any_word:
        return list(plan.required)
    return list(plan.required) + [t for pair in plan.boosts for t in pair]


def _scope(filters: dict | None, divisions, exclude_ids) -> tuple[str, list]:
    """SQL restricting ``docs d`` to the allowed documents ('' if unrestricted)."""
    clauses, params = [], []
    for name, allowed in sorted((filters or {}).items()):
        if allowed is not None:
            clauses.append(f"d.{name} IN ({', '.join('?' * len(allowed))})")
            params += sorted(allowed)
    if divisions is not None:
        clauses.append(f"d.division IN ({', '.join('?' * len(divisions))})")
        params += sorted(divisions)
    if exclude_ids:
        clauses.append(f"d.id NOT IN ({', '.join('?' * len(exclude_ids))})")
        params += sorted(exclude_ids)
    return " AND ".join(clauses), params


def _matches(scope: str) -> str:
    """WHERE clause over ``fts`` for the MATCH plus the scope."""
    if not scope:
        return "fts MATCH ?"
    return f"fts MATCH ? AND fts.rowid IN (SELECT d.rowid FROM docs d WHERE {scope})"


def _window_start(conn, expression, scope, params, total) -> int:
    """Smallest rowid inside the ranking window (0 when every match is ranked)."""
    if total <= RANK_WINDOW:
        return 0
    sql = f"SELECT fts.rowid FROM fts WHERE {_matches(scope)} ORDER BY fts.rowid DESC LIMIT 1 OFFSET ?"
    row = conn.execute(sql, [expression] + params + [RANK_WINDOW - 1]).fetchone()
    return row[0] if row else 0


def _ranked(conn, expression, scope, params, total, limit, offset) -> list[tuple[int, float]]:
    """(rowid, score) of the best matches in the ranking window, best first; ties break on rowid."""
    start = _window_start(conn, expression, scope, params, total)
    sql = (f"SELECT fts.rowid, -bm25(fts, {TITLE_WEIGHT}, {BODY_WEIGHT}) AS score FROM fts "
           f"WHERE {_matches(scope)} AND fts.rowid >= ? ORDER BY score DESC, fts.rowid LIMIT ? OFFSET ?")
    return conn.execute(sql, [expression] + params + [start, limit, offset]).fetchall()


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
    conn = store.reader(store.index_dir(root, index_name))
    page, per_page = max(1, page), max(1, per_page)
    plan = query_plan(text, store.method_of(conn)) if conn else QueryPlan()
    if conn is None or plan.empty:
        return SearchResult(total=0, page=page, per_page=per_page)
    scope, params = _scope(filters, divisions, exclude_ids)
    hint: list[str] = []
    for any_word in (False, True):
        expression = fts_expression(plan, any_word)
        facets = facet_counts(conn, expression, schema.facets, filters, divisions, exclude_ids)
        total = sum(facets[schema.facets[0]].values())
        if total < _FEW_RESULTS and not any_word:
            hint = suggestions(conn, text)
        if total or len(plan.required) < 2:
            break  # otherwise fall back to documents with some of the words
    ranked = _ranked(conn, expression, scope, params, total, per_page, (page - 1) * per_page)
    tokens = tuple(phrases(plan, any_word))
    hits = [_hit(conn, schema.fields, rowid, score, tokens) for rowid, score in ranked]
    return SearchResult(total, hits, facets, hint, page, per_page, partial=any_word)


def _hit(conn, names, rowid, score, tokens) -> Hit:
    row = conn.execute(f"SELECT {', '.join(names)} FROM documents WHERE rowid = ?", (rowid,)).fetchone()
    fields = dict(zip(names, row))
    return Hit(id=fields["id"], score=score, snippet=snippet(fields["body"], tokens), fields=fields)


def matching_ids(root, index_name: str, text: str, filters: dict[str, set[str]] | None = None,
                 divisions: set[str] | None = None, exclude_ids: set[str] | None = None) -> list[str]:
    """Ids of every document matching ``text`` under the same scoping as
    ``query_index``, best first (for intersecting with SQL queries)."""
    conn = store.reader(store.index_dir(root, index_name))
    plan = query_plan(text, store.method_of(conn)) if conn else QueryPlan()
    if conn is None or plan.empty:
        return []
    scope, params = _scope(filters, divisions, exclude_ids)
    sql = (f"SELECT d.id FROM fts JOIN docs d ON d.rowid = fts.rowid WHERE fts MATCH ?"
           f"{' AND ' + scope if scope else ''} ORDER BY bm25(fts, {TITLE_WEIGHT}, {BODY_WEIGHT}), fts.rowid")
    return [i for (i,) in conn.execute(sql, [fts_expression(plan)] + params)]
