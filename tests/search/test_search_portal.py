"""The portal's use of search: the private application index kept in step with commits and
scoped like the queue, and the public search page over the public index."""
from pathlib import Path

import pytest

import search_index
from portal.demo.seed import make_id_number
from portal.kernel import db

PLANTED_NAME = "瞿梦泽"
PLANTED_ID = make_id_number("210902", "19850505", "777")
PLANTED_PHONE = "13712398765"


@pytest.fixture
def search_on(app):
    """Live indexing switched on for this test (it is off in the rest of the suite for speed)."""
    app.config["SEARCH_SYNC"] = True
    return Path(app.config["SEARCH_INDEX_DIR"])


def _ids(app, text, divisions=None):
    return search_index.matching_ids(app.config["SEARCH_INDEX_DIR"], "private", text, divisions=divisions)


def test_submitted_applications_are_indexed_after_commit_and_drafts_never(app, search_on, make_user,
                                                                           complete_application):
    from portal.applications import filing as applications

    user = make_user()
    draft = complete_application(user, employer="阜新風機製造有限公司")  # traditional characters
    assert _ids(app, "风机") == []                                     # a draft is never indexed
    applications.submit(draft, user)
    assert _ids(app, "风机") == [str(draft.id)]                        # found through t2s folding + bigrams
    assert _ids(app, "風機製造") == [str(draft.id)]


def test_a_rolled_back_change_never_reaches_the_index(app, search_on, make_user, submitted_application):
    application = submitted_application(make_user(), employer="阜新回滚测试公司")
    with pytest.raises(RuntimeError):
        with db.transaction():
            application.employer = "不应进入索引的单位"
            db.session.flush()
            raise RuntimeError("abort")
    assert _ids(app, "不应进入索引") == []
    assert _ids(app, "回滚测试") == [str(application.id)]


def test_staff_queue_search_uses_the_index_and_keeps_division_scope(client, auth, app, search_on, make_user,
                                                                     submitted_application):
    mine = submitted_application(make_user(), employer="阜新風電裝備集團", division="210902")
    other = submitted_application(make_user(), employer="彰武風電裝備公司", division="210922")
    auth.login(make_user("hr", division="210902"))
    page = client.get("/review/?q=风电装备").get_data(as_text=True)
    assert mine.reference in page and other.reference not in page   # LIKE could not match 風電 with 风电
    auth.logout()
    auth.login(make_user("hr"))
    page = client.get("/review/?q=风电装备").get_data(as_text=True)
    assert mine.reference in page and other.reference in page
    assert _ids(app, "风电", divisions={"210922"}) == [str(other.id)]


def test_reconcile_command_repairs_a_missing_private_index(app, runner, make_user, submitted_application):
    application = submitted_application(make_user(), employer="阜新对账测试有限公司")  # indexing is off here
    assert _ids(app, "对账测试") == []
    result = runner.invoke(args=["search-reconcile"])
    assert result.exit_code == 0 and "'added': 1" in result.output
    assert _ids(app, "对账测试") == [str(application.id)]


def test_applicant_data_never_reaches_public_search_or_the_static_export(app, search_on, make_user,
                                                                          submitted_application, tmp_path):
    submitted_application(make_user(phone=PLANTED_PHONE), employer="瞿氏私密科技", id_number=PLANTED_ID)
    from portal.applications.models import Application
    application = db.session.query(Application).one()
    with db.transaction():
        application.full_name = PLANTED_NAME
    root = app.config["SEARCH_INDEX_DIR"]
    assert _ids(app, PLANTED_NAME)                           # staff can find it privately
    search_index.rebuild(root, "public", [_public_doc("n1", "人才工作服务站开放", "阜新各县区服务站")])
    for planted in (PLANTED_NAME, PLANTED_ID, PLANTED_PHONE, "瞿氏私密"):
        assert search_index.query_index(root, "public", planted).total == 0
    out = tmp_path / "export"
    search_index.export_static(root, out)
    exported = b"".join(p.read_bytes() for p in out.rglob("*") if p.is_file())
    for planted in (PLANTED_NAME, PLANTED_ID, PLANTED_PHONE, "瞿氏私密"):
        assert planted.encode() not in exported


def _public_doc(doc_id, title, body, kind="news", lang="zh"):
    return {"id": doc_id, "kind": kind, "url": f"/news/{doc_id}/", "title": title, "body": body, "lang": lang,
            "division": "", "industry": "", "date": "2026-11-01"}


@pytest.fixture
def public_index(app):
    docs = [_public_doc(f"n{i}", f"人才工作服务站第{i}期活动", "服务站为人才提供政策咨询和申报帮助。") for i in range(12)]
    docs.append(_public_doc("p1", "氢能产业人才政策", "支持氢能产业引进人才。", kind="policy"))
    docs.append(_public_doc("e1", "Hydrogen talent policy", "Support for hydrogen industry talents.", kind="policy",
                            lang="en"))
    search_index.rebuild(app.config["SEARCH_INDEX_DIR"], "public", docs)
    return docs


def test_public_search_page_shows_snippets_facets_and_pages(app, client, auth, make_user, public_index):
    page = client.get("/search?q=服务站").get_data(as_text=True)
    assert 'id="search-results"' in page and "<mark>" in page
    assert "共找到 12 条结果" in page and "第 1 / 2 页" in page
    # The public are sent to the published site; staff to the preview under /site/ (staff only).
    assert f'href="{app.config["SITE_BASE_URL"].rstrip("/")}/news/n' in page and 'href="/site/' not in page
    auth.login(make_user("hr"))
    assert 'href="/site/news/n' in client.get("/search?q=服务站").get_data(as_text=True)
    second = client.get("/search?q=服务站&page=2").get_data(as_text=True)
    assert "第 2 / 2 页" in second and 'start="11"' in second


def test_public_search_filters_by_facet_from_the_url(client, public_index):
    page = client.get("/search?q=hydrogen&lang=en").get_data(as_text=True)
    assert "Hydrogen talent policy" in page and "氢能产业人才政策" not in page
    assert 'aria-current="true"' in page


def test_public_search_empty_state_says_what_to_try(client, public_index):
    page = client.get("/search?q=完全不存在的词语组合").get_data(as_text=True)
    assert 'id="no-results"' in page and "换一个更短或更常用的词" in page


def test_public_search_offers_did_you_mean_for_misspellings(client, public_index):
    page = client.get("/search?q=hydrogn").get_data(as_text=True)
    assert "您是不是要找" in page and "hydrogen" in page
