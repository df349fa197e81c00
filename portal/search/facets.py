"""Facet filters read from and written to the URL, so every search can be bookmarked."""
from __future__ import annotations

from flask import request, url_for
from flask_babel import lazy_gettext as _l

from portal.kernel.reference_data import reference

FACET_FIELDS = {"kind": _l("类型"), "lang": _l("语言"), "division": _l("县区"), "industry": _l("产业")}
KIND_LABELS = {"news": _l("新闻"), "policy": _l("政策"), "page": _l("页面"), "panel": _l("专家评审组"),
               "expert": _l("评审专家"), "station": _l("服务站"), "gongshi": _l("公示"), "honour": _l("人才荣誉榜")}
LANG_LABELS = {"zh": "中文", "en": "English"}


def kind_label(kind: str) -> str:
    """The readable name of a document kind."""
    return str(KIND_LABELS.get(kind, kind))


def active_filters(args) -> dict[str, set[str]]:
    """{facet field: {value}} for every facet given in the query string."""
    return {name: {args[name]} for name in FACET_FIELDS if args.get(name)}


def value_label(field: str, value: str) -> str:
    """A readable name for a facet value."""
    if field == "kind":
        return kind_label(value)
    if field == "lang":
        return LANG_LABELS.get(value, value)
    list_name = {"division": "divisions", "industry": "industries"}[field]
    return reference(list_name).name(value)


def _url_with(**changes) -> str:
    args = {key: value for key, value in request.args.items() if key != "page"}
    for key, value in changes.items():
        if value is None:
            args.pop(key, None)
        else:
            args[key] = value
    return url_for("search_pages.search", **args)


def page_url(page: int) -> str:
    """This search at another page."""
    return _url_with(page=str(page))


def facet_links(result, filters: dict[str, set[str]]) -> list[dict]:
    """For each facet with values: its label and (value label, count, url, active) options."""
    groups = []
    for field, label in FACET_FIELDS.items():
        counts = result.facets.get(field) or {}
        options = []
        for value, count in sorted(counts.items(), key=lambda item: -item[1]):
            if not value:
                continue
            active = value in filters.get(field, set())
            options.append({"label": value_label(field, value), "count": count, "active": active,
                            "url": _url_with(**{field: None if active else value})})
        if options:
            groups.append({"label": label, "options": options})
    return groups
