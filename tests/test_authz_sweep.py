"""Authorisation sweep generated from app.url_map.

Every (endpoint, method) of the app must have an entry in ACCESS saying which personas may use
it. Each entry is then tried as every persona: the allowed ones must not be refused, the others
must be (anonymous: sent to sign-in or 401; signed-in: 403 or 404). A new route without an entry
fails `test_every_route_is_in_the_access_table`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import pytest

from datetime import date

from portal.demo_data import make_id_number
from portal.services import publicity
from tests.conftest import PASSWORD

OTHER_ID = make_id_number("210902", "19900101", "123")

PERSONAS = ("anonymous", "applicant_a", "applicant_b", "expert", "station_manager", "hr_division", "hr_city", "admin")
EVERYONE = frozenset(PERSONAS)
SIGNED_IN = EVERYONE - {"anonymous"}
OWNER = frozenset({"applicant_a"})
APPLICANTS = frozenset({"applicant_a", "applicant_b"})
CASE_READERS = frozenset({"applicant_a", "hr_division", "hr_city", "admin"})
STAFF = frozenset({"hr_division", "hr_city", "admin"})
CITY_STAFF = frozenset({"hr_city", "admin"})
ADMIN = frozenset({"admin"})


@dataclass(frozen=True)
class Rule:
    allowed: frozenset[str]
    args: Callable[[dict], dict] = field(default=lambda world: {})


APP = lambda w: {"app_id": w["app_id"]}  # noqa: E731
MATERIAL = lambda w: {"app_id": w["app_id"], "material_id": w["material_id"]}  # noqa: E731
BATCH = lambda w: {"batch_id": w["batch_id"]}  # noqa: E731

ACCESS: dict[tuple[str, str], Rule] = {
    ("static", "GET"): Rule(EVERYONE, lambda w: {"filename": "css/portal.css"}),
    ("main.index", "GET"): Rule(EVERYONE),
    ("main.healthz", "GET"): Rule(EVERYONE),
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
    ("apply.index", "GET"): Rule(APPLICANTS),
    ("apply.start", "POST"): Rule(APPLICANTS),
    ("apply.step", "GET"): Rule(OWNER, lambda w: {**APP(w), "step": 1}),
    ("apply.step", "POST"): Rule(OWNER, lambda w: {**APP(w), "step": 1}),
    ("apply.upload", "POST"): Rule(OWNER, APP),
    ("apply.delete_material", "POST"): Rule(OWNER, MATERIAL),
    ("apply.material_file", "GET"): Rule(CASE_READERS, MATERIAL),
    ("apply.status", "GET"): Rule(CASE_READERS, APP),
    ("apply.withdraw", "POST"): Rule(OWNER, APP),
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
    ("notifications.index", "GET"): Rule(SIGNED_IN),
    ("notifications.mark_read", "POST"): Rule(SIGNED_IN),
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
def world(app, make_user, submitted_application, decided_application):
    """One user per persona, applicant A's submitted application in division 210902, and an open
    公示 batch (another applicant's entry, with one objection)."""
    users = {
        "applicant_a": make_user("applicant"),
        "applicant_b": make_user("applicant"),
        "expert": make_user("expert"),
        "station_manager": make_user("station_manager"),
        "hr_division": make_user("hr", division="210902"),
        "hr_city": make_user("hr"),
        "admin": make_user("admin"),
    }
    application = submitted_application(users["applicant_a"], division="210902")
    batch = _open_batch(make_user, decided_application, users["hr_city"])
    entry = batch.entries[0]
    objection = publicity.record_objection(entry, users["hr_city"], "异议人", "13800009999", date(2026, 11, 20), "内容")
    return {"users": users, "app_id": application.id, "material_id": application.materials[0].id,
            "batch_id": batch.id, "entry_id": entry.id, "objection_id": objection.id}


def _open_batch(make_user, decided_application, city_hr):
    decided = decided_application(make_user("applicant"), division="210903", id_number=OTHER_ID)
    return publicity.create_batch(city_hr, "测试公示", date(2026, 11, 16), [decided.id], "市人才办 0418-0000000")


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
