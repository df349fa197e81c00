"""Shared fixtures: one database per test run (SQLite, or PostgreSQL via TEST_DATABASE_URL),
migrated once, emptied after every test; app/client/runner; user and application factories."""
from __future__ import annotations

import io
import os
import re
import uuid
from pathlib import Path

import pytest
from flask.testing import FlaskClient
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from portal import create_app, db
from portal.config import TestConfig
from portal.db import Base, normalise_url, upgrade_database
from portal.demo_data import make_id_number
from portal.models import User
from portal.services import accounts
from portal.services import applications as apply_service

PASSWORD = "secret123"
PDF_BYTES = b"%PDF-1.4\n% test\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
JPEG_BYTES = b"\xff\xd8\xff\xe0" + b"\x00" * 64


def _create_postgres_database(admin_url: str) -> tuple[str, callable]:
    admin_url = normalise_url(admin_url)
    name = f"fxtest_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(admin_url).set(database=name).render_as_string(hide_password=False)

    def drop() -> None:
        engine = db._engines.pop(url, None)
        if engine is not None:
            engine.dispose()
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    return url, drop


@pytest.fixture(scope="session")
def database_url(tmp_path_factory) -> str:
    """A fresh, migrated database for this test run; dropped at the end."""
    admin_url = os.environ.get("TEST_DATABASE_URL")
    if admin_url:
        url, drop = _create_postgres_database(admin_url)
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
        "MAIL_OUTBOX_DIR": str(tmp_path / "outbox"),
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
    settings = {key: getattr(TestConfig, key) for key in dir(TestConfig) if key.isupper()}
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
    from portal.mail import read_outbox

    return lambda: read_outbox(app.config["MAIL_OUTBOX_DIR"])


VALID_ID = make_id_number("340524", "19800101", "001")  # '34052419800101001X', DOMAIN.md's example


@pytest.fixture
def complete_application(app):
    """Factory: a draft with every step filled and the required materials uploaded."""

    def factory(user: User, category: str = "D", division: str = "210902", employer: str = "阜新示例科技有限公司",
                publication: bool = True, id_number: str = VALID_ID):
        application = apply_service.start_or_resume(user)
        apply_service.save_step(application, 1, {
            "full_name": "测试申报人", "id_number": id_number, "phone": user.phone,
            "email": user.email, "address": "阜新市测试路 1 号"}, advance=True)
        apply_service.save_step(application, 2, {
            "education_level": "masters", "degree": "工学硕士", "graduate_school": "辽宁工程技术大学",
            "major": "机械工程", "professional_title": "工程师", "title_level": "intermediate"}, advance=True)
        apply_service.save_step(application, 3, {
            "employer": employer, "position": "工程师", "category_code": category,
            "industry_code": "equipment", "division_code": division}, advance=True)
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


DECISION_PATH = ("intake", "pass_qualification", "county_approve", "city_approve")
EXPERT_DECISION_PATH = ("intake", "pass_qualification", "county_approve", "send_to_experts", "experts_done")


@pytest.fixture
def walk(app):
    """walk(application, actor, *transition_names): take staff transitions in order (each committed)."""
    from portal.services import review

    def factory(application, actor, *names):
        for name in names:
            review.take(application, name, actor)
        return application

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
