"""Database engine and session lifecycle, the declarative Base, and the `db-upgrade` command."""
from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

import click
from flask import Flask, current_app, has_app_context
from sqlalchemy import Engine, MetaData, create_engine, event
from sqlalchemy.orm import DeclarativeBase, Session, scoped_session, sessionmaker

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Declarative base for every model; constraint names are stable for Alembic."""

    metadata = MetaData(naming_convention=NAMING)


_engines: dict[str, Engine] = {}


def _enable_sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def normalise_url(url: str) -> str:
    """Use the psycopg (v3) driver for plain postgresql:// and postgres:// URLs."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def engine_for(url: str) -> Engine:
    """Return the shared engine for `url`; SQLite gets foreign keys and WAL on every connection."""
    url = normalise_url(url)
    engine = _engines.get(url)
    if engine is None:
        if url.startswith("sqlite"):
            path = url.split("///", 1)[-1]
            if path and path != ":memory:":
                Path(path).parent.mkdir(parents=True, exist_ok=True)
            engine = create_engine(url, connect_args={"check_same_thread": False})
            event.listen(engine, "connect", _enable_sqlite_pragmas)
        else:
            engine = create_engine(url, pool_pre_ping=True)
        _engines[url] = engine
    return engine


class AppBoundSession(Session):
    """A session that binds to the engine of the current Flask app."""

    def get_bind(self, mapper=None, clause=None, **kwargs):
        if self.bind is None and has_app_context():
            return current_app.extensions["db_engine"]
        return super().get_bind(mapper=mapper, clause=clause, **kwargs)


def _scope() -> int:
    from flask import globals as flask_globals

    ctx = flask_globals._cv_app.get(None)
    return id(ctx)


session: scoped_session[Session] = scoped_session(
    sessionmaker(class_=AppBoundSession, expire_on_commit=False), scopefunc=_scope
)


@contextmanager
def transaction() -> Iterator[Session]:
    """One unit of work: commits on success, rolls back and re-raises on any exception."""
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise


def create_scratch_postgres_database(admin_url: str, prefix: str) -> tuple[str, Callable[[], None]]:
    """Create a uniquely named PostgreSQL database next to `admin_url`'s; return its URL and a
    callable that drops it (closing our pooled connections first). For test runs and benchmarks."""
    import os
    import uuid

    from sqlalchemy import text
    from sqlalchemy.engine import make_url

    admin_url = normalise_url(admin_url)
    name = f"{prefix}_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(admin_url).set(database=name).render_as_string(hide_password=False)

    def drop() -> None:
        engine = _engines.pop(url, None)
        if engine is not None:
            engine.dispose()
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    return url, drop


def upgrade_database(url: str, revision: str = "head") -> None:
    """Apply the Alembic migrations to the database at `url`."""
    from alembic import command
    from alembic.config import Config as AlembicConfig

    config = AlembicConfig()
    config.set_main_option("script_location", str(Path(__file__).resolve().parent.parent / "migrations"))
    config.attributes["database_url"] = url
    command.upgrade(config, revision)


def init_app(app: Flask) -> None:
    """Create the engine for the app's DATABASE_URL and register session cleanup and CLI."""
    app.extensions["db_engine"] = engine_for(app.config["DATABASE_URL"])

    @app.teardown_appcontext
    def remove_session(_exc: BaseException | None) -> None:
        session.remove()

    @app.cli.command("db-upgrade")
    def db_upgrade_command() -> None:
        """Apply every pending migration to DATABASE_URL."""
        upgrade_database(app.config["DATABASE_URL"])
        click.echo("database is up to date")
