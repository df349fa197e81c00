"""Keeping the index current: updates, concurrency, rebuild and reconcile."""
import json
import multiprocessing

import pytest
from corpus import DOCS
from writers import doc, write_many

import search_index
from search_index import store
from search_index.indexing import stored_hashes


def ids(root, text, name="public"):
    return search_index.matching_ids(root, name, text)


def test_add_update_remove(root):
    search_index.add_to_index(root, "public", doc(1, 1, "first wording"))
    assert ids(root, "first") == ["news:en:p1-1"]
    search_index.add_to_index(root, "public", doc(1, 1, "second wording"))
    assert ids(root, "first") == [] and ids(root, "second") == ["news:en:p1-1"]
    search_index.remove_from_index(root, "public", "news:en:p1-1")
    search_index.remove_from_index(root, "public", "news:en:absent")
    assert ids(root, "second") == []


def test_unknown_kind_is_rejected(root):
    with pytest.raises(ValueError):
        search_index.add_to_index(root, "public", dict(doc(1, 1), kind="secret"))


def test_four_processes_writing_at_once_lose_nothing(root):
    """4 processes x 500 updates; each process owns 400 documents (100 re-added)."""
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(4) as pool:
        errors = pool.starmap(write_many, [(str(root), p, 500) for p in range(4)])
    assert errors == ["", "", "", ""]
    assert len(stored_hashes(root, "public")) == 4 * 400
    assert store.reader(store.index_dir(root, "public")).fresh().doc_count() == 4 * 400
    for p in range(4):
        found = set(ids(root, f"proc{p}"))
        assert found == {f"news:en:p{p}-{i}" for i in range(500) if i % 5 != 4}
        assert len(ids(root, f"revised proc{p}")) == 100
        assert ids(root, f"proc{p} item499") == [] and ids(root, f"proc{p} item498") == [f"news:en:p{p}-498"]


def test_rebuild_swaps_in_new_generation_and_keeps_concurrent_updates(root):
    search_index.rebuild(root, "public", [doc(0, 0, "old generation")])

    def documents():
        yield doc(0, 1, "new generation")
        # another worker writes while the rebuild is filling its new generation
        search_index.add_to_index(root, "public", doc(9, 9, "written during rebuild"))
        yield doc(0, 2, "new generation")

    assert search_index.rebuild(root, "public", documents()) == 2
    assert ids(root, "old") == []
    assert sorted(ids(root, "generation")) == ["news:en:p0-1", "news:en:p0-2"]
    assert ids(root, "during rebuild") == ["news:en:p9-9"]
    assert len(list(store.index_dir(root, "public").glob("gen-*"))) <= 2


def test_failed_rebuild_leaves_previous_index(root):
    search_index.rebuild(root, "public", DOCS)
    before = ids(root, "服务站")

    def broken():
        yield DOCS[0]
        raise RuntimeError("database went away")

    with pytest.raises(RuntimeError):
        search_index.rebuild(root, "public", broken())
    with pytest.raises(ValueError):
        search_index.rebuild(root, "public", [dict(DOCS[0], kind="nonsense")])
    assert before and ids(root, "服务站") == before
    assert len(list(store.index_dir(root, "public").glob("gen-*"))) == 1


def test_reconcile_repairs_drift(root):
    search_index.rebuild(root, "public", DOCS[:10])
    search_index.add_to_index(root, "public", doc(5, 5, "stale entry"))
    wanted = DOCS[1:12]
    wanted[0] = dict(wanted[0], body="本站地址已经变更")
    counts = search_index.reconcile(root, "public", wanted)
    assert counts == {"added": 2, "updated": 1, "removed": 2, "rebuilt": 0}
    assert search_index.reconcile(root, "public", wanted) == {"added": 0, "updated": 0, "removed": 0, "rebuilt": 0}
    assert set(stored_hashes(root, "public")) == {d["id"] for d in wanted}
    assert ids(root, "地址已经变更") == [wanted[0]["id"]]


def test_reconcile_rebuilds_an_index_made_by_another_analysis_version(root):
    search_index.rebuild(root, "public", DOCS[:5])
    db = store.current_generation(store.index_dir(root, "public"))
    meta = store.read_meta(db)
    (db / store.META_NAME).write_text(json.dumps(dict(meta, analysis="old")))
    counts = search_index.reconcile(root, "public", DOCS[:6])
    assert counts == {"added": 1, "updated": 5, "removed": 0, "rebuilt": 1}
    assert store.current_generation(store.index_dir(root, "public")) != db
    assert ids(root, DOCS[5]["title"]) == [DOCS[5]["id"]]


def test_rebuild_in_parallel_segments_answers_like_one_segment(root, built_root, monkeypatch):
    from queries import LABELS

    from search_index import bulk

    monkeypatch.setattr(bulk, "PARALLEL_FROM", 10)
    monkeypatch.setattr(bulk, "PARTS", 3)
    assert search_index.rebuild(root, "public", DOCS) == len(DOCS)
    assert len(store.reader(store.index_dir(root, "public")).fresh().reader().leaf_readers()) == 3
    for query in list(LABELS)[:20] + ["氢"]:
        one = search_index.query_index(built_root, "public", query)
        three = search_index.query_index(root, "public", query)
        assert [(h.id, round(h.score, 9)) for h in three.hits] == [(h.id, round(h.score, 9)) for h in one.hits]
        assert three.facets == one.facets
    search_index.add_to_index(root, "public", dict(DOCS[0], body="改写后的正文"))
    assert ids(root, "改写后的正文") == [DOCS[0]["id"]]
