"""Wires the sections into the blueprint and gives templates the site's navigation."""
from __future__ import annotations

from flask import g, request, url_for
from flask_babel import gettext as _

from portal.site import bp
from portal.site.head import Head, alternate_urls, canonical_url
from portal.site.langs import HREFLANG, OTHER
from portal.site.sections import content, nav_items  # importing registers every section's routes


@bp.app_context_processor
def _site_context():
    if request.blueprint != "site":
        return {}
    lang = g.get("site_lang", "zh")
    return {"site_lang": lang, "other_lang": OTHER[lang], "hreflang": HREFLANG,
            "canonical_url": canonical_url, "alternate_urls": alternate_urls,
            "site_nav": _nav(lang), "language_switch": _language_switch}


def _nav(lang: str) -> list[tuple[str, str]]:
    """(url, label) of each header link in ``lang``."""
    items = [(url_for("site.home", lang=lang), _("首页"))]
    items += [(url_for("site.section_index", lang=lang, section=section), str(label))
              for section, label in content.SECTION_TITLES.items()]
    items += [(url_for(endpoint, lang=lang), str(label)) for endpoint, label in nav_items()]
    return items


def _language_switch(head: Head) -> str:
    """The URL of this page in the other language, or the other language's home page."""
    other = OTHER[g.get("site_lang", "zh")]
    if other not in head.alternates:
        return url_for("site.home", lang=other)
    values = {**(request.view_args or {}), **head.alternates[other], "lang": other}
    return url_for(request.endpoint, **values)
