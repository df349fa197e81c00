"""公示: the batches under publicity now and the past ones, each batch's list, and the honour
roll of recognised talents who consented to publication.

The data comes from ``portal.publicity.batches`` (only the fields a public list may carry).
Whether a batch is still open depends on the day of the build, so that is part of what each
page is built from: the first build after a 公示 period ends moves the batch to the past.
"""
from __future__ import annotations

from collections.abc import Iterator

from flask import abort, render_template
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l

from portal.kernel.clock import today
from portal.publicity import batches as publicity_batches
from portal.site import bp
from portal.site.head import Head
from portal.site.langs import LANGS, lang_route
from portal.site.outputs import FeedItem, Output, digest
from portal.site.source import SiteSource, current_source

NAME = "publicity"
NAV = (("site.publicity", _l("公示")), ("site.honour_roll", _l("英才名录")))


def load() -> dict:
    """Every batch (with whether it is open on the build day) and the honour roll, per language."""
    day = today().isoformat()
    data = {}
    for lang in LANGS:
        with force_locale(lang):  # category and education names in the page's language
            batches = [{**b, "open": b["start_date"] <= day <= b["end_date"]} for b in publicity_batches.public_batches()]
            data[lang] = {"batches": batches, "honour": publicity_batches.honour_roll()}
    return data


def _data(lang: str) -> dict:
    return current_source().section_data(NAME, {}).get(lang, {"batches": [], "honour": []})


def publicity(lang: str):
    """The batches under publicity now, then the past ones."""
    batches = _data(lang)["batches"]
    head = Head(str(NAV[0][1]), str(_l("阜新英才认定公示：公示名单、公示期和异议受理方式。")),
                alternates={o: {} for o in LANGS})
    return render_template("site/publicity/list.html", head=head,
                           open_batches=[b for b in batches if b["open"]],
                           past_batches=[b for b in batches if not b["open"]])


def batch(lang: str, batch_id: int):
    """One batch: its period, the people listed and where to send objections."""
    found = next((b for b in _data(lang)["batches"] if b["id"] == batch_id), None) or abort(404)
    head = Head(found["title"], f"{found['start_date']} – {found['end_date']}", og_type="article",
                alternates={o: {} for o in LANGS})
    return render_template("site/publicity/batch.html", head=head, batch=found)


def honour_roll(lang: str):
    """Recognised talents who consented to publication."""
    head = Head(str(NAV[1][1]), str(_l("经认定并同意公开的阜新英才。")), alternates={o: {} for o in LANGS})
    return render_template("site/publicity/honour_roll.html", head=head, people=_data(lang)["honour"])


lang_route(bp, "/gongshi/", "publicity", publicity)
lang_route(bp, "/gongshi/<int:batch_id>/", "publicity_batch", batch)
lang_route(bp, "/honour-roll/", "honour_roll", honour_roll)


def outputs(source: SiteSource) -> Iterator[Output]:
    """The batch list, each batch and the honour roll, in each language."""
    data = source.section_data(NAME, {})
    both = {o: {"lang": o} for o in LANGS}
    for lang in LANGS:
        found = data.get(lang, {"batches": [], "honour": []})
        yield Output("site.publicity", {"lang": lang}, {f"rows:publicity:{lang}": digest(found["batches"])},
                     "site/publicity/list.html", alternates=both)
        yield Output("site.honour_roll", {"lang": lang}, {f"rows:honour:{lang}": digest(found["honour"])},
                     "site/publicity/honour_roll.html", alternates=both)
        for item in found["batches"]:
            key = f"row:publicity_batch:{item['id']}:{lang}"
            yield Output("site.publicity_batch", {"lang": lang, "batch_id": item["id"]}, {key: digest(item)},
                         "site/publicity/batch.html", primary=(key,),
                         alternates={o: {"lang": o, "batch_id": item["id"]} for o in LANGS})


def feed_items(source: SiteSource) -> Iterator[FeedItem]:
    """Each 公示 batch, in Chinese."""
    import datetime as dt

    for item in source.section_data(NAME, {}).get("zh", {"batches": []})["batches"]:
        yield FeedItem(item["title"], "site.publicity_batch", {"lang": "zh", "batch_id": item["id"]},
                       dt.date.fromisoformat(item["start_date"]),
                       f"公示期：{item['start_date']} 至 {item['end_date']}", ("公示",))
