"""Bytes per query and relevance of the static search against Pagefind,
on the same generated HTML pages, in headless chromium.

Bytes are counted by the HTTP server (every file it sends, worker and
WebAssembly fetches included, the search page itself excluded), each
query in a fresh browser context so nothing is cached.
"""
from __future__ import annotations

import functools
import html
import http.server
import json
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

import search_index
from search_index.metrics import evaluate

CHROMIUM = "/usr/bin/chromium"
PAGEFIND_PAGE = """<!doctype html><html lang="zh-cn"><head><meta charset="utf-8"><title>pagefind</title></head>
<body><ol id="out"></ol><script type="module">
const pagefind = await import("./pagefind/pagefind.js");
const q = new URLSearchParams(location.search).get("q") || "";
const search = await pagefind.search(q);
const data = await Promise.all(search.results.slice(0, 10).map(r => r.data()));
document.getElementById("out").innerHTML = data.map(d => `<li><a href="${d.url}">${d.meta.title}</a></li>`).join("");
document.getElementById("out").setAttribute("data-state", "done");
</script></body></html>"""


def write_site(docs: list[dict], site: Path) -> None:
    """One HTML page per document, a Pagefind search page, and our export."""
    for d in docs:
        page = site / d["url"].strip("/") / "index.html"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(f'<!doctype html><html lang="{d["lang"]}"><head><meta charset="utf-8">'
                        f"<title>{html.escape(d['title'])}</title></head><body><main data-pagefind-body>"
                        f"<h1>{html.escape(d['title'])}</h1><p>{html.escape(d['body'])}</p></main></body></html>",
                        encoding="utf-8")
    (site / "pf.html").write_text(PAGEFIND_PAGE, encoding="utf-8")
    search_index.export_static(docs, site / "search", base_url="../")
    subprocess.run([sys.executable, "-m", "pagefind", "--site", str(site), "--force-language", "zh", "--silent"],
                   check=True, timeout=600)


class CountingServer:
    """A local static server that records the bytes of every file it sends."""

    def __init__(self, directory: Path):
        sent = self.sent = []

        class Handler(http.server.SimpleHTTPRequestHandler):
            def copyfile(self, source, outputfile):
                data = source.read()
                sent.append((unquote(urlsplit(self.path).path), len(data)))
                outputfile.write(data)

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(
            ("127.0.0.1", 0), functools.partial(Handler, directory=str(directory)))
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.base = f"http://127.0.0.1:{self.server.server_port}"

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def run_queries(browser, server, page_path, queries) -> tuple[list[float], dict[str, list[str]]]:
    """kB sent per cold query (page excluded) and result paths per query."""
    kbs, results = [], {}
    for q in queries:
        context = browser.new_context()
        page = context.new_page()
        server.sent.clear()
        page.goto(f"{server.base}{page_path}?q={quote(q)}")
        page.wait_for_selector("ol[data-state]", state="attached", timeout=60_000)
        hrefs = page.eval_on_selector_all("ol li a", "els => els.map(e => e.href)")
        results[q] = [urlsplit(h).path for h in hrefs]
        kbs.append(sum(n for path, n in server.sent if path != page_path) / 1000)
        context.close()
    return kbs, results


def _site_stats(site: Path) -> str:
    ours = sum(p.stat().st_size for p in (site / "search").rglob("*") if p.is_file())
    theirs = sum(p.stat().st_size for p in (site / "pagefind").rglob("*") if p.is_file())
    return f"index size: ours {ours / 2**20:.1f} MiB, pagefind {theirs / 2**20:.1f} MiB"


def measure(docs: list[dict], queries: list[str], log) -> dict:
    """Bench figures: kB per query on a site of ``docs``, nDCG@10 on the labelled fixture site."""
    if not Path(CHROMIUM).exists():
        log(f"{CHROMIUM} missing: static figures not measured")
        return {}
    from corpus import DOCS
    from playwright.sync_api import sync_playwright
    from queries import LABELS

    out = {}
    with tempfile.TemporaryDirectory() as big, tempfile.TemporaryDirectory() as small, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-background-networking", "--disable-component-update", "--no-first-run"])
        write_site(docs, Path(big))
        log(f"{len(docs)}-page site: " + _site_stats(Path(big)))
        server = CountingServer(Path(big))
        ours, _ = run_queries(browser, server, "/search/search.html", queries)
        theirs, _ = run_queries(browser, server, "/pf.html", queries)
        server.close()
        out["static_kb_per_query"] = round(statistics.median(ours), 1)
        out["pagefind_kb_per_query"] = round(statistics.median(theirs), 1)
        log(f"kB per cold query: ours median {statistics.median(ours):.1f} max {max(ours):.1f}; "
            f"pagefind median {statistics.median(theirs):.1f} max {max(theirs):.1f}")
        log("per query kB (ours, pagefind): " + json.dumps(
            {q: [round(a, 1), round(b, 1)] for q, a, b in zip(queries, ours, theirs)}, ensure_ascii=False))
        write_site(DOCS, Path(small))
        server = CountingServer(Path(small))
        by_url = {d["url"]: d["id"] for d in DOCS}
        _, static_hits = run_queries(browser, server, "/search/search.html", list(LABELS))
        _, pf_hits = run_queries(browser, server, "/pf.html", list(LABELS))
        server.close()
        browser.close()
    root_hits = lambda hits: lambda q: [by_url.get(u, u) for u in hits[q]]  # noqa: E731
    static = evaluate(root_hits(static_hits), LABELS)
    pagefind = evaluate(root_hits(pf_hits), LABELS)
    with tempfile.TemporaryDirectory() as root:
        search_index.rebuild(root, "public", DOCS)
        portal = evaluate(lambda q: [h.id for h in search_index.query_index(root, "public", q).hits], LABELS)
    out["ndcg10"] = round(portal["ndcg"], 4)
    out["pagefind_ndcg10"] = round(pagefind["ndcg"], 4)
    log(f"labelled set nDCG@10 / recall@10: portal {portal['ndcg']:.4f}/{portal['recall']:.4f}, "
        f"static {static['ndcg']:.4f}/{static['recall']:.4f}, pagefind {pagefind['ndcg']:.4f}/{pagefind['recall']:.4f}")
    return out
