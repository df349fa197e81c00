"""Shared fixtures: one database per test run (SQLite, or PostgreSQL via TEST_DATABASE_URL),
migrated once, emptied after every test; app/client/runner; user and application factories."""
from __future__ import annotations

import io
import os
import re
import uuid
from datetime import datetime
from pathlib import Path

import pytest
from flask.testing import FlaskClient
from sqlalchemy import text

from portal import create_app
from portal.accounts import users as accounts
from portal.accounts.models import User
from portal.applications import filing as apply_service
from portal.demo.seed import make_id_number
from portal.kernel import clock, db
from portal.kernel.config import TestConfig
from portal.kernel.db import Base, normalise_url, upgrade_database

PASSWORD = "secret123"
# Every test runs at this moment unless it moves the clock itself: Monday 23 Nov 2026, 10:00 Beijing.
TEST_NOW = datetime(2026, 11, 23, 2, 0)
PDF_BYTES = b"%PDF-1.4\n% test\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
JPEG_BYTES = b"\xff\xd8\xff\xe0" + b"\x00" * 64


@pytest.fixture(autouse=True)
def frozen_clock():
    """The portal's clock pinned to TEST_NOW, so no test depends on today's date.

    Call the fixture with a naive UTC datetime to move the clock; it is released afterwards.
    """
    clock.freeze(TEST_NOW)
    yield clock.freeze
    clock.freeze(None)


@pytest.fixture(autouse=True)
def _close_search_readers():
    """Each test's index folders go with its tmp_path: close the readers cached for them."""
    yield
    from search_index import store

    store.close_readers()


@pytest.fixture(scope="session")
def database_url(tmp_path_factory) -> str:
    """A fresh, migrated database for this test run; dropped at the end."""
    admin_url = os.environ.get("TEST_DATABASE_URL")
    if admin_url:
        url, drop = db.create_scratch_postgres_database(admin_url, "fxtest")
    else:
        url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite3'}"
        drop = lambda: None  # noqa: E731  (the temp folder goes with the run)
    upgrade_database(url)
    yield normalise_url(url)
    drop()


def _empty_all_tables(url: str) -> None:
    engine = db.engine_for(url)
    tables = [t.name for t in reversed(Base.metadata.sorted_tables)]
    extra = []
    with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            quoted = ", ".join(f'"{name}"' for name in tables + extra)
            connection.execute(text(f"TRUNCATE {quoted} RESTART IDENTITY CASCADE"))
        else:
            for name in tables:
                connection.execute(text(f'DELETE FROM "{name}"'))


@pytest.fixture
def app_config(database_url, tmp_path, request) -> dict:
    """The mapping given to create_app; tests may change it before `app` is built."""
    return {
        "DATABASE_URL": database_url,
        "INSTANCE_DIR": str(tmp_path / "instance"),
        "UPLOAD_DIR": str(tmp_path / "uploads"),
        "SEARCH_INDEX_DIR": str(tmp_path / "search"),
        "MAIL_OUTBOX_DIR": str(tmp_path / "outbox"),
        "SITE_OUTPUT_DIR": str(tmp_path / "public" / "_site"),
        "WTF_CSRF_ENABLED": request.node.get_closest_marker("csrf") is not None,
        "SERVER_NAME": None,
    }


class RequestIsolatedClient(FlaskClient):
    """Runs every request in its own app context, as production does.

    Without this, requests would reuse the test's app context and share `g` (cached locale,
    cached user) and the database session with the test code. The test's own session is
    rolled back after each request so it sees what the request committed.
    """

    def open(self, *args, **kwargs):
        db.session.rollback()
        with self.application.app_context():
            response = super().open(*args, **kwargs)
        db.session.rollback()
        return response


@pytest.fixture
def app(app_config):
    """The portal with test config; every table is emptied afterwards."""
    settings = TestConfig.as_dict()
    application = create_app({**settings, **app_config})
    application.test_client_class = RequestIsolatedClient
    with application.app_context():
        yield application
    db.session.remove()
    _empty_all_tables(app_config["DATABASE_URL"])


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def make_user(app):
    """Factory: make_user(role='applicant', email=None, division=None, **kwargs) -> User."""
    counter = iter(range(1, 10_000))

    def factory(role: str = "applicant", email: str | None = None, division: str | None = None,
                password: str = PASSWORD, phone: str | None = None, **kwargs) -> User:
        n = next(counter)
        email = email or f"{role}{n}-{uuid.uuid4().hex[:6]}@example.com"
        return accounts.create_user(email, password, role, phone=phone or f"1380000{n:04d}",
                                    division_code=division, **kwargs)

    return factory


class AuthActions:
    """Sign a test client in and out."""

    def __init__(self, client):
        self.client = client

    def login(self, user_or_email, password: str = PASSWORD):
        email = user_or_email if isinstance(user_or_email, str) else user_or_email.email
        return self.client.post("/login", data={"email": email, "password": password})

    def logout(self):
        return self.client.post("/logout")


@pytest.fixture
def auth(client) -> AuthActions:
    return AuthActions(client)


@pytest.fixture
def outbox(app):
    """A callable returning the development outbox's messages."""
    from portal.kernel.mail import read_outbox

    return lambda: read_outbox(app.config["MAIL_OUTBOX_DIR"])


VALID_ID = make_id_number("340524", "19800101", "001")  # '34052419800101001X', DOMAIN.md's example


@pytest.fixture
def complete_application(app):
    """Factory: a draft with every step filled and the required materials uploaded."""

    def factory(user: User, category: str = "D", division: str = "210902", employer: str = "阜新示例科技有限公司",
                publication: bool = True, id_number: str = VALID_ID, station_id: int | None = None):
        application = apply_service.start_or_resume(user)
        apply_service.save_step(application, 1, {
            "full_name": "测试申报人", "id_number": id_number, "phone": user.phone,
            "email": user.email, "address": "阜新市测试路 1 号"}, advance=True)
        apply_service.save_step(application, 2, {
            "education_level": "masters", "degree": "工学硕士", "graduate_school": "辽宁工程技术大学",
            "major": "机械工程", "professional_title": "工程师", "title_level": "intermediate"}, advance=True)
        apply_service.save_step(application, 3, {
            "employer": employer, "position": "工程师", "category_code": category,
            "industry_code": "equipment", "division_code": division, "station_id": station_id}, advance=True)
        for code in apply_service.required_materials(category):
            apply_service.add_material(application, code, f"{code}.pdf", io.BytesIO(PDF_BYTES))
        apply_service.save_consents(application, privacy=True, publication=publication)
        return application

    return factory


@pytest.fixture
def submitted_application(complete_application):
    """Factory: a complete application, submitted by its owner."""

    def factory(user: User, **kwargs):
        application = complete_application(user, **kwargs)
        apply_service.submit(application, user)
        return application

    return factory


def csrf_token_from(html: str) -> str:
    """The CSRF token of the first form on a page."""
    match = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"|name="csrf_token" value="([^"]+)"', html)
    assert match, "no csrf token on page"
    return match.group(1) or match.group(2)


@pytest.fixture
def make_station(app):
    """Factory: make_station(**overrides) -> a published county station in 210902, open Mon-Fri 08:30-17:00."""
    from datetime import time

    from portal.stations.models import Station, StationHours

    def factory(**overrides):
        values = dict(name_zh="测试人才工作服务站", name_en="Test Station", station_type="county",
                      host_organisation="测试区人社局", division_code="210902", address="阜新市海州区测试路 1 号",
                      area_served="海州区", contact_person="测试联系人", office_phone="0418-1000001",
                      services=["policy", "application_help"], latitude=42.01, longitude=121.67, published=True)
        hours = overrides.pop("hours", [(day, time(8, 30), time(17, 0)) for day in range(5)])
        values.update(overrides)
        with db.transaction() as session:
            station = Station(**values)
            station.hours = [StationHours(weekday=d, opens=o, closes=c) for d, o, c in hours]
            session.add(station)
        return station

    return factory


# --- expert panels (issue 4) -------------------------------------------------------------------

@pytest.fixture
def expert_review_application(submitted_application, make_user, walk):
    """Factory: a submitted application (category C unless given) taken through the real staff
    transitions to expert review by a city HR user."""
    city_hr = []

    def factory(user: User, **kwargs):
        if not city_hr:
            city_hr.append(make_user("hr"))
        kwargs.setdefault("category", "C")
        application = submitted_application(user, **kwargs)
        return walk(application, city_hr[0], *EXPERT_DECISION_PATH[:-1])

    return factory


DECISION_PATH = ("intake", "pass_qualification", "county_approve", "city_approve")
EXPERT_DECISION_PATH = ("intake", "pass_qualification", "county_approve", "send_to_experts", "experts_done")


@pytest.fixture
def walk(app):
    """walk(application, actor, *transition_names): take staff transitions in order (each committed)."""
    from portal.review import staff_review as review

    def factory(application, actor, *names):
        for name in names:
            review.take(application, name, actor)
        return application

    return factory


@pytest.fixture
def make_expert(app):
    """Factory: make_expert(name=..., affiliation=..., max_load=10, consent=False, **profile) -> ExpertProfile
    (its account's password is PASSWORD)."""
    from portal.panels import experts

    counter = iter(range(1, 10_000))

    def factory(name: str | None = None, affiliation: str = "辽宁工程技术大学", max_load: int = 10,
                consent: bool = False, **kwargs):
        n = next(counter)
        values = {"email": f"expert{n}-{uuid.uuid4().hex[:6]}@example.com", "name": name or f"专家{n}",
                  "affiliation": affiliation, "max_load": max_load, "publication_consent": consent,
                  "phone": f"1390000{n:04d}", "title": "教授", "field": "机械工程", "bio": "简介", **kwargs}
        profile = experts.create_expert(values, None)
        with db.transaction():
            profile.user.set_password(PASSWORD)
        return profile

    return factory


@pytest.fixture
def make_panel(app):
    """Factory: make_panel(members, chair=None, blind=True, code=None) -> Panel."""
    from portal.panels import experts

    counter = iter(range(1, 10_000))

    def factory(members=(), chair=None, blind: bool = True, code: str | None = None):
        n = next(counter)
        values = {"code": code or f"panel-{n}", "name_zh": f"评审组{n}", "name_en": f"Panel {n}",
                  "industry_code": "equipment", "description": None, "blind": blind}
        panel = experts.save_panel(None, values, None, None)
        for member in members:
            experts.add_member(panel, member, None)
        if chair is not None:
            experts.save_panel(panel, values, chair, None)
        return panel

    return factory


@pytest.fixture
def decided_application(submitted_application, make_user, walk):
    """Factory: a submitted application taken by a city HR user to the decision stage."""
    city_hr = []

    def factory(user: User, **kwargs):
        if not city_hr:
            city_hr.append(make_user("hr"))
        application = submitted_application(user, **kwargs)
        path = EXPERT_DECISION_PATH if kwargs.get("category") in ("A", "B", "C") else DECISION_PATH
        return walk(application, city_hr[0], *path)

    return factory


# --- browsers (shared by tests/e2e and tests/search: one Playwright per run) -------------------

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium through Playwright; never a downloaded browser."""
    if not CHROMIUM.exists():
        if os.environ.get("REQUIRE_BROWSER"):
            pytest.fail("REQUIRE_BROWSER is set but /usr/bin/chromium is missing (apt-get install chromium)")
        pytest.skip("browser tests need Debian's chromium at /usr/bin/chromium (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield instance
        instance.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="zh-CN")
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()
