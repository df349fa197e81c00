"""News, policies and pages from content/: listings of 20, tag pages, items and their images."""
from __future__ import annotations

import hashlib
from collections.abc import Iterator
from functools import lru_cache

from flask import abort, render_template, send_file
from flask_babel import lazy_gettext as _l

from portal.content.files import SECTIONS
from portal.content.library import asset_dependency_key
from portal.content.page import Page
from portal.site import bp
from portal.site.head import Head
from portal.site.langs import LANGS, lang_route
from portal.site.outputs import FeedItem, Output, digest
from portal.site.pagination import chunk, chunks
from portal.site.source import SiteSource, current_source

SECTION_TITLES = {"news": _l("新闻动态"), "policies": _l("政策文件"), "pages": _l("了解英才计划")}
_SECTION = "<any(" + ",".join(SECTIONS) + "):section>"


def _library():
    return current_source().library


def _published(section: str, lang: str, slug: str) -> Page:
    page = _library().get(section, lang, slug)
    if page is None or page.meta.draft:
        abort(404)
    return page


def section_index(lang: str, section: str, number: int):
    """Page ``number`` of a section's listing, newest first."""
    library = _library()
    current = chunk(library.section(section, lang), number) or abort(404)
    title = str(SECTION_TITLES[section])
    head = Head(title, title, alternates={} if number > 1 else {other: {} for other in LANGS})
    return render_template("site/listing.html", head=head, section=section, chunk=current,
                           tags=library.tags(section, lang), tag=None)


def tag_page(lang: str, section: str, tag: str, number: int):
    """Page ``number`` of the items of a section carrying ``tag``."""
    current = chunk(_library().tagged(section, lang, tag), number)
    if current is None or not current.items:
        abort(404)
    title = f"{SECTION_TITLES[section]} · {tag}"
    return render_template("site/listing.html", head=Head(title, title), section=section, chunk=current,
                           tags=(), tag=tag)


def item(lang: str, section: str, slug: str):
    """One news item, policy or page."""
    library = _library()
    page = _published(section, lang, slug)
    translations = library.translations(page)
    head = Head(page.meta.title, page.meta.summary or page.meta.title,
                og_type="article" if section == "news" else "website",
                alternates={t.meta.lang: {} for t in translations})
    return render_template("site/item.html", head=head, page=page, section=section)


def asset(lang: str, section: str, slug: str, ref: str):
    """An image or file that a page references relatively, served beside the page."""
    page = _published(section, lang, slug)
    found = next((a for a in page.assets if a.ref == ref), None) or abort(404)
    return send_file(found.source)


lang_route(bp, f"/{_SECTION}/", "section_index", section_index, number=1)
lang_route(bp, f"/{_SECTION}/page/<int:number>/", "section_index", section_index)
lang_route(bp, f"/{_SECTION}/tags/<tag>/", "tag_page", tag_page, number=1)
lang_route(bp, f"/{_SECTION}/tags/<tag>/page/<int:number>/", "tag_page", tag_page)
lang_route(bp, f"/{_SECTION}/<slug>/", "item", item)
lang_route(bp, f"/{_SECTION}/<slug>/<path:ref>", "asset", asset)


def outputs(source: SiteSource) -> Iterator[Output]:
    """Every listing page, tag page, item and item asset, with what each is made from."""
    library = source.library
    signature = _Signatures()
    for section in SECTIONS:
        for lang in LANGS:
            yield from _listing_outputs(library, section, lang, signature)
            for tag in library.tags(section, lang):
                yield from _tag_outputs(library, section, lang, tag, signature)
            for page in library.section(section, lang):
                yield from _item_outputs(library, page)


class _Signatures:
    """What a listing shows of each page (its key and metadata, not its body), computed once
    per page however many listing and tag pages show it; ``of(pages, count)`` hashes a chunk."""

    def __init__(self) -> None:
        self._known: dict[str, bytes] = {}

    def of(self, pages, count: int) -> str:
        parts = []
        for page in pages:
            sig = self._known.get(page.source)
            if sig is None:
                # A plain tuple's repr costs a third of the dataclass's.
                sig = self._known[page.source] = repr((page.section, page.meta.values())).encode("utf-8")
            parts.append(sig)
        return hashlib.sha256(b"\n".join(parts) + f"\n{count}".encode()).hexdigest()


def _listing_outputs(library, section: str, lang: str, signature: _Signatures) -> Iterator[Output]:
    tagset = digest(library.tags(section, lang))
    for part in chunks(library.section(section, lang)):
        key = f"listing:{section}:{lang}:page:{part.number}"
        yield Output("site.section_index", {"lang": lang, "section": section, "number": part.number},
                     {key: signature.of(part.items, part.count), f"tags:{section}:{lang}": tagset},
                     template="site/listing.html",
                     alternates={o: {"lang": o, "section": section, "number": 1} for o in LANGS}
                     if part.number == 1 else {})


def _tag_outputs(library, section: str, lang: str, tag: str, signature: _Signatures) -> Iterator[Output]:
    for part in chunks(library.tagged(section, lang, tag)):
        key = f"tag:{section}:{lang}:{tag}:page:{part.number}"
        yield Output("site.tag_page", {"lang": lang, "section": section, "tag": tag, "number": part.number},
                     {key: signature.of(part.items, part.count)}, template="site/listing.html",
                     sitemap=part.number == 1)


@lru_cache(maxsize=None)
def _languages_digest(langs: tuple[str, ...]) -> str:
    # The same few sets of languages for ten thousand items: each hashed once.
    return digest(list(langs))


def _item_outputs(library, page: Page) -> Iterator[Output]:
    values = {"lang": page.meta.lang, "section": page.section, "slug": page.meta.slug}
    translations = library.translations(page)
    deps = {page.dependency_key: page.sha256,
            f"translations:{page.section}:{page.meta.slug}:{page.meta.lang}":
                _languages_digest(tuple(sorted(t.meta.lang for t in translations)))}
    yield Output("site.item", values, deps, template="site/item.html", primary=(page.dependency_key,),
                 alternates={t.meta.lang: {**values, "lang": t.meta.lang} for t in translations},
                 lastmod=page.meta.date)
    for found in page.assets:
        key = asset_dependency_key(page, found)
        yield Output("site.asset", {**values, "ref": found.ref}, {key: found.sha256},
                     primary=(key,), sitemap=False)


def feed_items(source: SiteSource) -> Iterator[FeedItem]:
    """Every published news item, in both languages."""
    for lang in LANGS:
        for page in source.library.section("news", lang):
            yield FeedItem(page.meta.title, "site.item",
                           {"lang": lang, "section": "news", "slug": page.meta.slug},
                           page.meta.date, page.meta.summary, page.meta.tags)


def latest(source: SiteSource, section: str, lang: str, count: int) -> tuple[Page, ...]:
    """The newest ``count`` published items of ``section`` (for the home page)."""
    return source.library.section(section, lang)[:count]
