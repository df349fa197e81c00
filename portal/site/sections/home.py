"""The home page of each language, the styled 404.html and the site's own stylesheet."""
from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

from flask import render_template
from flask_babel import gettext as _

from portal.content.library import members_hash
from portal.site import bp
from portal.site.head import Head
from portal.site.langs import LANGS, lang_route
from portal.site.outputs import Output, digest
from portal.site.sections import content
from portal.site.source import SiteSource, current_source

LATEST = 6
STATIC_DIR = Path(bp.static_folder)


def _home_lists(source: SiteSource, lang: str) -> dict:
    return {
        "news": content.latest(source, "news", lang, LATEST),
        "policies": content.latest(source, "policies", lang, LATEST),
        "pages": source.library.section("pages", lang),
    }


def home(lang: str):
    """Latest news and policies, and the programme's pages."""
    head = Head(_("阜新英才"), _("阜新市人才认定、政策、公示与服务站信息的公开网站。"),
                alternates={other: {} for other in LANGS})
    return render_template("site/home.html", head=head, **_home_lists(current_source(), lang))


def not_found_page():
    """The page a static host shows for a missing URL (served as /404.html)."""
    return render_template("site/404.html", head=Head(_("页面不存在"), _("页面不存在或已被移除。")))


lang_route(bp, "/", "home", home)
bp.add_url_rule("/404.html", "not_found_page", not_found_page, methods=["GET"])


def outputs(source: SiteSource) -> Iterator[Output]:
    """The two home pages, 404.html and every file of the site's static folder."""
    for lang in LANGS:
        lists = _home_lists(source, lang)
        key = digest(*(members_hash(items) for items in lists.values()))
        yield Output("site.home", {"lang": lang}, {f"home:{lang}": key}, template="site/home.html",
                     alternates={other: {"lang": other} for other in LANGS})
    yield Output("site.not_found_page", {}, {}, template="site/404.html", sitemap=False)
    for path in sorted(p for p in STATIC_DIR.rglob("*") if p.is_file()):
        rel = path.relative_to(STATIC_DIR).as_posix()
        yield Output("site.static", {"filename": rel},
                     {f"static:{rel}": hashlib.sha256(path.read_bytes()).hexdigest()}, sitemap=False)
