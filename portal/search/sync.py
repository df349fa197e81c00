"""The private application index: what a document holds, keeping it in step with commits,
and the staff search the review queue calls. Views never touch the index."""
from __future__ import annotations

import logging
from pathlib import Path

from flask import Flask, current_app, has_app_context
from sqlalchemy import select

import search_index
from portal.applications import workflow
from portal.applications.models import Application
from portal.kernel import db
from portal.kernel.reference_data import reference
from search_index.sync import track

PRIVATE = "private"
log = logging.getLogger(__name__)
_tracking = False


def index_root() -> str | None:
    """The current app's search folder, or None when live indexing is switched off."""
    if not has_app_context() or not current_app.config.get("SEARCH_SYNC", True):
        return None
    return current_app.config["SEARCH_INDEX_DIR"]


def application_document(application: Application) -> dict | None:
    """The private-index document for a submitted application; None for drafts (never indexed)
    and for records anonymised after their retention period (removed from the index)."""
    if application.state == workflow.DRAFT or application.reference is None or application.anonymised_at:
        return None
    names = [
        reference("categories").name(application.category_code, "zh"),
        reference("industries").name(application.industry_code, "zh"),
        reference("divisions").name(application.division_code, "zh"),
        reference("education_levels").name(application.education_level, "zh"),
    ]
    body = " ".join(filter(None, [application.position, application.professional_title, application.degree,
                                  application.graduate_school, application.major, *names]))
    return {"id": str(application.id), "reference": application.reference, "name": application.full_name or "",
            "employer": application.employer or "", "body": body, "division": application.division_code or "",
            "industry": application.industry_code or "", "category": application.category_code or "",
            "state": application.state}


def _doc_id(obj) -> str | None:
    return str(obj.id) if isinstance(obj, Application) else None


def init_app(app: Flask) -> None:
    """Index applications after every commit (once per process; the folder is looked up per app)."""
    global _tracking
    if not _tracking:
        track(db.AppBoundSession, index_root, PRIVATE, _doc_id, application_document)
        _tracking = True

    @app.cli.command("search-reconcile")
    def reconcile_command() -> None:
        """Repair drift between the database and the private application index."""
        import click

        click.echo(reconcile_private())


def all_application_documents():
    """Every submitted application as a document (streamed)."""
    query = select(Application).where(Application.state != workflow.DRAFT).execution_options(yield_per=1000)
    for application in db.session.scalars(query):
        document = application_document(application)
        if document is not None:
            yield document


def reconcile_private() -> dict:
    """Bring the private index in line with the database; returns the counts changed."""
    return search_index.reconcile(current_app.config["SEARCH_INDEX_DIR"], PRIVATE, all_application_documents())


def private_index_exists() -> bool:
    """True once the private index has been built in this app's search folder."""
    return (Path(current_app.config["SEARCH_INDEX_DIR"]) / PRIVATE).exists()


def matching_application_ids(text: str, divisions: set[str] | None, limit: int) -> list[int] | None:
    """Ids of applications matching `text`, best first, within `divisions` (None = all);
    None when there is no private index yet (the caller then falls back to the database)."""
    if not private_index_exists():
        return None
    ids = search_index.matching_ids(current_app.config["SEARCH_INDEX_DIR"], PRIVATE, text, divisions=divisions)
    return [int(i) for i in ids[:limit]]
