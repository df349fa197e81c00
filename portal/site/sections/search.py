"""The search page: a form and the results, found in the browser by search_index's search.js
over the index exported with the site (see portal.sitebuild.index.export)."""
from __future__ import annotations

from collections.abc import Iterator

from flask import current_app, render_template
from flask_babel import lazy_gettext as _l

from portal.site import bp
from portal.site.head import Head
from portal.site.langs import LANGS, lang_route
from portal.site.outputs import Output
from portal.site.source import SiteSource

NAME = "search"
NAV = (("site.search", _l("站内搜索")),)
KINDS = (("news", _l("新闻")), ("policy", _l("政策")), ("page", _l("页面")), ("gongshi", _l("公示")),
         ("honour", _l("英才名录")), ("station", _l("服务站")), ("panel", _l("专家评审组")), ("expert", _l("专家")))


def enabled() -> bool:
    """Whether the site has search (``SITE_SEARCH``; ``build.py --no-search`` turns it off)."""
    return current_app.config.get("SITE_SEARCH", True)


def search(lang: str):
    """The search form; search.js fills in the results from ?q= (and ?kind=)."""
    head = Head(str(NAV[0][1]), str(_l("搜索新闻、政策、公示、服务站和专家。")), alternates={o: {} for o in LANGS})
    return render_template("site/search.html", head=head, kinds=[(code, str(label)) for code, label in KINDS])


lang_route(bp, "/search/", "search", search)


def outputs(source: SiteSource) -> Iterator[Output]:
    """The search page in each language, when the site has search."""
    if enabled():
        for lang in LANGS:
            yield Output("site.search", {"lang": lang}, {}, "site/search.html", sitemap=False,
                         alternates={o: {"lang": o} for o in LANGS})
