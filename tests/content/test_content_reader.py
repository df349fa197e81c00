"""The reader: front matter validation and sanitised HTML."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from portal.content.errors import ContentError
from portal.content.reader import read_file, read_page


def test_reads_metadata_and_html(write_md):
    path = write_md("news/launch.zh.md", body="## 申报条件\n\n| 类别 | 名称 |\n|---|---|\n| A | 顶尖人才 |")
    meta, html = read_file(path)
    assert meta.title == "阜新英才认定工作启动"
    assert meta.date == dt.date(2026, 3, 5)
    assert meta.tags == ("阜新英才", "人才认定")
    assert meta.draft is False
    assert '<h2 id="申报条件">申报条件</h2>' in html
    assert "<table>" in html and "<td>顶尖人才</td>" in html


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"title": None}, "title"),
        ({"date": None}, "date"),
        ({"slug": None}, "slug"),
        ({"lang": None}, "lang"),
        ({"title": 42}, "title"),
        ({"title": "  "}, "title"),
        ({"date": "05/03/2026"}, "date"),
        ({"date": "2026-02-30"}, "date"),
        ({"date": dt.datetime(2026, 3, 5, 9, 30)}, "date"),
        ({"lang": "fr"}, "lang"),
        ({"slug": "Spring Campaign"}, "slug"),
        ({"slug": "春季"}, "slug"),
        ({"slug": "a--b"}, "slug"),
        ({"tags": "阜新英才"}, "tags"),
        ({"tags": ["ok", 3]}, "tags"),
        ({"tags": ["ok", ""]}, "tags"),
        ({"draft": "yes please"}, "draft"),
        ({"summary": ["not", "text"]}, "summary"),
        ({"tilte": "typo"}, "tilte"),
    ],
)
def test_bad_front_matter_names_file_and_field(write_md, changes, field):
    path = write_md("news/bad.zh.md", **changes)
    with pytest.raises(ContentError) as caught:
        read_file(path)
    assert caught.value.field == field
    assert caught.value.path == path
    assert str(path) in str(caught.value) and f"'{field}'" in str(caught.value)


def test_missing_front_matter_is_an_error(tmp_path):
    path = tmp_path / "plain.md"
    path.write_text("# 没有元数据\n", encoding="utf-8")
    with pytest.raises(ContentError, match="front matter") as caught:
        read_file(path)
    assert caught.value.path == path


def test_invalid_yaml_is_an_error(tmp_path):
    path = tmp_path / "broken.md"
    path.write_text("---\ntitle: [unclosed\n---\n正文\n", encoding="utf-8")
    with pytest.raises(ContentError, match="not valid YAML"):
        read_file(path)


def test_non_mapping_front_matter_is_an_error(tmp_path):
    path = tmp_path / "list.md"
    path.write_text("---\n- a\n- b\n---\n正文\n", encoding="utf-8")
    with pytest.raises(ContentError, match="front matter"):
        read_file(path)


def test_non_utf8_file_is_an_error(tmp_path):
    path = tmp_path / "gbk.md"
    path.write_bytes("---\ntitle: 阜新\n---\n".encode("gbk"))
    with pytest.raises(ContentError, match="UTF-8"):
        read_file(path)


HOSTILE = """
<script>alert("xss")</script>

<img src="photo.png" onerror="alert(1)">

[点我](javascript:alert(1))

<a href="JaVaScRiPt:alert(2)">大写</a>

<iframe src="https://evil.example/"></iframe>

<p style="background:url(javascript:alert(3))" onclick="alert(4)">段落</p>

<svg onload="alert(5)"></svg>

![图](data:text/html;base64,PHNjcmlwdD4=)
"""


def test_script_and_handlers_never_reach_the_output(write_md, tmp_path):
    (tmp_path / "news").mkdir(exist_ok=True)
    (tmp_path / "news" / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    path = write_md("news/hostile.zh.md", body=HOSTILE)
    _, html = read_file(path)
    lowered = html.lower()
    for forbidden in ("<script", "alert(", "javascript:", "onerror", "onclick", "onload", "<iframe", "style=", "data:"):
        assert forbidden not in lowered, forbidden
    assert '<img src="photo.png">' in html
    assert "段落" in html


def test_keeps_links_images_and_heading_ids(write_md, tmp_path):
    (tmp_path / "pages").mkdir(exist_ok=True)
    (tmp_path / "pages" / "map.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    path = write_md("pages/about.zh.md", body="## Apply\n\n[申报](https://example.org/apply) ![地图](map.svg)")
    _, html = read_file(path)
    assert '<h2 id="apply">Apply</h2>' in html
    assert 'href="https://example.org/apply"' in html
    assert '<img src="map.svg" alt="地图">' in html


def test_heading_ids_are_readable_and_unique(write_md):
    path = write_md("pages/faq.zh.md", body="## *申报*条件\n\n文字\n\n## 申报条件\n\n## Who can apply?\n\n## !!!\n")
    _, html = read_file(path)
    assert '<h2 id="申报条件"><em>申报</em>条件</h2>' in html
    assert '<h2 id="申报条件-2">申报条件</h2>' in html
    assert '<h2 id="who-can-apply">Who can apply?</h2>' in html
    assert '<h2 id="section">!!!</h2>' in html


def test_read_page_records_source_hash_and_assets(write_md, tmp_path):
    (tmp_path / "pages" / "img").mkdir(parents=True)
    (tmp_path / "pages" / "img" / "map.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    path = write_md("pages/stations.zh.md", body="![地图](img/map.svg)\n\n[关于](about.zh.md) [外部](https://example.org/a.pdf)")
    page = read_page(path, tmp_path, "pages")
    assert page.source == "pages/stations.zh.md"
    assert len(page.sha256) == 64
    assert [a.ref for a in page.assets] == ["img/map.svg"]
    assert page.assets[0].source == (tmp_path / "pages" / "img" / "map.svg").resolve()
    assert page.dependency_key == "content:pages/stations.zh.md"


def test_hash_changes_with_the_bytes(write_md, tmp_path):
    first = read_page(write_md("news/a.zh.md", body="一"), tmp_path, "news").sha256
    second = read_page(write_md("news/a.zh.md", body="二"), tmp_path, "news").sha256
    assert first != second


@pytest.mark.parametrize(
    ("body", "problem"),
    [("![缺](missing.png)", "does not exist"), ("![外](../secret.png)", "outside")],
)
def test_bad_image_reference_names_file(write_md, tmp_path, body, problem):
    (tmp_path / "secret.png").write_bytes(b"x")
    path = write_md("news/img.zh.md", body=body)
    with pytest.raises(ContentError, match=problem) as caught:
        read_page(path, tmp_path, "news")
    assert caught.value.path == path


def test_reader_is_deterministic(write_md):
    path = write_md("news/same.zh.md", body="# 标题\n\n正文 **加粗**")
    assert read_file(Path(path)) == read_file(Path(path))


def test_unclosed_front_matter_is_an_error(tmp_path):
    path = tmp_path / "open.md"
    path.write_text("---\ntitle: 阜新\n正文\n", encoding="utf-8")
    with pytest.raises(ContentError, match="front matter"):
        read_file(path)


@pytest.mark.parametrize(
    "svg",
    [
        "<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>",
        "<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>",
        "<svg xmlns='http://www.w3.org/2000/svg'><a href='javascript:alert(1)'><rect/></a></svg>",
    ],
)
def test_svg_with_script_is_refused(write_md, tmp_path, svg):
    (tmp_path / "news").mkdir(exist_ok=True)
    (tmp_path / "news" / "evil.svg").write_text(svg)
    path = write_md("news/svg.zh.md", body="![图](evil.svg)")
    with pytest.raises(ContentError, match="SVG with script"):
        read_page(path, tmp_path, "news")


def test_unquoted_number_title_gets_a_quoting_hint(write_md):
    with pytest.raises(ContentError, match="put it in quotes"):
        read_file(write_md("news/n.zh.md", title=2026))


def test_page_meta_values_are_every_field_in_order():
    import dataclasses

    from portal.content.page import PageMeta

    meta = PageMeta("标题", __import__("datetime").date(2026, 1, 2), "slug", "zh", ("a",), "摘要", True)
    assert meta.values() == tuple(getattr(meta, f.name) for f in dataclasses.fields(PageMeta))
    assert PageMeta(*meta.values()) == meta
