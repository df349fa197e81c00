"""Alembic environment: the URL comes from the caller (portal.kernel.db.upgrade_database) or DATABASE_URL."""
from __future__ import annotations

import os

from alembic import context

from portal import import_models
from portal.kernel.config import Config
from portal.kernel.db import Base, engine_for

import_models()
config = context.config
url = config.attributes.get("database_url") or os.environ.get("DATABASE_URL")
if not url:
    url = Config.DATABASE_URL


def run_migrations_online() -> None:
    """Run the migrations inside one transaction on the shared engine."""
    with engine_for(url).connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=Base.metadata,
            render_as_batch=connection.dialect.name == "sqlite",
            compare_type=True,
        )
        with context.begin_transaction():
            context.run_migrations()


run_migrations_online()
