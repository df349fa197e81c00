"""query_index: ranking, snippets, facets, filters, pagination, suggestions."""
import pytest

import search_index


def test_hits_are_ranked_with_highlighted_snippets(built_root):
    result = search_index.query_index(built_root, "public", "风机")
    assert result.hits[0].url == "/zh/news/wind-turbine/"
    assert result.hits[0].score >= result.hits[-1].score
    assert "<mark>风机</mark>" in result.hits[0].snippet


def test_snippet_escapes_html(root):
    search_index.add_to_index(root, "public", {"id": "p", "kind": "page", "url": "/p/", "title": "t",
                                               "body": "<script>alert(1)</script> 氢能", "lang": "zh"})
    snippet = search_index.query_index(root, "public", "氢能").hits[0].snippet
    assert "<script>" not in snippet and "&lt;/script&gt;" in snippet and "<mark>氢能</mark>" in snippet


def test_facets_count_all_matches(built_root):
    result = search_index.query_index(built_root, "public", "氢能", per_page=2)
    assert len(result.hits) == 2
    assert sum(result.facets["kind"].values()) == result.total >= 4
    assert result.facets["lang"] == {"zh": result.total}
    assert result.facets["industry"].get("hydrogen") == 2


def test_filters_and_pagination(built_root):
    everything = search_index.query_index(built_root, "public", "服务站", per_page=50)
    stations = search_index.query_index(built_root, "public", "服务站", filters={"kind": {"station"}})
    assert stations.total == everything.total - 1  # the contact page drops out
    first = search_index.query_index(built_root, "public", "服务站", page=1, per_page=2)
    second = search_index.query_index(built_root, "public", "服务站", page=2, per_page=2)
    assert [h.id for h in first.hits + second.hits] == [h.id for h in everything.hits[:4]]


def test_did_you_mean(built_root):
    assert search_index.query_index(built_root, "public", "服物站").suggestions == ["服务站"]
    assert search_index.query_index(built_root, "public", "hydrogn").suggestions == ["hydrogen"]
    assert search_index.query_index(built_root, "public", "服务站").suggestions == []


def test_empty_query_and_missing_index(built_root, root):
    assert search_index.query_index(built_root, "public", "  ，。 the ").total == 0
    assert search_index.query_index(root, "public", "服务站").total == 0
    assert search_index.matching_ids(root, "public", "服务站") == []


def test_single_character_query_finds_every_occurrence(built_root):
    from corpus import DOCS

    expected = {d["id"] for d in DOCS if "氢" in d["title"] + d["body"] or "氫" in d["body"]}
    assert set(search_index.matching_ids(built_root, "public", "氢")) == expected
    assert len(expected) >= 4


def test_very_broad_queries_rank_only_the_newest_matches(built_root, monkeypatch):
    from search_index import querying

    everything = search_index.query_index(built_root, "public", "人才", per_page=100)
    monkeypatch.setattr(querying, "RANK_WINDOW", 5)
    windowed = search_index.query_index(built_root, "public", "人才", per_page=100)
    newest = search_index.matching_ids(built_root, "public", "人才")  # all matches
    searcher = search_index.store.reader(search_index.store.index_dir(built_root, "public")).fresh()
    docnum = {i: searcher.document_number(id=i) for i in newest}
    assert windowed.total == everything.total > 5
    assert sorted(docnum[h.id] for h in windowed.hits) == sorted(docnum.values())[-5:]


def test_facets_follow_updates_and_deletes(root):
    doc = {"id": "n1", "kind": "news", "url": "/n1/", "title": "氢能", "body": "氢能", "lang": "zh"}
    search_index.add_to_index(root, "public", doc)
    search_index.add_to_index(root, "public", dict(doc, id="n2"))
    assert search_index.query_index(root, "public", "氢能").facets["kind"] == {"news": 2}
    search_index.add_to_index(root, "public", dict(doc, kind="policy"))
    search_index.remove_from_index(root, "public", "n2")
    result = search_index.query_index(root, "public", "氢能", filters={"lang": {"zh"}})
    assert result.facets["kind"] == {"policy": 1} and result.total == 1
    assert search_index.query_index(root, "public", "氢能", exclude_ids={"n1"}).total == 0


def test_filtering_on_a_non_facet_field_is_an_error(built_root):
    with pytest.raises(ValueError):
        search_index.query_index(built_root, "public", "氢能", filters={"title": {"x"}})


def test_no_document_with_every_word_falls_back_to_some_words(built_root):
    result = search_index.query_index(built_root, "public", "风机 zeppelin")
    assert result.partial and result.hits[0].url == "/zh/news/wind-turbine/"
    exact = search_index.query_index(built_root, "public", "风机")
    assert not exact.partial
    assert search_index.query_index(built_root, "public", "zeppelin").total == 0


def test_an_index_emptied_by_removals_answers_with_nothing(tmp_path):
    import search_index

    root = tmp_path / "search"
    doc = {"id": "x1", "kind": "news", "url": "/news/x1/", "title": "服务站", "body": "服务站", "lang": "zh",
           "division": "", "industry": "", "date": ""}
    search_index.add_to_index(root, "public", doc)
    search_index.remove_from_index(root, "public", "x1")
    assert search_index.query_index(root, "public", "服务站").total == 0
    assert search_index.matching_ids(root, "public", "服务站") == []
