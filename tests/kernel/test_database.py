"""Migrations match the models, SQLite runs with foreign keys and WAL, and PostgreSQL works."""
import os

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError

from portal.kernel import db
from portal.kernel.db import Base, normalise_url

LOCAL_POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"


def test_migrations_create_exactly_the_models(app):
    with db.engine_for(app.config["DATABASE_URL"]).connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, Base.metadata)
    assert differences == []


def test_sqlite_enforces_foreign_keys_and_uses_wal(app):
    engine = db.engine_for(app.config["DATABASE_URL"])
    if engine.dialect.name != "sqlite":
        pytest.skip("SQLite-only check; this run uses " + engine.dialect.name)
    with engine.connect() as connection:
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"


def _reachable(url: str) -> bool:
    engine = create_engine(url, connect_args={"connect_timeout": 3})
    try:
        with engine.connect():
            return True
    except OperationalError:
        return False
    finally:
        engine.dispose()


def test_postgresql_migrates_and_serves_the_health_check(tmp_path):
    """Runs against TEST_DATABASE_URL, or the local PostgreSQL when there is one."""
    from portal import create_app
    from portal.kernel.config import TestConfig

    admin_url = os.environ.get("TEST_DATABASE_URL")
    if not admin_url:
        if not _reachable(LOCAL_POSTGRES):
            pytest.skip("no PostgreSQL on 127.0.0.1:5432 and TEST_DATABASE_URL is not set")
        admin_url = LOCAL_POSTGRES
    url, drop = db.create_scratch_postgres_database(admin_url, "fxtest")
    try:
        db.upgrade_database(url)
        settings = TestConfig.as_dict()
        app = create_app({**settings, "DATABASE_URL": url, "INSTANCE_DIR": str(tmp_path)})
        assert app.extensions["db_engine"].dialect.name == "postgresql"
        response = app.test_client().get("/healthz")
        assert response.status_code == 200 and response.get_json()["database"] is True
    finally:
        drop()
    assert normalise_url(url).startswith("postgresql+psycopg://")
