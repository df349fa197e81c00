"""Parts of the news and policy lists that recur from page to page, rendered once and reused.

An item appears on a page of its section's list and on a page of every tag it carries, so a
large site renders each entry several times over; and every page of a section's list ends
with the same list of the section's tags. ``RenderedOnce`` renders a macro of
``site/_list.html`` once for each distinct key, with the template context of one language
and base URL (see ``portal.site.routes``):

- ``list_entries(context)``: an entry depends only on the item's file, its metadata and its
  section;
- ``tag_lists(context)``: a tag list, only on its section and its tags.
"""
from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any

from flask import current_app
from markupsafe import Markup

# Enough for every entry of a large site; a long-running portal previewing changed content
# starts afresh past it rather than growing without bound.
MEMO_SIZE = 50_000
TEMPLATE = "site/_list.html"


class RenderedOnce:
    """``rendered(*args)``: the macro ``name`` of ``site/_list.html`` called with ``args``, as
    Markup, rendered once for each ``key(*args)`` and kept while ``stamp(*args)`` is the same
    (the very object, or an equal one: a cheap check where the key would be costly to hash)."""

    def __init__(self, context: dict[str, Any], name: str, key: Callable[..., Hashable],
                 stamp: Callable[..., Any] = lambda *args: None) -> None:
        self._macro = getattr(current_app.jinja_env.get_template(TEMPLATE).make_module(context), name)
        self._key = key
        self._stamp = stamp
        self._made: dict[Hashable, tuple[Any, Markup]] = {}

    def __call__(self, *args) -> Markup:
        key, stamp = self._key(*args), self._stamp(*args)
        made = self._made.get(key)
        if made is None or not (made[0] is stamp or made[0] == stamp):
            if len(self._made) >= MEMO_SIZE:
                self._made.clear()
            made = self._made[key] = (stamp, Markup(self._macro(*args)))
        return made[1]


def list_entries(context: dict[str, Any]) -> RenderedOnce:
    """``entry(page, section)``: the list entry of ``page``, kept while its metadata is the same."""
    return RenderedOnce(context, "entry", lambda page, section: (section, page.source),
                        stamp=lambda page, section: page.meta)


def tag_lists(context: dict[str, Any]) -> RenderedOnce:
    """``tag_list(tags, section)``: the links to every tag page of ``section`` in ``tags``."""
    return RenderedOnce(context, "tag_list", lambda tags, section: (section, tuple(tags)))
