"""The bulk scores of search_index.ranking are Whoosh's own BM25F scores."""
import pytest
from queries import LABELS

import search_index
from search_index import store
from search_index.analysis import query_plan
from search_index.querying import WEIGHTING, phrases, whoosh_query
from search_index.ranking import Postings


@pytest.mark.parametrize("any_word", [False, True])
def test_scores_equal_whoosh_searcher_scores(built_root, any_word):
    searcher = store.reader(store.index_dir(built_root, "public")).fresh()
    searcher.weighting = WEIGHTING
    checked = 0
    for text in list(LABELS) + ["氢", "站 policy", "能 hydrogen", "风机 zeppelin"]:
        plan = query_plan(text)
        whoosh = searcher.search(whoosh_query(plan, any_word), limit=None)
        expected = {whoosh.docnum(i): whoosh.score(i) for i in range(whoosh.scored_length())}
        ids = search_index.matching_ids(built_root, "public", text) if not any_word else None
        postings = Postings(searcher, phrases(plan))
        got = postings.scores(phrases(plan, any_word), postings.matches(plan.required, any_word))
        assert set(got) == set(expected), text
        for docnum, score in expected.items():
            assert got[docnum] == pytest.approx(score, rel=1e-9, abs=1e-12), text
        if ids is not None:
            assert len(ids) == len(expected)
        checked += len(expected)
    assert checked > 100
