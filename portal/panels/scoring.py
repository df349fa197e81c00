"""The expert-review rubric (portal/data/rubric.yaml) and the score of one review."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml
from flask import current_app
from flask_babel import gettext as _

from portal.kernel.reference_data import _current_lang


@dataclass(frozen=True)
class Criterion:
    """One rubric line: a relative weight and an inclusive whole-number score range."""

    code: str
    name_zh: str
    name_en: str
    weight: float
    min: int
    max: int

    def name(self) -> str:
        return self.name_en if _current_lang() == "en" else self.name_zh


@dataclass(frozen=True)
class Rubric:
    """The criteria, the confidence levels (value -> (zh, en)) and the disagreement threshold."""

    criteria: tuple[Criterion, ...]
    confidence: dict[int, tuple[str, str]]
    disagreement_threshold: float

    def confidence_choices(self) -> list[tuple[int, str]]:
        index = 1 if _current_lang() == "en" else 0
        return [(value, names[index]) for value, names in self.confidence.items()]


class InvalidScores(ValueError):
    """Scores that do not fit the rubric; the message is for the expert."""


@lru_cache(maxsize=4)
def _load(folder: str) -> Rubric:
    raw = yaml.safe_load((Path(folder) / "rubric.yaml").read_text(encoding="utf-8"))
    criteria = tuple(Criterion(str(c["code"]), c["name_zh"], c["name_en"], float(c["weight"]), int(c["min"]),
                               int(c["max"])) for c in raw["criteria"])
    confidence = {int(c["value"]): (c["name_zh"], c["name_en"]) for c in raw["confidence"]}
    return Rubric(criteria, confidence, float(raw.get("disagreement_threshold", 20)))


def rubric() -> Rubric:
    """The rubric of the current app's REFERENCE_DATA_DIR."""
    return _load(current_app.config["REFERENCE_DATA_DIR"])


def weighted_score(criteria: tuple[Criterion, ...], scores: dict[str, int]) -> float:
    """The review's score on a 0-100 scale: each criterion's position in its range, weighted."""
    total_weight = sum(c.weight for c in criteria)
    points = sum(c.weight * (scores[c.code] - c.min) / (c.max - c.min) for c in criteria)
    return round(100 * points / total_weight, 2)


def check_scores(criteria: tuple[Criterion, ...], scores: dict[str, int | None], complete: bool) -> None:
    """Raise InvalidScores for a score out of range, or (when `complete`) a missing one."""
    for c in criteria:
        value = scores.get(c.code)
        if value is None:
            if complete:
                raise InvalidScores(_("请为“%(name)s”打分。", name=c.name()))
            continue
        if not c.min <= value <= c.max:
            raise InvalidScores(_("“%(name)s”的分数应在 %(low)d 到 %(high)d 之间。", name=c.name(), low=c.min,
                                  high=c.max))
