"""Validation of front matter: required fields, types and formats."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from portal.content.errors import ContentError
from portal.content.page import PageMeta

LANGS = frozenset({"zh", "en"})
REQUIRED = ("title", "date", "slug", "lang")
OPTIONAL = ("tags", "summary", "draft")
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# YAML reads 2026, yes or 3.5 as numbers or booleans; quoting keeps them text.
_QUOTE_HINT = " (put it in quotes to make it text)"


def validate_metadata(raw: Mapping[str, Any], path: Path) -> PageMeta:
    """Return the validated metadata of the file at ``path``.

    Raises ContentError naming ``path`` and the first wrong field: a missing
    required field, an unknown field (usually a typo), a wrong type, a date
    that is not a real ``YYYY-MM-DD`` day, a lang outside zh/en, a slug that
    is not lowercase ASCII words joined by hyphens, or tags that are not a
    list of non-empty strings.
    """
    for name in REQUIRED:
        if name not in raw or raw[name] is None:
            raise ContentError(path, name, "is required")
    for name in raw:
        if name not in REQUIRED and name not in OPTIONAL:
            raise ContentError(path, str(name), "is not a known field")
    return PageMeta(
        title=_text(raw, "title", path),
        date=_date(raw["date"], path),
        slug=_slug(raw["slug"], path),
        lang=_lang(raw["lang"], path),
        tags=_tags(raw.get("tags", []), path),
        summary=_text(raw, "summary", path, allow_empty=True) if "summary" in raw else "",
        draft=_flag(raw.get("draft", False), path),
    )


def _text(raw: Mapping[str, Any], name: str, path: Path, allow_empty: bool = False) -> str:
    value = raw[name]
    if value is None and allow_empty:
        return ""
    if not isinstance(value, str):
        raise ContentError(path, name, f"must be text, not {type(value).__name__}{_QUOTE_HINT}")
    if not value.strip() and not allow_empty:
        raise ContentError(path, name, "must not be empty")
    return value.strip()


def _date(value: Any, path: Path) -> dt.date:
    # YAML turns an unquoted 2026-03-05 into a date and a timestamp into a
    # datetime; only whole days are meaningful for our listings.
    if isinstance(value, dt.datetime):
        raise ContentError(path, "date", "must be a day (YYYY-MM-DD), without a time")
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str) or not DATE_RE.match(value):
        raise ContentError(path, "date", f"must be YYYY-MM-DD, got {value!r}")
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ContentError(path, "date", f"is not a real day: {value!r}") from None


def _slug(value: Any, path: Path) -> str:
    if not isinstance(value, str) or not SLUG_RE.match(value):
        raise ContentError(
            path, "slug", f"must be lowercase a-z, 0-9 and single hyphens, got {value!r}"
        )
    return value


def _lang(value: Any, path: Path) -> str:
    if value not in LANGS:
        raise ContentError(path, "lang", f"must be one of {sorted(LANGS)}, got {value!r}")
    return value


def _tags(value: Any, path: Path) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise ContentError(path, "tags", f"must be a list, not {type(value).__name__}")
    for tag in value:
        if not isinstance(tag, str) or not tag.strip():
            raise ContentError(path, "tags", f"every tag must be non-empty text, got {tag!r}{_QUOTE_HINT}")
    return tuple(dict.fromkeys(tag.strip() for tag in value))


def _flag(value: Any, path: Path) -> bool:
    if not isinstance(value, bool):
        raise ContentError(path, "draft", f"must be true or false, got {value!r}")
    return value
