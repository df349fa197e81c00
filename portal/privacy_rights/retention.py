"""The retention rule for closed accounts, read from portal/data/retention.yaml, and when it ends."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import yaml
from flask import current_app

from portal.accounts.models import User
from portal.applications import workflow
from portal.applications.models import Application

RULE_FILE = "retention.yaml"


class RetentionRuleError(ValueError):
    """The retention file is missing or malformed; the message says what to fix."""


@dataclass(frozen=True)
class RetentionRule:
    """Keep a closed account's record `years` years after its last final decision."""

    years: int


def current_rule() -> RetentionRule:
    """The rule in the app's REFERENCE_DATA_DIR (read on every call: admins may edit it)."""
    path = Path(current_app.config["REFERENCE_DATA_DIR"]) / RULE_FILE
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        years = int(raw["years_after_final_decision"])
    except (OSError, yaml.YAMLError, KeyError, TypeError, ValueError) as error:
        raise RetentionRuleError(f"{path}: needs years_after_final_decision: <whole years> ({error})") from None
    if not 0 <= years <= 100:
        raise RetentionRuleError(f"{path}: years_after_final_decision must be between 0 and 100")
    return RetentionRule(years)


def _add_years(moment: datetime, years: int) -> datetime:
    try:
        return moment.replace(year=moment.year + years)
    except ValueError:  # 29 February into a year that has none
        return moment.replace(year=moment.year + years, day=28)


def final_decision_at(application: Application) -> datetime | None:
    """When the application reached its final state (None while it is still open)."""
    if application.state not in workflow.FINAL_STATES:
        return None
    finals = [e.created_at for e in application.events if e.to_state in workflow.FINAL_STATES]
    return max(finals) if finals else application.updated_at


def keep_until(user: User, applications: list[Application], rule: RetentionRule) -> datetime | None:
    """When a closed account's record may be anonymised; None while an application is still open."""
    ends = []
    for application in applications:
        decided = final_decision_at(application)
        if decided is None:
            return None
        ends.append(decided)
    start = max(ends) if ends else (user.closed_at or user.created_at)
    return _add_years(start, rule.years)
