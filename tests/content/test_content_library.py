"""The library: loading a content folder into an immutable, indexed collection."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from portal.content.errors import ContentError
from portal.content.files import content_files
from portal.content.library import Library, load_library


def test_missing_root_and_sections_give_an_empty_library(tmp_path):
    assert load_library(tmp_path / "nowhere").pages == ()
    (tmp_path / "news").mkdir()
    library = load_library(tmp_path)
    assert library.section("news", "zh") == ()
    assert library.section("policies", "en") == ()


def test_only_some_sections_present(write_md, tmp_path):
    write_md("policies/p1.zh.md", slug="p1")
    library = load_library(tmp_path)
    assert [p.meta.slug for p in library.section("policies", "zh")] == ["p1"]
    assert library.section("news", "zh") == ()


def test_drafts_are_kept_out_of_listings_and_tags(write_md, tmp_path):
    write_md("news/a.zh.md", slug="a", tags=["公示"])
    write_md("news/b.zh.md", slug="b", tags=["公示", "草稿专用"], draft=True)
    library = load_library(tmp_path)
    assert [p.meta.slug for p in library.section("news", "zh")] == ["a"]
    assert [p.meta.slug for p in library.tagged("news", "zh", "公示")] == ["a"]
    assert "草稿专用" not in library.tags("news", "zh")
    assert [p.meta.slug for p in library.published()] == ["a"]
    assert library.get("news", "zh", "b").meta.draft is True


def test_listings_are_newest_first_and_split_by_lang(write_md, tmp_path):
    write_md("news/old.zh.md", slug="old", date="2026-01-02")
    write_md("news/new.zh.md", slug="new", date="2026-04-01")
    write_md("news/new.en.md", slug="new", date="2026-04-01", lang="en", title="New")
    library = load_library(tmp_path)
    assert [p.meta.slug for p in library.section("news", "zh")] == ["new", "old"]
    assert [p.meta.title for p in library.section("news", "en")] == ["New"]
    zh = library.get("news", "zh", "new")
    assert [t.meta.lang for t in library.translations(zh)] == ["en"]


def test_duplicate_slug_names_both_files(write_md, tmp_path):
    write_md("news/one.zh.md", slug="same")
    write_md("news/two.zh.md", slug="same")
    with pytest.raises(ContentError, match="already used by news/one.zh.md") as caught:
        load_library(tmp_path)
    assert caught.value.field == "slug"


def test_same_slug_in_two_sections_is_fine(write_md, tmp_path):
    write_md("news/x.zh.md", slug="x")
    write_md("pages/x.zh.md", slug="x")
    assert len(load_library(tmp_path).pages) == 2


def test_ignores_hidden_underscore_and_unknown_folders(write_md, tmp_path):
    write_md("news/.swap.md", slug="swap")
    write_md("news/_aside/kept.md", slug="kept")
    write_md("other/stray.md", slug="stray")
    write_md("news/2026/nested.zh.md", slug="nested")
    assert [path.name for path, _ in content_files(tmp_path)] == ["nested.zh.md"]


def test_library_is_immutable(write_md, tmp_path):
    write_md("news/a.zh.md", slug="a")
    library = load_library(tmp_path)
    with pytest.raises(dataclasses.FrozenInstanceError):
        library.pages = ()
    with pytest.raises(TypeError):
        library._by_key[("news", "zh", "z")] = None
    with pytest.raises(dataclasses.FrozenInstanceError):
        library.pages[0].meta.title = "改"


def test_dependency_hashes_cover_pages_and_assets(write_md, tmp_path):
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "map.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    write_md("pages/s.zh.md", slug="s", body="![图](map.svg)")
    hashes = load_library(tmp_path).dependency_hashes()
    assert {k for k in hashes if k.startswith(("content:", "asset:"))} == {"content:pages/s.zh.md", "asset:pages/map.svg"}


def test_bad_file_fails_the_whole_load(write_md, tmp_path):
    write_md("news/good.zh.md", slug="good")
    bad = write_md("news/bad.zh.md", slug="bad", lang="de")
    with pytest.raises(ContentError) as caught:
        load_library(tmp_path)
    assert caught.value.path == bad and caught.value.field == "lang"


def test_parallel_load_equals_serial_load(write_md, tmp_path, monkeypatch):
    monkeypatch.setattr("portal.content.library._PARALLEL_THRESHOLD", 1)
    for i in range(40):
        write_md(f"news/n{i}.zh.md", slug=f"n{i}", date=(dt.date(2026, 1, 1) + dt.timedelta(days=i % 300)).isoformat())
    serial = load_library(tmp_path, workers=1)
    parallel = load_library(tmp_path, workers=2)
    assert parallel.pages == serial.pages
    assert parallel.section("news", "zh") == serial.section("news", "zh")


def test_parallel_load_reports_the_bad_file(write_md, tmp_path, monkeypatch):
    monkeypatch.setattr("portal.content.library._PARALLEL_THRESHOLD", 1)
    for i in range(30):
        write_md(f"news/n{i}.zh.md", slug=f"n{i}")
    write_md("news/zz.zh.md", slug="BAD SLUG")
    with pytest.raises(ContentError) as caught:
        load_library(tmp_path, workers=2)
    assert caught.value.field == "slug" and caught.value.path.name == "zz.zh.md"


def test_from_pages_accepts_pages_directly(write_md, tmp_path):
    write_md("news/a.zh.md", slug="a")
    library = load_library(tmp_path)
    assert Library.from_pages(library.pages).pages == library.pages


def test_listing_keys_change_with_metadata_not_body(write_md, tmp_path):
    write_md("news/a.zh.md", slug="a", tags=["公示"], body="正文一")
    write_md("news/b.zh.md", slug="b", tags=["招聘"])
    before = load_library(tmp_path).dependency_hashes()
    assert {"listing:news:zh", "tag:news:zh:公示", "tag:news:zh:招聘"} <= before.keys()

    write_md("news/a.zh.md", slug="a", tags=["公示"], body="正文二")
    body_only = load_library(tmp_path).dependency_hashes()
    assert body_only["listing:news:zh"] == before["listing:news:zh"]
    assert body_only["content:news/a.zh.md"] != before["content:news/a.zh.md"]

    write_md("news/a.zh.md", slug="a", tags=["公示"], body="正文二", title="新标题")
    retitled = load_library(tmp_path).dependency_hashes()
    assert retitled["listing:news:zh"] != before["listing:news:zh"]
    assert retitled["tag:news:zh:公示"] != before["tag:news:zh:公示"]
    assert retitled["tag:news:zh:招聘"] == before["tag:news:zh:招聘"]
