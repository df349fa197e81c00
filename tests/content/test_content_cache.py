"""The page cache: unchanged files come from the cache, changed ones are rendered again."""

from __future__ import annotations

import os
import sqlite3

import pytest

from portal.content import cache as cache_module
from portal.content.cache import PageCache
from portal.content.errors import ContentError
from portal.content.library import load_library


@pytest.fixture
def cache_path(tmp_path):
    return tmp_path / "cache.sqlite"


def _count_renders(monkeypatch) -> list[str]:
    rendered: list[str] = []
    from portal.content import reader

    real = reader.page_from_bytes

    def counting(path, data, root, section):
        rendered.append(path.name)
        return real(path, data, root, section)

    monkeypatch.setattr(reader, "page_from_bytes", counting)
    return rendered


def test_cached_load_equals_fresh_load_and_renders_only_changes(write_md, tmp_path, cache_path, monkeypatch):
    content = tmp_path / "site"
    write_md("site/news/a.zh.md", slug="a", body="甲")
    write_md("site/news/b.zh.md", slug="b", body="乙")
    with PageCache(cache_path) as cache:
        load_library(content, workers=1, cache=cache)
    write_md("site/news/b.zh.md", slug="b", body="乙（修改）")
    rendered = _count_renders(monkeypatch)
    with PageCache(cache_path) as cache:
        cached = load_library(content, workers=1, cache=cache)
    assert rendered == ["b.zh.md"]
    assert cached.pages == load_library(content, workers=1).pages
    assert "乙（修改）" in cached.get("news", "zh", "b").html


def test_changed_image_is_rehashed_and_missing_image_fails(write_md, tmp_path, cache_path):
    content = tmp_path / "site"
    image = content / "pages" / "map.svg"
    image.parent.mkdir(parents=True)
    image.write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    write_md("site/pages/s.zh.md", slug="s", body="![图](map.svg)")
    with PageCache(cache_path) as cache:
        before = load_library(content, cache=cache).dependency_hashes()["asset:pages/map.svg"]
    image.write_text("<svg xmlns='http://www.w3.org/2000/svg'><rect/></svg>")
    with PageCache(cache_path) as cache:
        after = load_library(content, cache=cache).dependency_hashes()["asset:pages/map.svg"]
    assert before != after
    image.unlink()
    with PageCache(cache_path) as cache, pytest.raises(ContentError, match="does not exist"):
        load_library(content, cache=cache)


def test_deleted_files_are_pruned(write_md, tmp_path, cache_path):
    content = tmp_path / "site"
    write_md("site/news/a.zh.md", slug="a")
    gone = write_md("site/news/b.zh.md", slug="b")
    with PageCache(cache_path) as cache:
        load_library(content, cache=cache)
    gone.unlink()
    with PageCache(cache_path) as cache:
        load_library(content, cache=cache)
    sources = [row[0] for row in sqlite3.connect(cache_path).execute("SELECT source FROM pages")]
    assert sources == ["news/a.zh.md"]


def test_new_reader_version_empties_the_cache(write_md, tmp_path, cache_path, monkeypatch):
    content = tmp_path / "site"
    write_md("site/news/a.zh.md", slug="a")
    with PageCache(cache_path) as cache:
        load_library(content, cache=cache)
    monkeypatch.setattr("portal.content.cache.READER_VERSION", "test-next")
    rendered = _count_renders(monkeypatch)
    with PageCache(cache_path) as cache:
        load_library(content, workers=1, cache=cache)
    assert rendered == ["a.zh.md"]


def test_cache_survives_a_moved_content_folder(write_md, tmp_path, cache_path):
    old = tmp_path / "old"
    (old / "pages").mkdir(parents=True)
    (old / "pages" / "map.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    write_md("old/pages/s.zh.md", slug="s", body="![图](map.svg)")
    with PageCache(cache_path) as cache:
        load_library(old, cache=cache)
    new = tmp_path / "new"
    old.rename(new)
    with PageCache(cache_path) as cache:
        page = load_library(new, cache=cache).get("pages", "zh", "s")
    assert page.assets[0].source == (new / "pages" / "map.svg").resolve()


def test_a_file_with_its_old_stamp_is_not_read_again(write_md, tmp_path, cache_path, monkeypatch):
    content = tmp_path / "site"
    path = write_md("site/news/a.zh.md", slug="a", body="甲乙")
    with PageCache(cache_path) as cache:
        load_library(content, workers=1, cache=cache)
    before = path.stat()
    # Same size, same inode, modification time put back: judged unchanged without reading it,
    # as make and rsync judge (a full build reads everything).
    path.write_bytes(path.read_bytes().replace("甲乙".encode(), "丙丁".encode()))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    rendered = _count_renders(monkeypatch)
    with PageCache(cache_path) as cache:
        kept = load_library(content, workers=1, cache=cache)
    assert rendered == [] and "甲乙" in kept.get("news", "zh", "a").html
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns + 1_000))  # any real edit moves the time
    with PageCache(cache_path) as cache:
        fresh = load_library(content, workers=1, cache=cache)
    assert rendered == ["a.zh.md"] and "丙丁" in fresh.get("news", "zh", "a").html


def test_a_process_that_loaded_the_pages_reuses_them(write_md, tmp_path, cache_path, monkeypatch):
    content = tmp_path / "site"
    write_md("site/news/a.zh.md", slug="a")
    write_md("site/news/b.zh.md", slug="b")
    with PageCache(cache_path) as cache:
        first = load_library(content, workers=1, cache=cache)

    def no_unpickling(blob):
        raise AssertionError("a remembered page was unpickled again")

    monkeypatch.setattr(cache_module.pickle, "loads", no_unpickling)
    with PageCache(cache_path) as cache:
        again = load_library(content, workers=1, cache=cache)
    assert again.pages == first.pages
    monkeypatch.undo()
    cache_module._REMEMBERED.clear()  # as in a new process: the pages come from the file
    with PageCache(cache_path) as cache:
        assert load_library(content, workers=1, cache=cache).pages == first.pages
