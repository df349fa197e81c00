"""Reference lists (categories, industries, divisions, ...) loaded from editable YAML files."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml
from flask import current_app
from flask_babel import get_locale

LISTS = ("categories", "industries", "divisions", "material_types", "education_levels", "title_levels",
         "station_services", "rejection_reasons")


@dataclass(frozen=True)
class Entry:
    """One item of a reference list, named in both languages."""

    code: str
    name_zh: str
    name_en: str
    extra: dict = field(default_factory=dict, compare=False, hash=False)

    def name(self, lang: str | None = None) -> str:
        """The name in `lang` (default: the request's language)."""
        lang = lang or _current_lang()
        return self.name_en if lang == "en" else self.name_zh


def _current_lang() -> str:
    try:
        return str(get_locale() or "zh")
    except (RuntimeError, AttributeError):
        return "zh"


class ReferenceList:
    """An ordered list of entries with lookup by code."""

    def __init__(self, entries: list[Entry]):
        self.entries = entries
        self._by_code = {entry.code: entry for entry in entries}

    def __iter__(self):
        return iter(self.entries)

    def __contains__(self, code: object) -> bool:
        return code in self._by_code

    def get(self, code: str | None) -> Entry | None:
        """The entry for `code`, or None."""
        return self._by_code.get(code) if code else None

    def name(self, code: str | None, lang: str | None = None) -> str:
        """The display name for `code`, or the code itself when unknown."""
        entry = self.get(code)
        return entry.name(lang) if entry else (code or "")

    def choices(self, lang: str | None = None) -> list[tuple[str, str]]:
        """(code, name) pairs for a select field."""
        return [(entry.code, entry.name(lang)) for entry in self.entries]


def _read_list(path: Path) -> ReferenceList:
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    entries = []
    for item in raw:
        item = dict(item)
        code, zh, en = str(item.pop("code")), item.pop("name_zh"), item.pop("name_en")
        entries.append(Entry(code=code, name_zh=zh, name_en=en, extra=item))
    return ReferenceList(entries)


@lru_cache(maxsize=8)
def _load(folder: str) -> dict[str, ReferenceList]:
    return {name: _read_list(Path(folder) / f"{name}.yaml") for name in LISTS}


def reference(name: str) -> ReferenceList:
    """The reference list `name` from the current app's REFERENCE_DATA_DIR."""
    return _load(current_app.config["REFERENCE_DATA_DIR"])[name]


def required_materials(category_code: str | None) -> list[str]:
    """Material type codes the category requires, in order; empty for an unknown category."""
    entry = reference("categories").get(category_code)
    return list(entry.extra.get("required_materials", [])) if entry else []
