"""Authorisation sweep generated from app.url_map.

Every (endpoint, method) of the app must have an entry in ACCESS saying which personas may use
it. Each entry is then tried as every persona: the allowed ones must not be refused, the others
must be (anonymous: sent to sign-in or 401; signed-in: 403 or 404). A new route without an entry
fails `test_every_route_is_in_the_access_table`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Callable

import pytest

from portal.demo.seed import make_id_number
from portal.privacy_rights import corrections
from portal.publicity import batches as publicity
from portal.stations import records as station_records
from tests.conftest import PASSWORD

OTHER_ID = make_id_number("210902", "19900101", "123")

PERSONAS = ("anonymous", "applicant_a", "applicant_b", "expert", "station_manager", "hr_division", "hr_city", "admin")
EVERYONE = frozenset(PERSONAS)
SIGNED_IN = EVERYONE - {"anonymous"}
OWNER = frozenset({"applicant_a"})
APPLICANTS = frozenset({"applicant_a", "applicant_b"})
CASE_READERS = frozenset({"applicant_a", "hr_division", "hr_city", "admin"})
STATION_MANAGERS = frozenset({"station_manager", "hr_division", "hr_city", "admin"})
STATION_CREATORS = frozenset({"hr_division", "hr_city", "admin"})
ASSISTED_READERS = frozenset({"station_manager", "hr_city", "admin"})
STAFF = frozenset({"hr_division", "hr_city", "admin"})
EXPERT = frozenset({"expert"})
NOBODY = frozenset()  # the expert persona has no assignment, so expert case routes refuse everyone
CITY_STAFF = frozenset({"hr_city", "admin"})
ADMIN = frozenset({"admin"})


@dataclass(frozen=True)
class Rule:
    allowed: frozenset[str]
    args: Callable[[dict], dict] = field(default=lambda world: {})


APP = lambda w: {"app_id": w["app_id"]}  # noqa: E731
MATERIAL = lambda w: {"app_id": w["app_id"], "material_id": w["material_id"]}  # noqa: E731
STATION = lambda w: {"station_id": w["station_id"]}  # noqa: E731
REVIEW_APP = lambda w: {"app_id": w["review_app_id"]}  # noqa: E731
PANEL = lambda w: {"panel_id": w["panel_id"]}  # noqa: E731
BATCH = lambda w: {"batch_id": w["batch_id"]}  # noqa: E731

ACCESS: dict[tuple[str, str], Rule] = {
    ("static", "GET"): Rule(EVERYONE, lambda w: {"filename": "css/portal.css"}),
    ("main.index", "GET"): Rule(EVERYONE),
    ("main.healthz", "GET"): Rule(EVERYONE),
    ("search_pages.search", "GET"): Rule(EVERYONE),
    ("main.set_language", "POST"): Rule(EVERYONE),
    ("auth.register", "GET"): Rule(EVERYONE),
    ("auth.register", "POST"): Rule(EVERYONE),
    ("auth.login", "GET"): Rule(EVERYONE),
    ("auth.login", "POST"): Rule(EVERYONE),
    ("auth.logout", "POST"): Rule(SIGNED_IN),
    ("auth.request_reset", "GET"): Rule(EVERYONE),
    ("auth.request_reset", "POST"): Rule(EVERYONE),
    ("auth.reset_password", "GET"): Rule(EVERYONE, lambda w: {"token": "not-a-token"}),
    ("auth.reset_password", "POST"): Rule(EVERYONE, lambda w: {"token": "not-a-token"}),
    # With no password step pending, anonymous visitors are sent to sign-in; signed-in users go home.
    ("auth.login_code", "GET"): Rule(SIGNED_IN),
    ("auth.login_code", "POST"): Rule(SIGNED_IN),
    ("auth.change_password", "GET"): Rule(SIGNED_IN),
    ("auth.change_password", "POST"): Rule(SIGNED_IN),
    ("auth.two_factor_setup", "GET"): Rule(SIGNED_IN - APPLICANTS),
    ("auth.two_factor_setup", "POST"): Rule(SIGNED_IN - APPLICANTS),
    ("apply.index", "GET"): Rule(APPLICANTS),
    ("apply.start", "POST"): Rule(APPLICANTS),
    ("apply.step", "GET"): Rule(OWNER, lambda w: {**APP(w), "step": 1}),
    ("apply.step", "POST"): Rule(OWNER, lambda w: {**APP(w), "step": 1}),
    ("apply.upload", "POST"): Rule(OWNER, APP),
    ("apply.delete_material", "POST"): Rule(OWNER, MATERIAL),
    ("apply.material_file", "GET"): Rule(CASE_READERS, MATERIAL),
    ("apply.status", "GET"): Rule(CASE_READERS, APP),
    ("apply.withdraw", "POST"): Rule(OWNER, APP),
    ("stations.index", "GET"): Rule(EVERYONE),
    ("stations.detail", "GET"): Rule(EVERYONE, STATION),
    ("stations.map_page", "GET"): Rule(EVERYONE),
    ("stations.map_svg", "GET"): Rule(EVERYONE),
    ("stations.manage_index", "GET"): Rule(STATION_MANAGERS),
    ("stations.create", "GET"): Rule(STATION_CREATORS),
    ("stations.create", "POST"): Rule(STATION_CREATORS),
    ("stations.edit", "GET"): Rule(STATION_MANAGERS, STATION),
    ("stations.edit", "POST"): Rule(STATION_MANAGERS, STATION),
    ("stations.edit_hours", "GET"): Rule(STATION_MANAGERS, STATION),
    ("stations.edit_hours", "POST"): Rule(STATION_MANAGERS, STATION),
    ("stations.staff", "GET"): Rule(STATION_MANAGERS, STATION),
    ("stations.staff", "POST"): Rule(STATION_MANAGERS, STATION),
    ("stations.delete_staff", "POST"): Rule(STATION_MANAGERS, lambda w: {**STATION(w), "staff_id": w["staff_id"]}),
    ("stations.assign_manager", "POST"): Rule(STATION_CREATORS, STATION),
    ("stations.assisted_applications", "GET"): Rule(ASSISTED_READERS, STATION),
    ("panels.public_index", "GET"): Rule(EVERYONE),
    ("panels.public_panel", "GET"): Rule(EVERYONE, lambda w: {"code": w["panel_code"]}),
    ("panels.public_expert", "GET"): Rule(EVERYONE, lambda w: {"expert_id": w["public_expert_id"]}),
    ("panels.public_photo", "GET"): Rule(EVERYONE, lambda w: {"expert_id": w["public_expert_id"]}),
    ("panels.manage_index", "GET"): Rule(STAFF),
    ("panels.panel_new", "GET"): Rule(STAFF),
    ("panels.panel_new", "POST"): Rule(STAFF),
    ("panels.panel_edit", "GET"): Rule(STAFF, PANEL),
    ("panels.panel_edit", "POST"): Rule(STAFF, PANEL),
    ("panels.panel_add_member", "POST"): Rule(STAFF, PANEL),
    ("panels.panel_remove_member", "POST"): Rule(STAFF, lambda w: {**PANEL(w), "expert_id": w["public_expert_id"]}),
    ("panels.panel_assign_all", "POST"): Rule(STAFF, PANEL),
    ("panels.panel_ranking", "GET"): Rule(STAFF, PANEL),
    ("panels.expert_list", "GET"): Rule(STAFF),
    ("panels.expert_new", "GET"): Rule(STAFF),
    ("panels.expert_new", "POST"): Rule(STAFF),
    ("panels.expert_edit", "GET"): Rule(STAFF, lambda w: {"expert_id": w["public_expert_id"]}),
    ("panels.expert_edit", "POST"): Rule(STAFF, lambda w: {"expert_id": w["public_expert_id"]}),
    ("panels.expert_import", "GET"): Rule(STAFF),
    ("panels.expert_import", "POST"): Rule(STAFF),
    ("panels.send_to_panel", "POST"): Rule(STAFF, REVIEW_APP),
    ("panels.case", "GET"): Rule(STAFF, REVIEW_APP),
    ("panels.case_assign", "POST"): Rule(STAFF, REVIEW_APP),
    ("panels.case_unassign", "POST"): Rule(STAFF, lambda w: {"assignment_id": w["assignment_id"]}),
    ("panels.conflict_override", "POST"): Rule(STAFF, lambda w: {"conflict_id": w["conflict_id"]}),
    ("panels.case_relationship", "POST"): Rule(STAFF, REVIEW_APP),
    ("panels.expert_home", "GET"): Rule(EXPERT),
    ("panels.expert_export", "GET"): Rule(EXPERT),
    ("panels.expert_profile", "GET"): Rule(EXPERT),
    ("panels.expert_profile", "POST"): Rule(EXPERT),
    ("panels.expert_case", "GET"): Rule(NOBODY, REVIEW_APP),
    ("panels.expert_review", "POST"): Rule(NOBODY, REVIEW_APP),
    ("panels.expert_declare", "POST"): Rule(NOBODY, REVIEW_APP),
    ("panels.expert_check", "GET"): Rule(NOBODY, REVIEW_APP),
    ("panels.expert_clear", "POST"): Rule(NOBODY, REVIEW_APP),
    ("panels.expert_decline", "POST"): Rule(NOBODY, REVIEW_APP),
    ("panels.expert_recommend", "POST"): Rule(NOBODY, REVIEW_APP),
    ("panels.expert_material", "GET"): Rule(NOBODY, lambda w: {**REVIEW_APP(w), "material_id": w["review_material_id"]}),
    ("panels.expert_panel", "GET"): Rule(NOBODY, PANEL),
    ("panels.expert_reopen", "POST"): Rule(NOBODY, lambda w: {"review_id": w["review_id"]}),
    ("review.queue", "GET"): Rule(STAFF),
    ("review.bulk", "POST"): Rule(STAFF),
    ("review.export_queue", "GET"): Rule(STAFF, lambda w: {"fmt": "csv"}),
    ("review.detail", "GET"): Rule(STAFF, APP),
    ("review.act", "POST"): Rule(STAFF, lambda w: {**APP(w), "name": "intake"}),
    ("review.return_for_correction", "GET"): Rule(STAFF, APP),
    ("review.return_for_correction", "POST"): Rule(STAFF, APP),
    ("review.reject", "POST"): Rule(STAFF, APP),
    ("review.add_note", "POST"): Rule(STAFF, APP),
    ("review.dashboard", "GET"): Rule(STAFF),
    ("review.audit_log", "GET"): Rule(ADMIN),
    ("publicity.public_list", "GET"): Rule(EVERYONE),
    ("publicity.public_batch", "GET"): Rule(EVERYONE, BATCH),
    ("publicity.honour_roll", "GET"): Rule(EVERYONE),
    ("publicity.manage", "GET"): Rule(CITY_STAFF),
    ("publicity.manage", "POST"): Rule(CITY_STAFF),
    ("publicity.batch", "GET"): Rule(CITY_STAFF, BATCH),
    ("publicity.add_objection", "POST"): Rule(CITY_STAFF, lambda w: {"entry_id": w["entry_id"]}),
    ("publicity.decide_objection", "POST"): Rule(CITY_STAFF, lambda w: {"objection_id": w["objection_id"]}),
    ("publicity.pull_entry", "POST"): Rule(CITY_STAFF, lambda w: {"entry_id": w["entry_id"]}),
    ("publicity.close", "POST"): Rule(CITY_STAFF, BATCH),
    ("publicity.holiday_calendar", "GET"): Rule(ADMIN),
    ("publicity.holiday_calendar", "POST"): Rule(ADMIN),
    ("notifications.index", "GET"): Rule(SIGNED_IN),
    ("notifications.mark_read", "POST"): Rule(SIGNED_IN),
    # The public site's staff preview under /site/: staff only (the public read the static site).
    ("site.home", "GET"): Rule(STAFF, lambda w: {"lang": "en"}),
    ("site.section_index", "GET"): Rule(STAFF, lambda w: {"lang": "zh", "section": "news"}),
    ("site.tag_page", "GET"): Rule(STAFF, lambda w: {"lang": "zh", "section": "news", "tag": "阜新英才"}),
    ("site.item", "GET"): Rule(STAFF, lambda w: {"lang": "en", "section": "pages", "slug": "about"}),
    ("site.asset", "GET"): Rule(STAFF, lambda w: {"lang": "zh", "section": "pages", "slug": "stations",
                                                     "ref": "stations-map.svg"}),
    ("site.not_found_page", "GET"): Rule(STAFF),
    ("site.static", "GET"): Rule(STAFF, lambda w: {"filename": "site.css"}),
    ("site.stations", "GET"): Rule(STAFF, lambda w: {"lang": "zh"}),
    ("site.publicity", "GET"): Rule(STAFF, lambda w: {"lang": "zh"}),
    ("site.search", "GET"): Rule(STAFF, lambda w: {"lang": "en"}),
    ("site.publicity_batch", "GET"): Rule(STAFF, lambda w: {"lang": "en", **BATCH(w)}),
    ("site.honour_roll", "GET"): Rule(STAFF, lambda w: {"lang": "zh"}),
    ("site.station", "GET"): Rule(STAFF, lambda w: {"lang": "en", **STATION(w)}),
    ("site.stations_map", "GET"): Rule(STAFF, lambda w: {"lang": "zh"}),
    ("site.panels", "GET"): Rule(STAFF, lambda w: {"lang": "zh"}),
    ("site.panel", "GET"): Rule(STAFF, lambda w: {"lang": "zh", "code": w["panel_code"]}),
    ("site.expert", "GET"): Rule(STAFF, lambda w: {"lang": "zh", "expert_id": w["public_expert_id"]}),
    ("site.expert_photo", "GET"): Rule(STAFF, lambda w: {"lang": "zh", "expert_id": w["public_expert_id"],
                                                            "ext": "png"}),
    ("privacy_rights.account", "GET"): Rule(SIGNED_IN),
    ("privacy_rights.download", "GET"): Rule(SIGNED_IN),
    ("privacy_rights.update_contact", "POST"): Rule(SIGNED_IN),
    ("privacy_rights.request_correction", "POST"): Rule(OWNER, APP),
    ("privacy_rights.withdraw_consent", "POST"): Rule(OWNER, APP),
    ("privacy_rights.delete_account", "POST"): Rule(APPLICANTS),
    ("privacy_rights.decide_correction", "POST"): Rule(STAFF, lambda w: {"request_id": w["correction_request_id"]}),
    ("site_admin.status", "GET"): Rule(frozenset({"hr_division", "hr_city", "admin"})),
    ("site_admin.publish", "POST"): Rule(frozenset({"admin"})),
}


def _routes(app) -> set[tuple[str, str]]:
    return {(rule.endpoint, method) for rule in app.url_map.iter_rules()
            for method in rule.methods - {"HEAD", "OPTIONS"}}


def test_every_route_is_in_the_access_table(app):
    missing = _routes(app) - ACCESS.keys()
    assert not missing, f"routes without an access rule: {sorted(missing)}"


def test_the_table_names_no_route_that_is_gone(app):
    stale = ACCESS.keys() - _routes(app)
    assert not stale, f"access rules for routes that no longer exist: {sorted(stale)}"


@pytest.fixture
def world(app, make_user, make_expert, submitted_application, expert_review_application, make_panel, make_station,
          decided_application):
    """One user per persona; applicant A's submitted application in division 210902, naming the
    station manager's station; a second station the manager does not run; another applicant's
    application (also 210902) in expert review, sent to a panel whose two experts (not the expert
    persona, a plain expert with no assignment) are assigned: one submitted a review, the other is
    conflicted by affiliation; and an open 公示 batch (another applicant's entry, with one objection)."""
    station = make_station()
    make_station(name_zh="另一个服务站", division_code="210903")
    users = {
        "applicant_a": make_user("applicant"),
        "applicant_b": make_user("applicant"),
        "expert": make_expert("路人专家").user,
        "station_manager": make_user("station_manager"),
        "hr_division": make_user("hr", division="210902"),
        "hr_city": make_user("hr"),
        "admin": make_user("admin"),
    }
    station_records.assign_manager(users["admin"], station, users["station_manager"])
    application = submitted_application(users["applicant_a"], division="210902", station_id=station.id)
    staff = station_records.add_staff(users["admin"], station, "liaison", "测试联络员", None)
    batch = _open_batch(make_user, decided_application, users["hr_city"])
    entry = batch.entries[0]
    objection = publicity.record_objection(entry, users["hr_city"], "异议人", "13800009999", date(2026, 11, 20), "内容")
    correction = corrections.request_correction(application, users["applicant_a"], "employer", "新单位", "换了工作")
    return {"users": users, "app_id": application.id, "material_id": application.materials[0].id,
            "station_id": station.id, "staff_id": staff.id,
            "batch_id": batch.id, "entry_id": entry.id, "objection_id": objection.id,
            "correction_request_id": correction.id,
            **_panel_world(users, make_user, make_expert, make_panel, expert_review_application)}


def _open_batch(make_user, decided_application, city_hr):
    decided = decided_application(make_user("applicant"), division="210903", id_number=OTHER_ID)
    return publicity.create_batch(city_hr, "测试公示", date(2026, 11, 16), [decided.id], "市人才办 0418-0000000")


def _panel_world(users, make_user, make_expert, make_panel, expert_review_application) -> dict:
    import io
    from datetime import timedelta

    from sqlalchemy import select

    from portal.kernel import db
    from portal.kernel.clock import today
    from portal.panels import assignments, experts
    from portal.panels import scores as reviews
    from portal.panels.models import ConflictOfInterest
    from tests.conftest import PNG_BYTES

    reviewer = make_expert("公开专家", affiliation="沈阳工业大学", consent=True)
    experts.update_expert(reviewer, {}, None, io.BytesIO(PNG_BYTES))
    colleague = make_expert("同单位专家", affiliation="阜新示例科技有限公司")
    panel = make_panel([reviewer, colleague], chair=reviewer)
    review_app = expert_review_application(make_user("applicant"), division="210902")
    assignments.send_to_panel(review_app, panel, users["hr_city"])
    assignment = assignments.assign(review_app, [reviewer], today() + timedelta(days=7), users["hr_city"])[0]
    review = reviews.save(assignment, {"professional": 5, "innovation": 5, "industry": 5, "fuxin_fit": 5}, 2,
                          "", "摘要", submit=True)
    conflict = db.session.scalars(select(ConflictOfInterest)).one()
    return {"review_app_id": review_app.id, "review_material_id": review_app.materials[1].id,
            "panel_id": panel.id, "panel_code": panel.code, "public_expert_id": reviewer.id,
            "assignment_id": assignment.id, "review_id": review.id, "conflict_id": conflict.id}


def _request(app, persona: str, world: dict, method: str, url: str):
    client = app.test_client()
    if persona != "anonymous":
        signed_in = client.post("/login", data={"email": world["users"][persona].email, "password": PASSWORD})
        assert signed_in.status_code == 302, f"{persona} could not sign in"
    response = client.open(url, method=method, data={})
    response.close()
    return response


def _refused(response, persona: str) -> bool:
    if persona == "anonymous":
        return response.status_code == 401 or (response.status_code == 302 and "/login" in response.location)
    return response.status_code in (403, 404)


@pytest.mark.parametrize("endpoint, method", sorted(ACCESS))
def test_access_for_every_persona(app, world, endpoint, method):
    from flask import url_for

    rule = ACCESS[(endpoint, method)]
    with app.test_request_context():
        url = url_for(endpoint, **rule.args(world))
    outcomes = {}
    for persona in PERSONAS:
        response = _request(app, persona, world, method, url)
        assert response.status_code < 500, f"{persona} {method} {url} -> {response.status_code}"
        outcomes[persona] = _refused(response, persona)
    wrongly_refused = sorted(p for p in rule.allowed if outcomes[p])
    wrongly_allowed = sorted(p for p in EVERYONE - rule.allowed if not outcomes[p])
    assert not wrongly_refused, f"{method} {url}: refused to {wrongly_refused}"
    assert not wrongly_allowed, f"{method} {url}: allowed to {wrongly_allowed}"
