"""List entries are rendered once per item and base URL, and follow the item's metadata."""
from __future__ import annotations

import dataclasses

from portal.content.library import load_library
from portal.site.list_entries import list_entries
from tests.site.conftest import DEMO_CONTENT, ORIGIN, SUBPATH, build_app


def test_an_entry_is_rendered_once_and_follows_its_metadata(database_url, tmp_path):
    app = build_app(database_url, ORIGIN + SUBPATH, tmp_path / "search")
    page = load_library(DEMO_CONTENT).section("news", "zh")[0]
    with app.test_request_context("/", base_url=ORIGIN + SUBPATH):
        calls = []
        context = {"site_url": lambda endpoint, **values: f"/u/{values['slug']}/"}
        entries = list_entries(context)
        render = entries._macro
        entries._macro = lambda *args: calls.append(args) or render(*args)
        first = entries(page, "news")
        assert entries(page, "news") is first and len(calls) == 1
        assert f'<a href="/u/{page.meta.slug}/">{page.meta.title}</a>' in first
        same_again = dataclasses.replace(page, meta=dataclasses.replace(page.meta))  # equal, not the same object
        assert entries(same_again, "news") is first and len(calls) == 1
        retitled = dataclasses.replace(page, meta=dataclasses.replace(page.meta, title="新的标题 <b>"))
        changed = entries(retitled, "news")
        assert len(calls) == 2 and "新的标题 &lt;b&gt;" in changed and page.meta.title not in changed


def test_a_tag_list_is_rendered_once_per_section_and_set_of_tags(database_url, tmp_path):
    from portal.site.list_entries import tag_lists

    app = build_app(database_url, ORIGIN + SUBPATH, tmp_path / "search")
    with app.test_request_context("/", base_url=ORIGIN + SUBPATH):
        calls = []
        context = {"site_lang": "zh", "site_url": lambda endpoint, **values: f"/t/{values['tag']}/"}
        lists = tag_lists(context)
        render = lists._macro
        lists._macro = lambda *args: calls.append(args) or render(*args)
        first = lists(["人才", "a<b"], "news")
        assert lists(("人才", "a<b"), "news") is first and len(calls) == 1
        assert first == '<ul class="tag-list"><li><a href="/t/人才/">人才</a></li><li><a href="/t/a&lt;b/">a&lt;b</a></li></ul>'
        assert lists(["人才"], "news") != first and lists(["人才", "a<b"], "policies") is not first
        assert len(calls) == 3
