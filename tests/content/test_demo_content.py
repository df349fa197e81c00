"""The demo content shipped in content/ is valid and covers what the site needs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from portal.content.library import load_library

CONTENT = Path(__file__).resolve().parents[2] / "content"


@pytest.fixture(scope="module")
def library():
    return load_library(CONTENT)


def test_sizes_of_each_section(library):
    assert 12 <= len(library.section("news", "zh")) + len(library.section("news", "en")) <= 20
    assert 4 <= len(library.section("policies", "zh")) <= 6
    assert 4 <= len(library.section("pages", "zh")) <= 6


def test_every_main_page_has_an_english_version(library):
    for page in library.section("pages", "zh"):
        assert [t.meta.lang for t in library.translations(page)] == ["en"], page.source


def test_there_is_a_draft_and_it_is_not_listed(library):
    drafts = [p for p in library.pages if p.meta.draft]
    assert drafts
    listed = {p.key for s in ("news", "policies", "pages") for lng in ("zh", "en") for p in library.section(s, lng)}
    assert not listed.intersection(p.key for p in drafts)


def test_images_beside_the_text_are_found(library):
    refs = {(p.source, a.ref) for p in library.pages for a in p.assets}
    assert ("pages/stations.zh.md", "stations-map.svg") in refs
    assert ("news/release-ceremony/release-ceremony.zh.md", "ceremony.svg") in refs


def test_campaign_figures_are_stated(library):
    text = library.get("news", "zh", "spring-campaign-results").html
    assert "57 个" in text and "150 亿元" in text and "84 名" in text


def test_links_between_pages_name_existing_slugs(library):
    # Pages link to each other as ../<slug>/ within their section and language.
    for page in library.pages:
        for slug in re.findall(r'href="\.\./([a-z0-9-]+)/"', page.html):
            assert library.get(page.section, page.meta.lang, slug) is not None, (page.source, slug)


def test_no_personal_contact_data_in_content(library):
    for page in library.pages:
        assert not re.search(r"1[3-9]\d{9}", page.html), page.source
        assert not re.search(r"[\w.]+@[\w.]+\.\w+", page.html), page.source
