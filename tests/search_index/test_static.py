"""The static export: files, privacy, and parity with query_index in chromium."""
import json
from urllib.parse import quote, urlsplit

import pytest
from queries import LABELS

import search_index


def static_results(page, url, query, extra=""):
    """Hrefs of the rendered results for ``query`` on the static page."""
    page.goto(f"{url}?q={quote(query)}{extra}")
    page.wait_for_selector("#search-results[data-state]", state="attached")
    assert page.get_attribute("#search-results", "data-state") == "done", page.get_attribute(
        "#search-results", "data-error")
    return page.eval_on_selector_all("#search-results li a", "els => els.map(e => e.href)")


def test_export_writes_shards_and_meta(built_root, tmp_path):
    meta = search_index.export_static(built_root, tmp_path / "out")
    assert meta["N"] > 40 and meta["shards"] >= 1
    assert (tmp_path / "out" / "search.js").stat().st_size < 20_000
    stored = json.loads((tmp_path / "out" / "index" / "meta.json").read_text())
    assert stored["avgfl"] == meta["avgfl"] and stored["docCountAll"] >= meta["N"]


def test_private_index_cannot_be_exported(root, tmp_path):
    search_index.add_to_index(root, "private", {"id": "1", "reference": "FX-2026-000001", "name": "张三",
                                                "employer": "某公司", "body": "机密", "division": "210902",
                                                "industry": "", "category": "C", "state": "submitted"})
    with pytest.raises(ValueError):
        search_index.export_static(root / "private", tmp_path / "out")


@pytest.mark.e2e
def test_static_top10_matches_python_top10(page, site, built_root):
    overlaps = []
    for query in list(LABELS) + ["氢", "站", "能 hydrogen", "风机 zeppelin", "住房 补贴 教育 医疗"]:
        expected = [h.url for h in search_index.query_index(built_root, "public", query).hits]
        got = [urlsplit(h).path.removeprefix("/deep/sub/path") for h in static_results(page, site, query)]
        overlaps.append(len(set(expected) & set(got)) / max(len(expected), 1) if expected or got else 1.0)
    mean = sum(overlaps) / len(overlaps)
    print(f"static/python top-10 overlap: mean {mean:.3f}, min {min(overlaps):.2f} over {len(overlaps)} queries")
    assert mean >= 0.8
    assert min(overlaps) >= 0.5


@pytest.mark.e2e
def test_static_links_resolve_under_subpath_and_filter_by_kind(page, site):
    hrefs = static_results(page, site, "服务站")
    assert hrefs and all(urlsplit(h).path.startswith("/deep/sub/path/zh/") for h in hrefs)
    news = static_results(page, site, "风机", "&kind=news")
    assert news and all("/news/" in h for h in news)
    assert page.input_value("select[name=kind]") == "news"
    first = static_results(page, site, "人才")
    with page.expect_navigation():
        page.click("#search-pages a")  # next page
    page.wait_for_selector("#search-results[data-state]", state="attached")
    second = page.eval_on_selector_all("#search-results li a", "els => els.map(e => e.href)")
    assert len(first) == 10 and second and not set(first) & set(second)
    assert "<mark>" in page.inner_html("#search-results")


@pytest.mark.e2e
def test_js_analysis_matches_python(page, site):
    from search_index.analysis import query_plan
    from search_index.stemmer import stem

    page.goto(site)
    page.wait_for_selector("#search-results[data-state]", state="attached")
    words = ["policies", "engineering", "engineers", "manufacture", "manufacturing", "running", "stations",
             "process", "analysis", "turbines", "hydrogen", "recognised", "bus", "sizes", "5g", "cafés"]
    assert page.evaluate("ws => ws.map(w => FuxinSearch.stem(w))", words) == [stem(w) for w in words]
    queries = list(LABELS) + ["ＰＯＬＩＣＹ 政策", "人才工作服務站 Engineers", "the of 和", "氢", "站 policy"]
    js = page.evaluate("qs => qs.map(q => FuxinSearch.plan(q).required)", queries)
    assert js == [list(query_plan(q).required) for q in queries]
