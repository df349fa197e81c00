"""Fictional demo panels and experts (names and people invented; only the organisations are real
Fuxin institutions used as affiliations), the demo expert's profile and one assignment. Idempotent."""
from __future__ import annotations

from sqlalchemy import select

from portal.accounts.models import User
from portal.applications import workflow
from portal.applications.models import Application
from portal.kernel import db
from portal.panels import assignments, experts
from portal.panels.models import ExpertProfile, Panel
from portal.panels.rules import default_deadline

# code, zh, en, industry, blind
PANELS = [
    ("equipment", "高端装备评审组", "High-end equipment panel", "equipment", True),
    ("new-energy", "新型能源评审组", "New energy panel", "new_energy", True),
    ("green-food", "绿色食品评审组", "Green food panel", "green_food", False),
]
# email local part, name, title, affiliation, field, panel, public
EXPERTS = [
    ("expert.an", "安志远", "教授", "辽宁工程技术大学", "机械设计与制造", "equipment", True),
    ("expert.bai", "白若溪", "研究员", "沈阳示例装备研究所", "智能制造", "equipment", True),
    ("expert.cao", "曹明轩", "高级工程师", "阜新示例重工集团", "液压装备", "equipment", False),
    ("expert.du", "杜清妍", "教授", "辽宁工程技术大学", "电力系统与风电", "new-energy", True),
    ("expert.fan", "范景行", "研究员", "辽西新能源研究院", "氢能与储能", "new-energy", True),
    ("expert.gu", "顾思涵", "教授", "沈阳示例农业大学", "食品科学", "green-food", True),
    ("expert.he", "何嘉禾", "高级农艺师", "阜新示例农业科学院", "设施农业", "green-food", False),
]
DEMO_EXPERT = {"name": "赵专家", "title": "教授级高级工程师", "affiliation": "大连示例理工大学",
               "field": "新能源装备", "bio": "演示账号：长期从事风电装备与储能系统研究（虚构人物）。",
               "max_load": 8, "publication_consent": True}


def seed_panel_demo(city_hr: User, demo_expert: User, domain: str, password: str) -> int:
    """Create whatever demo panel records are missing; returns how many were created."""
    if db.session.scalar(select(Panel.id).where(Panel.code == PANELS[0][0])) is not None:
        return 0
    panels = {}
    for code, zh, en, industry, blind in PANELS:
        panels[code] = experts.save_panel(None, {"code": code, "name_zh": zh, "name_en": en, "industry_code": industry,
                                                 "description": f"{zh}（演示数据）", "blind": blind}, None, city_hr)
    created = len(panels)
    with db.transaction() as session:
        profile = experts.attach_profile(demo_expert, {**DEMO_EXPERT, "email": demo_expert.email,
                                                       "phone": demo_expert.phone})
        for local, name, title, affiliation, field, _panel, public in EXPERTS:
            new = experts.new_expert({"email": f"{local}@{domain}", "name": name, "title": title, "affiliation": affiliation,
                                      "field": field, "bio": f"{name}，{affiliation}{title}，研究方向：{field}（虚构人物）。",
                                      "max_load": 10, "publication_consent": public})
            new.user.set_password(password)
    created += 1 + len(EXPERTS)
    for local, *_rest, code, _public in EXPERTS:
        user = session.scalar(select(User).where(User.email == f"{local}@{domain}"))
        experts.add_member(panels[code], experts.profile_of(user), city_hr)
    experts.add_member(panels["new-energy"], profile, city_hr)
    for code, chair_local in (("equipment", "expert.an"), ("new-energy", "expert.du"), ("green-food", "expert.gu")):
        chair = experts.profile_of(session.scalar(select(User).where(User.email == f"{chair_local}@{domain}")))
        panel = panels[code]
        experts.save_panel(panel, {name: getattr(panel, name) for name in experts.PANEL_FIELDS}, chair, city_hr)
    created += _assign_demo_case(panels["new-energy"], profile, city_hr)
    return created


def _assign_demo_case(panel: Panel, demo_profile: ExpertProfile, city_hr: User) -> int:
    """Send the demo application in expert review to the panel and assign the demo expert (the
    panel's 辽西新能源研究院 expert is conflicted with its applicant's employer, as a demo)."""
    application = db.session.scalar(select(Application).where(Application.state == workflow.EXPERT_REVIEW,
                                                              Application.industry_code == "new_energy"))
    if application is None:
        return 0
    assignments.send_to_panel(application, panel, city_hr)
    chair = panel.chair
    assignments.assign(application, [demo_profile, chair], default_deadline(), city_hr)
    return 3
