"""sitemap.xml, feed.xml and robots.txt: valid, and holding the expected URLs."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

import pytest

from portal.sitebuild.publish.feed import FeedEntry, FeedInfo, atom_xml, write_feed
from portal.sitebuild.publish.robots import robots_txt, write_robots
from portal.sitebuild.publish.sitemap import SitemapEntry, sitemap_xml, write_sitemap

SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XH = "{http://www.w3.org/1999/xhtml}"
A = "{http://www.w3.org/2005/Atom}"
BASE = "https://rc.example.gov.cn/sub/"


def test_sitemap_parses_with_expected_urls_and_alternates(tmp_path):
    entries = [
        SitemapEntry(BASE, dt.date(2026, 4, 1), {"zh": BASE, "en": BASE + "en/"}),
        SitemapEntry(BASE + "news/spring-campaign/?a=1&b=2", dt.date(2026, 3, 5)),
        SitemapEntry(BASE + "pages/about/"),
    ]
    write_sitemap(tmp_path / "sitemap.xml", entries)
    root = ET.parse(tmp_path / "sitemap.xml").getroot()
    assert root.tag == f"{SM}urlset"
    assert [u.findtext(f"{SM}loc") for u in root] == [e.loc for e in entries]
    assert [u.findtext(f"{SM}lastmod") for u in root] == ["2026-04-01", "2026-03-05", None]
    links = root[0].findall(f"{XH}link")
    assert {(link.get("hreflang"), link.get("href")) for link in links} == {("zh", BASE), ("en", BASE + "en/")}


def test_sitemap_rejects_relative_urls():
    with pytest.raises(ValueError, match="absolute"):
        sitemap_xml([SitemapEntry("/news/")])


def test_feed_parses_newest_first_with_required_atom_elements(tmp_path):
    info = FeedInfo("阜新英才 新闻与公示", BASE, BASE + "feed.xml", "阜新市人才工作领导小组办公室")
    entries = [
        FeedEntry("春季“双招双引”百日攻坚收官", BASE + "news/spring/", dt.date(2026, 5, 20), "签约项目57个", ("双招双引",)),
        FeedEntry("2026年第一批公示 <A&B>", BASE + "gongshi/2026-1/",
                  dt.datetime(2026, 6, 1, 9, 0, tzinfo=dt.timezone.utc), "公示期5个工作日"),
        FeedEntry("首届阜新英才发布仪式", BASE + "news/release/", dt.date(2026, 4, 18)),
    ]
    write_feed(tmp_path / "feed.xml", info, entries)
    root = ET.parse(tmp_path / "feed.xml").getroot()
    assert root.tag == f"{A}feed"
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "zh"
    assert root.findtext(f"{A}id") == BASE + "feed.xml"
    assert root.findtext(f"{A}updated") == "2026-06-01T09:00:00+00:00"
    items = root.findall(f"{A}entry")
    assert [i.findtext(f"{A}id") for i in items] == [BASE + "gongshi/2026-1/", BASE + "news/spring/", BASE + "news/release/"]
    assert items[0].findtext(f"{A}title") == "2026年第一批公示 <A&B>"
    for item in items:
        assert item.findtext(f"{A}updated") and item.find(f"{A}link").get("href").startswith(BASE)
    assert items[1].find(f"{A}category").get("term") == "双招双引"


def test_feed_limit_and_empty_feed():
    info = FeedInfo("t", BASE, BASE + "feed.xml", "a")
    many = [FeedEntry(f"n{i}", f"{BASE}n{i}/", dt.date(2026, 1, 1) + dt.timedelta(days=i)) for i in range(60)]
    root = ET.fromstring(atom_xml(info, many, limit=20))
    assert len(root.findall(f"{A}entry")) == 20
    assert root.find(f"{A}entry").findtext(f"{A}title") == "n59"
    empty = ET.fromstring(atom_xml(info, []))
    assert empty.findall(f"{A}entry") == [] and empty.findtext(f"{A}updated")


def test_feed_rejects_naive_datetimes():
    info = FeedInfo("t", BASE, BASE + "feed.xml", "a")
    with pytest.raises(ValueError, match="timezone"):
        atom_xml(info, [FeedEntry("x", BASE, dt.datetime(2026, 1, 1, 8, 0))])


def test_robots_names_the_sitemap(tmp_path):
    write_robots(tmp_path / "robots.txt", BASE + "sitemap.xml", disallow=["/sub/search/"])
    text = (tmp_path / "robots.txt").read_text()
    assert text.splitlines() == ["User-agent: *", "Disallow: /sub/search/", "", f"Sitemap: {BASE}sitemap.xml"]
    assert "Disallow:\n" in robots_txt(BASE + "sitemap.xml")
    with pytest.raises(ValueError):
        robots_txt("/sitemap.xml")
