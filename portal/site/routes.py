"""Wires the sections into the blueprint and gives templates the site's navigation."""
from __future__ import annotations

from flask import g, has_request_context, request
from flask_babel import get_translations
from jinja2 import pass_context
from markupsafe import Markup

from portal.site import bp
from portal.site.chrome import make_chrome
from portal.site.head import head_urls
from portal.site.langs import HREFLANG, OTHER
from portal.site.list_entries import list_entries, tag_lists
from portal.site.sections import (  # importing registers every section's routes
    content,
    nav_items,
)
from portal.site.urls import request_base, site_url, url_builder

bp.add_app_template_global(site_url)  # macros imported without context need it too


@bp.app_context_processor
def _site_context():
    if not has_request_context() or request.blueprint != "site":
        return {}  # mail rendered from the CLI, and every other blueprint
    # Frozen-Flask renders every page in one app context, so ``g`` outlives a request there:
    # keep each language's context in it and skip even the lookups that find it (in the
    # portal's preview ``g`` is per request, and this is just the first lookup).
    key = (g.get("site_lang", "zh"), *request_base())
    made = g.setdefault("site_contexts", {}).get(key)
    if made is None:
        made = g.site_contexts[key] = _per_language(key[0], get_translations())
    return made


def _fast_gettext(translate):
    """Jinja's new-style gettext over one translations object, looked up once per request
    instead of once per string (Flask-Babel's own looks the locale up on every call)."""

    @pass_context
    def gettext(context, string: str, **variables):
        text = translate(string)
        if context.eval_ctx.autoescape:
            text = Markup(text)
        return text % variables if variables or "%" in text else text

    return gettext


_per_language_cache: dict[tuple, dict] = {}


def _per_language(lang: str, translations) -> dict:
    """The template context of every page in ``lang``: header links, page chrome, gettext and
    the URL helpers, made once per language, base URL and set of sections (nothing in it
    depends on the page, and pages ask for it thousands of times in a build).

    Keyed on the sections' endpoints, not their lazy labels: hashing a lazy string
    translates it, which on every page cost more than building the links.
    """
    sections = nav_items()
    key = (lang, *request_base(), translations, tuple(endpoint for endpoint, _ in sections))
    made = _per_language_cache.get(key)
    if made is None:
        if len(_per_language_cache) > 256:  # a long-running portal never grows it without bound
            _per_language_cache.clear()
        gettext = _fast_gettext(translations.gettext)
        made = {"site_lang": lang, "other_lang": OTHER[lang], "hreflang": HREFLANG,
                "head_urls": head_urls, "site_url": url_builder(), "gettext": gettext, "_": gettext,
                "site_nav": _nav(lang, translations, sections)}
        made["chrome"] = make_chrome(lang, translations, made)
        made["list_entry"] = list_entries(made)
        made["tag_list"] = tag_lists(made)
        _per_language_cache[key] = made
    return made


def _nav(lang: str, translations, sections: tuple) -> tuple[tuple[str, str], ...]:
    """(url, label) of each header link in ``lang``: the same on every page, so built once
    per language and base URL (the labels are lazy strings, rendered in ``lang`` here)."""
    items = [(site_url("site.home", lang=lang), translations.gettext("首页"))]
    items += [(site_url("site.section_index", lang=lang, section=section), str(label))
              for section, label in content.SECTION_TITLES.items()]
    items += [(site_url(endpoint, lang=lang), str(label)) for endpoint, label in sections]
    return tuple(items)
