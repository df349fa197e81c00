"""Markdown to safe HTML: render with Python-Markdown, then sanitise with nh3."""

from __future__ import annotations

import threading

import markdown
import nh3
from markdown.extensions.toc import slugify_unicode

EXTENSIONS = ("tables", "fenced_code", "sane_lists", "toc", "attr_list")

# Headings keep their ids (for in-page anchors); everything else keeps
# nh3's conservative defaults, which already drop <script>, <style>,
# on* handlers and style attributes.
_TAGS = set(nh3.ALLOWED_TAGS)
_ATTRIBUTES = {tag: set(attrs) for tag, attrs in nh3.ALLOWED_ATTRIBUTES.items()}
for _heading in ("h1", "h2", "h3", "h4", "h5", "h6"):
    _ATTRIBUTES.setdefault(_heading, set()).add("id")
_ATTRIBUTES.setdefault("img", set()).update({"loading", "title"})
_ATTRIBUTES.setdefault("a", set()).add("title")
_ATTRIBUTES.setdefault("code", set()).add("class")  # fenced_code's language-xxx
_URL_SCHEMES = {"http", "https", "mailto", "tel"}
_CLEAN_CONTENT = {"script", "style"}

_local = threading.local()


def sanitise_html(html: str) -> str:
    """Return ``html`` with anything able to run script removed.

    Keeps headings (with ids), paragraphs, lists, tables, images, links and
    code. Drops <script>/<style> with their content, every event-handler
    attribute, inline styles, and any URL whose scheme is not http, https,
    mailto or tel (so ``javascript:`` and ``data:`` URLs never survive).
    Relative URLs are kept as written.
    """
    return nh3.clean(
        html,
        tags=_TAGS,
        clean_content_tags=_CLEAN_CONTENT,
        attributes=_ATTRIBUTES,
        url_schemes=_URL_SCHEMES,
        link_rel="noopener noreferrer",
    )


def render_markdown(text: str) -> str:
    """Return the sanitised HTML for the Markdown ``text``.

    Safe to call from several threads; the output depends only on ``text``.
    """
    md = getattr(_local, "md", None)
    if md is None:
        md = _local.md = markdown.Markdown(
            extensions=list(EXTENSIONS),
            # Keep Chinese headings readable as anchors (#申报条件, not #_1).
            extension_configs={"toc": {"slugify": slugify_unicode}},
            output_format="html",
        )
    md.reset()
    return sanitise_html(md.convert(text))
