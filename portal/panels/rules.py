"""Expert-review rules staff may edit (portal/data/panel_rules.yaml): reviewers per category,
default deadline and default load cap."""
from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

import yaml
from flask import current_app

from portal.kernel.clock import today


@lru_cache(maxsize=4)
def _load(folder: str) -> dict:
    return yaml.safe_load((Path(folder) / "panel_rules.yaml").read_text(encoding="utf-8")) or {}


def rules() -> dict:
    """The rules of the current app's REFERENCE_DATA_DIR."""
    return _load(current_app.config["REFERENCE_DATA_DIR"])


def reviewers_for(category_code: str | None) -> int:
    """How many reviewers an application of this category gets (default 3)."""
    data = rules()
    return int((data.get("reviewers") or {}).get(category_code, data.get("default_reviewers", 3)))


def default_deadline() -> date:
    """Today (China time) plus the configured number of days."""
    return today() + timedelta(days=int(rules().get("default_deadline_days", 14)))


def default_max_load() -> int:
    """The load cap for experts whose profile gives none."""
    return int(rules().get("default_max_load", 10))
