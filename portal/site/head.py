"""The <head> of every public page: title, description, canonical URL, hreflang and Open Graph."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from flask import g, request

from portal.site.langs import LANGS, OTHER
from portal.site.urls import absolute_url_builder, url_builder


@dataclass(frozen=True)
class Head:
    """What a view says about its page; ``alternates`` maps a language to url_for values."""

    title: str
    description: str
    og_type: str = "website"
    alternates: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)


@dataclass(frozen=True)
class HeadUrls:
    """The URLs every page needs, worked out once per page: its canonical URL, its absolute
    URL in each language that has it (this one included, in the site's language order), and
    where the language switch leads (this page in the other language, or that language's
    home page)."""

    canonical: str
    alternates: dict[str, str]
    switch: str


def head_urls(head: Head) -> HeadUrls:
    """The HeadUrls of the page being rendered, described by ``head``."""
    endpoint, args = request.endpoint, request.view_args or {}
    build, absolute = url_builder(), absolute_url_builder()
    lang = args.get("lang", "zh")
    canonical = absolute(endpoint, **args)
    urls = {lang: canonical}
    for other, values in head.alternates.items():
        if other in LANGS and other != lang:
            urls[other] = absolute(endpoint, **{**args, **values, "lang": other})
    other = OTHER[g.get("site_lang", "zh")]
    if other in head.alternates:
        switch = build(endpoint, **{**args, **head.alternates[other], "lang": other})
    else:
        switch = build("site.home", lang=other)
    return HeadUrls(canonical, dict(sorted(urls.items(), key=lambda kv: LANGS.index(kv[0]))), switch)
