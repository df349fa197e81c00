"""The <head> of every public page: title, description, canonical URL, hreflang and Open Graph."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from flask import request

from portal.site.langs import LANGS
from portal.site.urls import external_url


@dataclass(frozen=True)
class Head:
    """What a view says about its page; ``alternates`` maps a language to url_for values."""

    title: str
    description: str
    og_type: str = "website"
    alternates: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)


def canonical_url() -> str:
    """The absolute URL of the page being rendered."""
    return external_url(request.endpoint, **(request.view_args or {}))


def alternate_urls(head: Head) -> dict[str, str]:
    """Absolute URLs of this page in each language that has it (this language included)."""
    lang = (request.view_args or {}).get("lang", "zh")
    urls = {lang: canonical_url()}
    for other, values in head.alternates.items():
        if other in LANGS and other != lang:
            urls[other] = external_url(request.endpoint, **{**(request.view_args or {}), **values, "lang": other})
    return dict(sorted(urls.items(), key=lambda kv: LANGS.index(kv[0])))
