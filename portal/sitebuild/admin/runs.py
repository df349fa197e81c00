"""Publishing the public static site from the portal: the one function other services call.

``request_publish()`` runs an incremental publish **synchronously** (it returns when the
new site is live, or the build has failed and the old site is still live) and records the
run in ``publish_runs``. Call it after your own transaction has committed, so the build
reads what you changed: opening or closing a 公示 batch, publishing a station, changing a
panel. A demo-sized site publishes in about a second; concurrent calls queue on the
publish lock.

With ``SITE_PUBLISH_ON_CHANGE`` on (the default outside tests), services need not call it:
a request whose committed transaction added, changed or deleted a row the public site shows
(公示 batches and entries, stations, panels, expert profiles) publishes once, after the view
has run and before the response is sent.
"""
from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Mapping
from itertools import chain
from pathlib import Path
from typing import Any

from flask import Flask, current_app, g, has_request_context
from flask_login import current_user
from sqlalchemy import event, select

from portal.accounts.models import User
from portal.kernel import db
from portal.kernel.clock import utcnow
from portal.kernel.config import BuildConfig
from portal.sitebuild.admin.models import FAILED, SUCCEEDED, PublishRun
from portal.sitebuild.base_url import resolve_base_url
from portal.sitebuild.pipeline import BuildError, build_site

log = logging.getLogger(__name__)


# One publish at a time in this process (the build app holds the source being rendered);
# publishes from other processes queue on the publish lock file.
_publishing = threading.Lock()


def _build_app(portal_app: Flask) -> Flask:
    """The app the static build renders with: made once per portal app and kept, so a later
    publish reuses the URLs and pages it already worked out (made again if a setting changed)."""
    inherited = {key: portal_app.config[key] for key in ("DATABASE_URL", "SECRET_KEY", "CONTENT_DIR",
                                                          "SITE_OUTPUT_DIR", "SITE_BASE_URL", "INSTANCE_DIR",
                                                          "SEARCH_INDEX_DIR", "UPLOAD_DIR")}
    kept = portal_app.extensions.get("site_build_app")
    if kept is not None and kept[0] == inherited:
        return kept[1]
    settings = BuildConfig.as_dict()
    base_url = resolve_base_url(None, inherited["SITE_BASE_URL"])
    build_app = portal_app.extensions["site_build_factory"]({**settings, **inherited, "FREEZER_BASE_URL": base_url})
    portal_app.extensions["site_build_app"] = (inherited, build_app)
    return build_app


def _start(trigger: str, user: User | None, full: bool) -> int:
    with db.transaction() as session:
        run = PublishRun(trigger=trigger, requested_by_id=user.id if user else None, full=full)
        session.add(run)
    return run.id


def _finish(run_id: int, status: str, message: str, report=None) -> PublishRun:
    with db.transaction() as session:
        run = session.get(PublishRun, run_id)
        run.status, run.message, run.finished_at = status, message, utcnow()
        if report is not None:
            run.written, run.unchanged, run.removed = report.written, report.unchanged, report.removed
            run.bytes_written, run.seconds = report.bytes_written, round(report.seconds, 3)
    return run


def request_publish(trigger: str, user: User | None = None, full: bool = False) -> PublishRun:
    """Publish the public site now (incrementally unless ``full``) and return the recorded run.

    Never raises for a failed build: the run's ``status`` is ``failed`` and its
    ``message`` says why (bad content, a broken link, personal data found); the
    previously published site stays live.
    """
    run_id = _start(trigger, user, full)
    try:
        with _publishing:
            build_app = _build_app(current_app._get_current_object())
            with build_app.app_context():
                report = build_site(build_app, Path(build_app.config["SITE_OUTPUT_DIR"]),
                                    Path(build_app.config["CONTENT_DIR"]), full=full)
    except BuildError as error:
        return _finish(run_id, FAILED, str(error))
    except Exception:  # noqa: BLE001  (a failed publish must be recorded, and must not take the caller down)
        log.exception("publishing the site failed")
        return _finish(run_id, FAILED, "unexpected error while building the site; see the server log")
    return _finish(run_id, SUCCEEDED, report.summary(), report)


def last_publish() -> PublishRun | None:
    """The most recent publish run, or None if the site was never published from the portal."""
    return db.session.scalar(select(PublishRun).order_by(PublishRun.started_at.desc(), PublishRun.id.desc()))


def recent_publishes(limit: int = 10) -> list[PublishRun]:
    """The newest ``limit`` runs, newest first."""
    return list(db.session.scalars(select(PublishRun).order_by(PublishRun.id.desc()).limit(limit)))


# Tables the public site is built from (besides content files): a commit touching one of
# them asks for a publish.
WATCHED_TABLES = frozenset({"publicity_batches", "publicity_entries", "stations", "station_hours", "station_staff",
                            "panels", "panel_memberships", "expert_profiles"})


def _touched_table(session) -> str | None:
    for obj in chain(session.new, session.dirty, session.deleted):
        table = getattr(type(obj), "__tablename__", None)
        if table in WATCHED_TABLES:
            return table
    return None


@event.listens_for(db.AppBoundSession, "after_flush")
def _remember_change(session, _context) -> None:
    table = _touched_table(session)
    if table:
        session.info["site_publish"] = table


@event.listens_for(db.AppBoundSession, "after_commit")
def _request_after_commit(session) -> None:
    table = session.info.pop("site_publish", None)
    if table and has_request_context():
        g.site_publish_reason = table


@event.listens_for(db.AppBoundSession, "after_soft_rollback")
def _forget_change(session, _previous_transaction) -> None:
    session.info.pop("site_publish", None)


def init_app(app: Flask, factory: Callable[[Mapping[str, Any]], Flask]) -> None:
    """Let ``app`` publish, building with an app that ``factory`` makes from a config mapping
    (the factory hands itself in, so the build never imports it); and publish after any
    request that committed a change to what the public site shows (when ``SITE_PUBLISH_ON_CHANGE`` is set)."""
    app.extensions["site_build_factory"] = factory
    if not app.config.get("SITE_PUBLISH_ON_CHANGE"):
        return

    @app.after_request
    def _publish_if_changed(response):
        table = g.pop("site_publish_reason", None)
        if table:
            user = current_user if getattr(current_user, "is_authenticated", False) else None
            request_publish(f"change:{table}", user)
        return response
