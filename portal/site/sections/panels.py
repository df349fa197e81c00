"""Expert panels and the public profiles of experts who consented to publication.

The data comes from ``portal.panels.directory``: only consenting, active experts,
and only their public fields. Photos are published beside the profile.
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from flask import abort, render_template, send_file
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from portal.kernel import db, storage
from portal.panels.directory import public_experts, public_panel, public_panels
from portal.panels.models import ExpertProfile
from portal.site import bp
from portal.site.head import Head
from portal.site.langs import LANGS, lang_route
from portal.site.outputs import Output, digest
from portal.site.source import SiteSource, current_source

NAME = "panels"
NAV = (("site.panels", _l("专家评审组")),)
_EXTENSIONS = {"image/jpeg": "jpg", "image/png": "png", "image/webp": "webp", "image/gif": "gif"}


def load() -> dict:
    """Every panel with its listed members, every listed expert, and the experts' photo files."""
    panels = [public_panel(p["code"]) for p in public_panels()]
    experts = public_experts()
    photos = {}
    for expert in experts:
        if expert["has_photo"]:
            profile = db.session.scalar(select(ExpertProfile).where(ExpertProfile.id == expert["id"]))
            path = storage.path_of(profile.photo_name)
            if path.is_file():
                photos[expert["id"]] = (path, _EXTENSIONS.get(profile.photo_type or "", "jpg"))
    return {"panels": panels, "experts": experts, "photos": photos}


def _data() -> dict:
    return current_source().section_data(NAME, {"panels": [], "experts": [], "photos": {}})


def panels(lang: str):
    """Every expert panel with its industry and how many listed members it has."""
    head = Head(str(NAV[0][1]), str(_l("各产业专家评审组及公开简介的专家。")), alternates={o: {} for o in LANGS})
    return render_template("site/panels/index.html", head=head, panels=_data()["panels"])


def panel(lang: str, code: str):
    """One panel with its chair and listed members."""
    found = next((p for p in _data()["panels"] if p["code"] == code), None) or abort(404)
    name = found["name_en"] if lang == "en" and found["name_en"] else found["name_zh"]
    head = Head(name, found["description"] or name, alternates={o: {} for o in LANGS})
    return render_template("site/panels/panel.html", head=head, panel=found, name=name)


def expert(lang: str, expert_id: int):
    """One listed expert's public profile."""
    found = next((e for e in _data()["experts"] if e["id"] == expert_id), None) or abort(404)
    head = Head(found["name"], f"{found['title'] or ''} {found['affiliation']}".strip(), og_type="profile",
                alternates={o: {} for o in LANGS})
    return render_template("site/panels/expert.html", head=head, expert=found,
                           photo=_data()["photos"].get(expert_id))


def photo(lang: str, expert_id: int, ext: str):
    """A listed expert's photo."""
    found = _data()["photos"].get(expert_id)
    if found is None or found[1] != ext:
        abort(404)
    return send_file(Path(found[0]), max_age=3600)


lang_route(bp, "/panels/", "panels", panels)
lang_route(bp, "/panels/<code>/", "panel", panel)
lang_route(bp, "/experts/<int:expert_id>/", "expert", expert)
lang_route(bp, "/experts/<int:expert_id>/photo.<ext>", "expert_photo", photo)


def outputs(source: SiteSource) -> Iterator[Output]:
    """The panel index, each panel, each listed expert and their photos, in each language."""
    data = source.section_data(NAME, {"panels": [], "experts": [], "photos": {}})
    both = {o: {"lang": o} for o in LANGS}
    for lang in LANGS:
        yield Output("site.panels", {"lang": lang}, {"rows:panels": digest(data["panels"])},
                     "site/panels/index.html", alternates=both)
        for item in data["panels"]:
            key = f"row:panel:{item['code']}"
            yield Output("site.panel", {"lang": lang, "code": item["code"]}, {key: digest(item)},
                         "site/panels/panel.html", primary=(key,),
                         alternates={o: {"lang": o, "code": item["code"]} for o in LANGS})
        for item in data["experts"]:
            key = f"row:expert:{item['id']}"
            photo_file = data["photos"].get(item["id"])
            yield Output("site.expert", {"lang": lang, "expert_id": item["id"]},
                         {key: digest(item, photo_file[1] if photo_file else None)}, "site/panels/expert.html",
                         primary=(key,), alternates={o: {"lang": o, "expert_id": item["id"]} for o in LANGS})
            if photo_file:
                photo_key = f"file:expert-photo:{item['id']}"
                yield Output("site.expert_photo", {"lang": lang, "expert_id": item["id"], "ext": photo_file[1]},
                             {photo_key: _file_hash(photo_file[0])}, primary=(photo_key,), sitemap=False)


def _file_hash(path: Path) -> str:
    import hashlib

    return hashlib.sha256(Path(path).read_bytes()).hexdigest()
