"""Entries of the news and policy lists, rendered once and reused.

An item appears on a page of its section's list and on a page of every tag it carries, so a
large site renders each entry several times over. An entry depends only on the item's key
and metadata, its section and the base URL: ``ListEntries`` renders the ``entry`` macro of
``site/_list.html`` once for each, with the template context of one language and base URL
(see ``portal.site.routes``).
"""
from __future__ import annotations

from typing import Any

from flask import current_app
from markupsafe import Markup

from portal.content.page import Page

# Enough for every entry of a large site; a long-running portal previewing changed content
# starts afresh past it rather than growing without bound.
MEMO_SIZE = 50_000


class ListEntries:
    """``entries(page, section)``: the list entry of ``page`` as Markup, rendered once."""

    def __init__(self, context: dict[str, Any]) -> None:
        self._macro = current_app.jinja_env.get_template("site/_list.html").make_module(context).entry
        self._made: dict[tuple, Markup] = {}

    def __call__(self, page: Page, section: str) -> Markup:
        key = (section, page.key, page.meta)
        made = self._made.get(key)
        if made is None:
            if len(self._made) >= MEMO_SIZE:
                self._made.clear()
            made = self._made[key] = Markup(self._macro(page, section))
        return made
