"""The public site's documents for the search index: what a visitor can find.

Every published page of the static site that a visitor would search for (news, policies,
pages, 公示 batches, the honour roll, stations, panels and experts), built from the same
``SiteSource`` the site is rendered from, so search never holds anything the site does not.
``search_index`` calls ``public_documents()`` (its default provider); the static build
calls ``documents(source)`` and exports them with the site.
"""
from __future__ import annotations

import html
import re
from collections.abc import Iterator

from flask import url_for

from portal.site.langs import LANGS
from portal.site.source import SiteSource

_TAGS = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")
_KINDS = {"news": "news", "policies": "policy", "pages": "page"}


def _text(fragment: str) -> str:
    return _SPACE.sub(" ", html.unescape(_TAGS.sub(" ", fragment))).strip()


def _content(source: SiteSource) -> Iterator[dict]:
    for page in source.library.published():
        yield {"id": f"{page.section}:{page.meta.lang}:{page.meta.slug}", "kind": _KINDS[page.section],
               "url": url_for("site.item", lang=page.meta.lang, section=page.section, slug=page.meta.slug),
               "title": page.meta.title, "body": f"{page.meta.summary} {_text(page.html)}".strip(),
               "lang": page.meta.lang, "date": page.meta.date.isoformat()}


def _publicity(source: SiteSource) -> Iterator[dict]:
    for lang, data in source.section_data("publicity", {}).items():
        for batch in data["batches"]:
            people = " ".join(f"{p['full_name']} {p['employer']} {p['category']}" for p in batch["entries"])
            yield {"id": f"gongshi:{lang}:{batch['id']}", "kind": "gongshi", "lang": lang,
                   "url": url_for("site.publicity_batch", lang=lang, batch_id=batch["id"]), "title": batch["title"],
                   "body": f"{batch['start_date']} {batch['end_date']} {people}", "date": batch["start_date"]}
        if data["honour"]:
            yield {"id": f"honour:{lang}", "kind": "honour", "lang": lang,
                   "url": url_for("site.honour_roll", lang=lang),
                   "title": "英才名录" if lang == "zh" else "Honour roll",
                   "body": " ".join(f"{p['full_name']} {p['employer']} {p['category']}" for p in data["honour"])}


def _stations(source: SiteSource) -> Iterator[dict]:
    for lang, stations in source.section_data("stations", {}).items():
        for s in stations:
            services = " ".join(item["name"] for item in s["services"])
            yield {"id": f"station:{lang}:{s['id']}", "kind": "station", "lang": lang,
                   "url": url_for("site.station", lang=lang, station_id=s["id"]), "title": s["name"],
                   "body": f"{s['type_label']} {s['division_name']} {s['host_organisation']} {s['address']} "
                           f"{s['area_served']} {services}", "division": s["division_code"] or ""}


def _panels(source: SiteSource) -> Iterator[dict]:
    data = source.section_data("panels", {"panels": [], "experts": []})
    for lang in LANGS:
        for p in data["panels"]:
            members = " ".join(f"{e['name']} {e['affiliation']}" for e in p.get("members", []))
            yield {"id": f"panel:{lang}:{p['code']}", "kind": "panel", "lang": lang,
                   "url": url_for("site.panel", lang=lang, code=p["code"]),
                   "title": p["name_en"] if lang == "en" and p["name_en"] else p["name_zh"],
                   "body": f"{p['description'] or ''} {members}".strip()}
        for e in data["experts"]:
            yield {"id": f"expert:{lang}:{e['id']}", "kind": "expert", "lang": lang,
                   "url": url_for("site.expert", lang=lang, expert_id=e["id"]), "title": e["name"],
                   "body": " ".join(str(e.get(f) or "") for f in ("title", "affiliation", "field", "bio"))}


def documents(source: SiteSource) -> list[dict]:
    """Every public document of ``source``, with URLs relative to the site root (``/news/x/``).

    Call inside a request context of an app serving the public blueprint at "/".
    """
    return [doc for part in (_content, _publicity, _stations, _panels) for doc in part(source)]


def public_documents() -> list[dict]:
    """The search_index provider: the documents of the configured content folder and database."""
    from pathlib import Path

    from portal import create_app
    from portal.kernel.config import BuildConfig
    from portal.sitebuild.source import load_source

    settings = BuildConfig.as_dict()
    build_app = create_app(settings)
    with build_app.app_context():
        source = load_source(Path(build_app.config["CONTENT_DIR"]))
        with build_app.test_request_context("/", base_url="http://localhost/"):
            return documents(source)
