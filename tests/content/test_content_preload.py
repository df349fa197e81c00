"""Preloading a content folder in background readers gives exactly what loading it in one
process gives: the same pages in the same order, the same first error, the same cache."""
from __future__ import annotations

import datetime as dt
import sys

import pytest

from portal.content.cache import PageCache
from portal.content.errors import ContentError
from portal.content.library import load_library
from portal.content.preload import start_preload


@pytest.fixture
def small_spans(monkeypatch):
    # Spans of two files, so readers and this process take turns many times.
    monkeypatch.setattr("portal.content.preload.SPAN", 2)


@pytest.fixture
def folder(write_md, tmp_path):
    for i in range(45):
        day = (dt.date(2026, 1, 1) + dt.timedelta(days=i % 40)).isoformat()
        write_md(f"news/n{i:02}.zh.md", slug=f"n{i:02}", date=day, tags=["公示"] if i % 3 else [])
    write_md("policies/p.en.md", slug="p", lang="en")
    return tmp_path


@pytest.mark.parametrize("workers", [2, 3])
def test_preloaded_library_equals_one_read_in_one_process(folder, small_spans, workers):
    preload = start_preload(folder, workers)
    assert preload is not None
    preloaded = load_library(folder, preload=preload)
    serial = load_library(folder, workers=1)
    assert preloaded.pages == serial.pages
    assert preloaded.tagged("news", "zh", "公示") == serial.tagged("news", "zh", "公示")


def test_every_file_is_rendered_once_whoever_renders_it(folder, small_spans):
    preload = start_preload(folder, 2)
    rendered = preload.pages()
    assert [item.page.source for item in rendered] == sorted(p.relative_to(folder).as_posix()
                                                            for p in folder.rglob("*.md"))
    assert all(item.stamp.count(":") == 2 for item in rendered)


def test_the_first_bad_file_is_reported(folder, write_md, small_spans):
    write_md("news/n03.zh.md", slug="n03", lang="de")        # early: a reader's share
    write_md("news/n40.zh.md", slug="BAD SLUG")             # late: this process's share
    with pytest.raises(ContentError) as caught:
        load_library(folder, preload=start_preload(folder, 2))
    with pytest.raises(ContentError) as serial:
        load_library(folder, workers=1)
    assert (caught.value.path.name, caught.value.field) == (serial.value.path.name, serial.value.field) \
        == ("n03.zh.md", "lang")


def test_preloaded_pages_fill_the_page_cache(folder, tmp_path):
    preload = start_preload(folder, 2)
    with PageCache(tmp_path / "cache.sqlite") as cache:
        first = load_library(folder, cache=cache, preload=preload)
    preload.close()  # waits for the process that writes the cache
    with PageCache(tmp_path / "cache.sqlite") as cache:
        assert all(cache.unchanged_sha(p.source, _stamp(folder / p.source)) == p.sha256 for p in first.pages)


def test_a_preload_of_another_folder_is_not_used(folder, write_md, tmp_path):
    other = tmp_path / "other"
    (other / "news").mkdir(parents=True)
    preload = start_preload(other, 2)
    try:
        assert load_library(folder, preload=preload).pages == load_library(folder, workers=1).pages
    finally:
        preload.close()


def test_close_stops_readers_that_were_never_asked(folder):
    preload = start_preload(folder, 3)
    processes = [process for process, _ in preload._readers]
    preload.close()
    assert processes and not any(process.is_alive() for process in processes)


def test_no_preload_with_one_worker_or_no_folder(folder, tmp_path):
    assert start_preload(folder, 1) is None
    assert start_preload(tmp_path / "missing", 2) is None


def test_importing_the_preload_does_not_import_the_web_stack():
    import subprocess

    code = "import sys, portal.content.preload; print(sorted({'flask', 'sqlalchemy', 'jinja2'} & set(sys.modules)))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def _stamp(path):
    import os

    from portal.content.cache import file_stamp

    return file_stamp(os.stat(path))


def test_cached_preload_equals_a_load_through_the_cache(folder, write_md, tmp_path):
    from portal.content.cached_preload import start_cached_preload

    cache_file = tmp_path / "cache.sqlite"
    with PageCache(cache_file) as cache:
        load_library(folder, cache=cache)
    write_md("news/n07.zh.md", slug="n07", title="改过的标题")      # one file changed since
    preload = start_cached_preload(folder, cache_file)
    with PageCache(cache_file) as cache:
        preloaded = load_library(folder, cache=cache, preload=preload)
    assert preloaded.pages == load_library(folder, workers=1).pages
    assert preloaded.get("news", "zh", "n07").meta.title == "改过的标题"
    with PageCache(cache_file) as cache:  # the reader stored the changed page itself
        changed = preloaded.get("news", "zh", "n07")
        assert cache.unchanged_sha(changed.source, _stamp(folder / changed.source)) == changed.sha256


def test_cached_preload_reports_a_bad_file(folder, write_md, tmp_path):
    from portal.content.cached_preload import start_cached_preload

    cache_file = tmp_path / "cache.sqlite"
    with PageCache(cache_file) as cache:
        load_library(folder, cache=cache)
    write_md("news/n09.zh.md", slug="n09", lang="fr")
    with pytest.raises(ContentError) as caught:
        load_library(folder, preload=start_cached_preload(folder, cache_file))
    assert (caught.value.path.name, caught.value.field) == ("n09.zh.md", "lang")

