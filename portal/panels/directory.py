"""Public panel pages as plain dicts, for the portal and the static-site build alike.

Only experts who consented to publication appear, and only their public fields: never phone,
email, account or load. A chair who did not consent is left out like any other member.
"""
from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from portal.kernel import db
from portal.kernel.reference_data import reference
from portal.panels.models import ExpertProfile, Panel


def _listed(expert: ExpertProfile) -> bool:
    return expert.publication_consent and expert.active


def public_expert_dict(expert: ExpertProfile) -> dict[str, Any]:
    """The public part of a profile."""
    return {"id": expert.id, "name": expert.name, "title": expert.title, "affiliation": expert.affiliation,
            "field": expert.field, "bio": expert.bio, "has_photo": bool(expert.photo_name),
            "panels": [{"code": m.panel.code, "name_zh": m.panel.name_zh, "name_en": m.panel.name_en}
                       for m in expert.memberships]}


def _panel_dict(panel: Panel, with_members: bool) -> dict[str, Any]:
    industry = reference("industries").get(panel.industry_code)
    members = [e for e in panel.members if _listed(e)]
    data = {"code": panel.code, "name_zh": panel.name_zh, "name_en": panel.name_en,
            "industry_zh": industry.name_zh if industry else None, "industry_en": industry.name_en if industry else None,
            "description": panel.description, "member_count": len(members),
            "chair": public_expert_dict(panel.chair) if panel.chair and _listed(panel.chair) else None}
    if with_members:
        data["members"] = [public_expert_dict(e) for e in members]
    return data


def public_panels() -> list[dict[str, Any]]:
    """Every panel with its public summary, by code."""
    # Members in one query, not one per panel.
    query = select(Panel).order_by(Panel.code).options(selectinload(Panel.memberships))
    return [_panel_dict(p, with_members=False) for p in db.session.scalars(query)]


def public_panel(code: str) -> dict[str, Any] | None:
    """One panel with its listed members, or None."""
    panel = db.session.scalar(select(Panel).where(Panel.code == code))
    return _panel_dict(panel, with_members=True) if panel else None


def public_experts() -> list[dict[str, Any]]:
    """Every listed expert."""
    query = (select(ExpertProfile).where(ExpertProfile.publication_consent.is_(True), ExpertProfile.active.is_(True))
             .options(selectinload(ExpertProfile.memberships)))
    return [public_expert_dict(e) for e in db.session.scalars(query.order_by(ExpertProfile.id))]


def public_expert(expert_id: int) -> dict[str, Any] | None:
    """One listed expert, or None when absent or not consenting."""
    expert = db.session.get(ExpertProfile, expert_id)
    return public_expert_dict(expert) if expert and _listed(expert) else None
