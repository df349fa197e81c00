"""sitemap.xml, feed.xml and robots.txt for a planned site."""
from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

from flask import Flask

from portal.site.langs import HREFLANG
from portal.site.sections import all_feed_items
from portal.site.source import SiteSource
from portal.site.urls import absolute_url_builder
from portal.sitebuild.publish.feed import FeedEntry, FeedInfo, atom_xml
from portal.sitebuild.publish.robots import robots_txt
from portal.sitebuild.publish.sitemap import SitemapEntry, sitemap_xml
from portal.sitebuild.render.freeze import Planned


def _sitemap_entries(plan: Mapping[str, Planned], absolute: Callable[..., str]) -> list[SitemapEntry]:
    entries = []
    for rel in sorted(plan):
        output = plan[rel].output
        if not output.sitemap:
            continue
        alternates = {HREFLANG[lang]: absolute(output.endpoint, **values) for lang, values in output.alternates.items()}
        entries.append(SitemapEntry(absolute(output.endpoint, **output.values), output.lastmod,
                                    alternates if len(alternates) > 1 else {}))
    return entries


def machine_files(app: Flask, plan: Mapping[str, Planned], source: SiteSource) -> dict[str, bytes]:
    """The bytes of sitemap.xml, feed.xml (news and 公示, both languages) and robots.txt."""
    base_url = app.config["FREEZER_BASE_URL"]
    with app.test_request_context(base_url=base_url):
        absolute = absolute_url_builder()
        home = absolute("site.home", lang="zh")
        entries = [FeedEntry(item.title, absolute(item.endpoint, **item.values), item.updated,
                             item.summary, tuple(item.categories))
                   for item in all_feed_items(source)]
        info = FeedInfo("阜新英才 · 新闻与公示", home, home + "feed.xml", "阜新市人才工作领导小组办公室")
        return {
            "sitemap.xml": sitemap_xml(_sitemap_entries(plan, absolute)),
            "feed.xml": atom_xml(info, entries),
            "robots.txt": robots_txt(home + "sitemap.xml").encode("utf-8"),
        }


def write_if_changed(path: Path, data: bytes) -> bool:
    """Write ``data`` to ``path`` unless it already holds exactly that; True if written."""
    try:
        if path.read_bytes() == data:
            return False
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return True
