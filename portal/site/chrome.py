"""The parts of every public page that depend only on its language and the base URL.

Header links, footer and the site's name are the same on thousands of pages: they are
rendered once per language (from ``site/_chrome.html``) and pasted into ``base.html``.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import current_app
from markupsafe import Markup

from portal.site.urls import site_url


@dataclass(frozen=True)
class Chrome:
    """Ready-made pieces of a page in one language; ``base.html`` prints them as they are."""

    name: Markup
    skip: Markup
    nav_label: Markup
    home: str
    stylesheet: str
    feed: str
    nav_items: Markup
    footer: Markup


def make_chrome(lang: str, translations, context: dict[str, Any]) -> Chrome:
    """Render the pieces for ``lang`` with the template ``context`` of the current request."""
    macros = current_app.jinja_env.get_template("site/_chrome.html").make_module(context)
    text = lambda msgid: Markup(translations.gettext(msgid))  # noqa: E731 - as ``_`` renders it
    return Chrome(
        name=text("阜新英才"),
        skip=text("跳到主要内容"),
        nav_label=text("主导航"),
        home=site_url("site.home", lang=lang),
        stylesheet=site_url("site.static", filename="site.css"),
        feed=site_url("site.home", lang="zh") + "feed.xml",
        nav_items=Markup(macros.nav_items()),
        footer=Markup(macros.footer()),
    )
