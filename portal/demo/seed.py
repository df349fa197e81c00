"""Fictional demo data: one account per role and applicants in several states. Idempotent."""
from __future__ import annotations

import io

from sqlalchemy import select

from portal.accounts import users as accounts
from portal.accounts.models import User
from portal.applications import filing as apply_service
from portal.applications import workflow
from portal.applications.models import Application
from portal.kernel import db
from portal.kernel.china import idcard
from portal.panels.demo import seed_panel_demo
from portal.review.demo import advance
from portal.stations.demo import seed_demo_stations

DEMO_PASSWORD = "fuxin2026"
DEMO_DOMAIN = "demo.fuxin.example"

# email local part, role, division, phone, display name (all fictional)
ACCOUNTS = [
    ("admin", "admin", None, "13900000001", "演示管理员"),
    ("hr.city", "hr", None, "13900000002", "市人才办 王审核"),
    ("hr.haizhou", "hr", "210902", "13900000003", "海州区人社 李初审"),
    ("expert", "expert", None, "13900000004", "赵专家"),
    ("station", "station_manager", None, "13900000005", "孙站长"),
    ("applicant", "applicant", None, "13900000006", "周申报"),
]

# name, birth date, sequence, employer, category, industry, division, target state
APPLICANTS = [
    ("陈思远", "19870412", "035", "阜新智能装备制造有限公司", "C", "equipment", "210902", workflow.SUBMITTED),
    ("刘晓晴", "19920903", "028", "阜新绿源食品科技有限公司", "D", "green_food", "210911", workflow.QUALIFICATION),
    ("韩明哲", "19800115", "011", "辽西新能源研究院", "B", "new_energy", "210921", workflow.EXPERT_REVIEW),
    ("吴佳宁", "19950621", "046", "彰武精细化工园区管委会", "E", "fine_chemicals", "210922", workflow.RETURNED),
    ("高子谦", "19830730", "057", "阜新高新区无人机产业园", "B", "unmanned_systems", "HTZ", workflow.RECOGNISED),
    ("马若琳", "19900228", "064", "阜新氢能装备有限公司", "D", "hydrogen", "210903", workflow.WITHDRAWN),
    ("孙立言", "19880516", "072", "阜新煤矸石综合利用科技有限公司", "D", "gangue_reuse", "210904", workflow.PUBLICITY),
    ("何静怡", "19910310", "083", "阜新智能铸造有限公司", "E", "smart_casting", "210902", workflow.COUNTY_REVIEW),
]

TINY_PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def make_id_number(area: str, birth: str, sequence: str) -> str:
    """A checksum-valid, fictional ID number for demo and test data."""
    first17 = f"{area}{birth}{sequence}"
    return first17 + idcard.check_character(first17)


def _ensure_account(local: str, role: str, division: str | None, phone: str, name: str) -> tuple[User, bool]:
    email = f"{local}@{DEMO_DOMAIN}"
    user = accounts.find_by_email(email)
    if user is not None:
        return user, False
    user = accounts.create_user(email, DEMO_PASSWORD, role, phone=phone, full_name=name, division_code=division)
    return user, True


def _seed_application(index: int, row: tuple, city_hr: User) -> bool:
    name, birth, seq, employer, category, industry, division, target = row
    email = f"talent{index + 1}@{DEMO_DOMAIN}"
    if accounts.find_by_email(email):
        return False
    phone = f"1370000{index + 1:04d}"
    user = accounts.create_user(email, DEMO_PASSWORD, "applicant", phone=phone, full_name=name)
    application = apply_service.start_or_resume(user)
    apply_service.save_step(application, 1, {
        "full_name": name, "id_number": make_id_number("210902", birth, seq), "phone": phone,
        "email": email, "address": f"辽宁省阜新市示例路 {index + 10} 号"}, advance=True)
    apply_service.save_step(application, 2, {
        "education_level": "doctorate" if category in "AB" else "masters", "degree": "",
        "graduate_school": "辽宁工程技术大学", "major": "机械工程", "professional_title": "高级工程师",
        "title_level": "senior_associate"}, advance=True)
    apply_service.save_step(application, 3, {
        "employer": employer, "position": "技术负责人", "category_code": category,
        "industry_code": industry, "division_code": division}, advance=True)
    for code in apply_service.required_materials(category):
        apply_service.add_material(application, code, f"{code}.pdf", io.BytesIO(TINY_PDF))
    apply_service.save_consents(application, privacy=True, publication=index % 2 == 0)
    apply_service.submit(application, user)
    _advance_for_demo(application, target, user, city_hr)
    return True


def _advance_for_demo(application: Application, target: str, owner: User, city_hr: User) -> None:
    """Walk a demo application to `target` through the real workflow transitions."""
    advance(application, target, owner, city_hr)


def seed_demo() -> int:
    """Create whatever demo records are missing; returns how many were created."""
    created = 0
    users = {}
    for row in ACCOUNTS:
        users[row[0]], new = _ensure_account(*row)
        created += new
    for index, row in enumerate(APPLICANTS):
        created += _seed_application(index, row, users["hr.city"])
    created += seed_demo_stations(DEMO_DOMAIN, users["station"].email)
    demo_applicant = users["applicant"]
    if db.session.scalar(select(Application.id).where(Application.applicant_id == demo_applicant.id)) is None:
        apply_service.start_or_resume(demo_applicant)
        created += 1
    created += seed_panel_demo(users["hr.city"], users["expert"], DEMO_DOMAIN, DEMO_PASSWORD)
    return created
