"""Search over the built demo site: a labelled query set scored on the portal's index, and the
static search (search.js in chromium, no server logic) agreeing with the portal's top 10."""
from __future__ import annotations

import functools
import math
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import quote, urlsplit

import pytest

import search_index
from tests.site.conftest import SUBPATH

# query -> ids of the documents a reader wants (labelled by reading the demo content).
DEMO_QUERIES: dict[str, set[str]] = {
    "服务站": {"news:zh:stations-all-open", "pages:zh:stations", "policies:zh:service-stations-rules",
            "news:zh:university-partnership", "news:zh:shenzhen-station-opens"},
    "氢能": {"news:zh:hydrogen-talent-forum"},
    "煤矸石": {"news:zh:coal-gangue-reuse-experts"},
    "无人机": {"news:zh:drone-industry-job-fair"},
    "智能无人系统招聘": {"news:zh:drone-industry-job-fair"},
    "铸造硅砂": {"news:zh:foundry-sand-smart-casting"},
    "公示": {"news:zh:first-batch-gongshi", "policies:zh:gongshi-objections"},
    "异议": {"policies:zh:gongshi-objections"},
    "申报材料": {"policies:zh:application-materials", "pages:zh:apply"},
    "网上申报": {"news:zh:online-application-opens"},
    "发布仪式": {"news:zh:release-ceremony"},
    "深圳": {"news:zh:shenzhen-station-opens"},
    "双招双引": {"news:zh:spring-campaign-launch", "news:zh:spring-campaign-results"},
    "百日攻坚": {"news:zh:spring-campaign-launch", "news:zh:spring-campaign-results"},
    "有效期": {"news:zh:recognition-validity-reminder"},
    "急需紧缺": {"policies:zh:urgent-needs-catalogue"},
    "人才分类": {"pages:zh:categories"},
    "个人信息保护": {"pages:zh:privacy"},
    "专家服务团": {"news:zh:expert-panel-36"},
    "政策宣讲": {"news:zh:policy-briefing-parks"},
    "辽宁工程技术大学": {"news:zh:university-partnership"},
    "四个优势产业": {"news:zh:leading-industries-talent-needs"},
    "认定管理办法": {"policies:zh:recognition-measures"},
    "release ceremony": {"news:en:release-ceremony"},
    "privacy": {"pages:en:privacy"},
    "how to apply": {"pages:en:apply"},
    "talent categories": {"pages:en:categories"},
    "service stations": {"pages:en:stations"},
    "spring campaign": {"news:en:spring-campaign-results"},
    "recognition measures": {"policies:en:recognition-measures"},
}
NDCG_FLOOR = 0.85  # measured 0.9+ on this set; a regression in analysis or ranking drops below
RECALL_FLOOR = 0.9
PARITY_FLOOR = 0.8


def ndcg_at_10(ranked: list[str], relevant: set[str]) -> float:
    gain = sum(1 / math.log2(i + 2) for i, doc in enumerate(ranked[:10]) if doc in relevant)
    ideal = sum(1 / math.log2(i + 2) for i in range(min(len(relevant), 10)))
    return gain / ideal


def _portal_hits(builder, text: str):
    return search_index.query_index(builder.search_dir, "public", text, per_page=10).hits


def test_labelled_demo_queries_meet_the_relevance_floor(built_demo, builder):
    scores, recalls = [], []
    for text, relevant in DEMO_QUERIES.items():
        ranked = [hit.id for hit in _portal_hits(builder, text)]
        scores.append(ndcg_at_10(ranked, relevant))
        recalls.append(len(relevant & set(ranked)) / len(relevant))
    ndcg, recall = sum(scores) / len(scores), sum(recalls) / len(recalls)
    print(f"demo set: nDCG@10 {ndcg:.3f}, recall@10 {recall:.3f} over {len(scores)} queries")
    assert ndcg >= NDCG_FLOOR and recall >= RECALL_FLOOR


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def served_demo(built_demo):
    """The built demo site served on 127.0.0.1 under its subpath."""
    docroot = built_demo.parent / "www"
    target = docroot / SUBPATH.strip("/")
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        target.symlink_to(built_demo, target_is_directory=True)
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(docroot)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}{SUBPATH}"
    server.shutdown()
    server.server_close()


def _site_path(url: str) -> str:
    path = urlsplit(url).path
    return "/" + path[len(SUBPATH):] if path.startswith(SUBPATH) else path


@pytest.mark.e2e
def test_static_search_agrees_with_the_portal_on_the_built_site(page, served_demo, builder):
    overlaps = []
    for text in DEMO_QUERIES:
        portal_top = [hit.url for hit in _portal_hits(builder, text)]
        page.goto(f"{served_demo}search/?q={quote(text)}")
        page.wait_for_selector('#search-results[data-state="done"]')
        static_top = [_site_path(page.evaluate("(a) => a.href", a))
                      for a in page.locator("#search-results a").element_handles()[:10]]
        if portal_top:
            overlaps.append(len(set(portal_top) & set(static_top)) / len(portal_top))
        else:
            overlaps.append(1.0 if not static_top else 0.0)
    mean = sum(overlaps) / len(overlaps)
    print(f"static/portal top-10 overlap {mean:.3f} over {len(overlaps)} queries")
    assert mean >= PARITY_FLOOR and min(overlaps) >= 0.5
