"""One build of the public site: load, plan, freeze what is stale, check, publish.

    report = build_site(app, out_dir, content_dir)       # incremental
    report = build_site(app, out_dir, content_dir, full=True)

The site is built in a stage beside ``out_dir`` (see ``portal.sitebuild.publish.spare``) and swapped
in only after the link checker and the privacy guard found nothing; any failure raises
BuildError and leaves ``out_dir`` and the recorded build state as they were.
"""
from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from flask import Flask

from portal.content.cache import PageCache, page_cache_path
from portal.content.errors import ContentError
from portal.content.rendered import ContentPreload
from portal.site.outputs import digest
from portal.site.source import use_source
from portal.sitebuild.check.linkcheck import check_links
from portal.sitebuild.check.privacy import PrivacyGuard
from portal.sitebuild.check.privacy_terms import forbidden_terms, published_mobiles, terms_hash
from portal.sitebuild.check.vetting import Vetting
from portal.sitebuild.index.export import (
    SEARCH_DIR,
    SEARCH_FILES,
    export_into,
    scan_documents,
    search_documents,
    search_key,
)
from portal.sitebuild.publish.atomic import remove_output
from portal.sitebuild.publish.buildstate import BuildState, default_state_path, fingerprint
from portal.sitebuild.publish.machine_files import machine_files, write_if_changed
from portal.sitebuild.publish.spare import spare_publish
from portal.sitebuild.render.collector import collector_paused
from portal.sitebuild.render.cpus import default_workers
from portal.sitebuild.render.freeze import FreezeResult, freeze, plan_outputs
from portal.sitebuild.source import load_source

MACHINE_FILES = ("sitemap.xml", "feed.xml", "robots.txt")


class BuildError(Exception):
    """The build failed and nothing was published; the message says why, for a person to read."""


@dataclass(frozen=True)
class BuildReport:
    """What one build did."""

    written: int
    unchanged: int
    removed: int
    bytes_written: int
    seconds: float
    pages: int
    full: bool
    phases: tuple[tuple[str, float], ...] = ()

    def summary(self) -> str:
        """One line for the terminal and the publish log."""
        kind = "full" if self.full else "incremental"
        phases = ", ".join(f"{name} {seconds:.2f}" for name, seconds in self.phases)
        return (f"{kind} build: {self.written} written, {self.unchanged} unchanged, {self.removed} removed, "
                f"{self.bytes_written:,} bytes, {self.pages} files in the site, {self.seconds:.2f} s"
                + (f" ({phases})" if phases else ""))


@dataclass
class Progress:
    """Callbacks a front end may pass: ``start(total)`` then ``advance(n)`` while freezing."""

    start: Callable[[int], None] = lambda total: None
    advance: Callable[[int], None] = lambda n: None


def _load(content_dir: Path, out_dir: Path, full: bool, workers: int, preload: ContentPreload | None):
    cache_file = page_cache_path(out_dir)
    if full:
        cache_file.unlink(missing_ok=True)
    try:
        with PageCache(cache_file) as cache:
            return load_source(content_dir, cache=cache, workers=workers, preload=preload)
    except ContentError as error:
        raise BuildError(f"bad content: {error}") from None


def build_site(app: Flask, out_dir: Path, content_dir: Path, full: bool = False,
               workers: int | None = None, progress: Progress | None = None,
               preload: ContentPreload | None = None) -> BuildReport:
    """Publish the site to ``out_dir``; re-render only stale pages unless ``full``.

    Call inside an app context of a BuildConfig app whose FREEZER_BASE_URL is set. The
    output is byte-identical whether built incrementally or in full. Unless the app's
    ``SITE_SEARCH`` is off, the search index is then brought up to date in a second
    publish (see ``search_export``). ``preload``: ``content_dir`` already being rendered
    (``portal.content.preload``, started by build.py before the web stack was imported).
    """
    with collector_paused():
        return _build_site(app, out_dir, content_dir, full, workers, progress, preload)


def _build_site(app: Flask, out_dir: Path, content_dir: Path, full: bool, workers: int | None,
                progress: Progress | None, preload: ContentPreload | None) -> BuildReport:
    search = app.config.get("SITE_SEARCH", True)
    started = time.perf_counter()
    clock = _PhaseClock()
    out_dir, workers = Path(out_dir).absolute(), workers or default_workers()
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    progress = progress or Progress()
    source = _load(Path(content_dir), out_dir, full, workers, preload)
    clock.lap("load")
    use_source(app, source)
    plan = plan_outputs(app, source)
    terms, published = forbidden_terms(), published_mobiles()
    guard = PrivacyGuard(terms, published)
    clock.lap("plan")
    with BuildState(default_state_path(out_dir)) as state, spare_publish(out_dir, copy_live=not full) as stage:
        recorded = state.outputs()
        if full:
            state.clear()
        current = {key: value for planned in plan.values() for key, value in planned.deps.items()}
        fingerprints = {rel: fingerprint(p.deps) for rel, p in plan.items()}
        stale = state.stale_fingerprints(fingerprints, site_dir=stage.path)
        removed = sorted(set(recorded) - plan.keys())
        for rel in removed:
            remove_output(stage.path, rel)
            state.forget(rel)
        if full and stage.seeded != "empty":
            removed += _prune(stage.path, set(plan) | set(MACHINE_FILES), keep_folder=SEARCH_DIR if search else None)
        clock.lap("stage")
        progress.start(len(stale))
        known = frozenset(plan) | frozenset(MACHINE_FILES) | (SEARCH_FILES if search else frozenset())
        vetting = Vetting(guard, _base_path(app), site_files=known)
        machine_touched: set[str] = set()

        def record(part: FreezeResult) -> None:
            state.record_many(((rel, plan[rel].deps, frozen.sha256, plan[rel].output.primary)
                               for rel, frozen in part.files.items()), fingerprints=fingerprints)

        def write_machine_files() -> None:  # while the workers render
            machine_touched.update(_write_machine_files(app, plan, source, stage.path, state, current, force=full))

        result = freeze(app, [plan[rel].url for rel in stale], stage.path, vetting, workers, progress.advance,
                        into_empty=stage.seeded == "empty", on_batch=record, meanwhile=write_machine_files)
        written = result.files
        touched = {rel for rel, frozen in written.items() if frozen.touched} | machine_touched
        stage.changed |= touched | set(removed)
        clock.lap("freeze")
        _check(stage.path, app, touched, removed, guard, terms_hash(terms, published), result, state, workers,
               everything_rendered=len(stale) == len(plan))
        clock.lap("check")
    clock.lap("publish")
    if search:
        _publish_search(app, source, out_dir, current, guard, full)
        clock.lap("search")
    return BuildReport(written=len(touched), unchanged=len(plan) - len(touched & plan.keys()),
                       removed=len(removed), bytes_written=sum(written[r].size for r in touched if r in written),
                       seconds=time.perf_counter() - started, pages=len(plan) + 3, full=full,
                       phases=tuple(clock.laps))


class _PhaseClock:
    def __init__(self) -> None:
        self.laps: list[tuple[str, float]] = []
        self._last = time.perf_counter()

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.laps.append((name, round(now - self._last, 3)))
        self._last = now


def _machine_inputs(app: Flask, plan, current: dict[str, str]) -> str:
    """A hash of everything sitemap.xml, feed.xml and robots.txt are made from.

    They list every output's URL, date and translations, and the news and 公示 entries'
    metadata: all of it is covered by the set of outputs and by the listing, translation,
    database-row and site-wide keys. Page bodies (``content:``), images, templates and
    static files are not, so editing the body of one page leaves these files alone.
    """
    body_only = ("content:", "asset:", "template:", "static:")
    keys = sorted((key, value) for key, value in current.items() if not key.startswith(body_only))
    return digest(app.config["FREEZER_BASE_URL"], sorted(plan), keys)


def _write_machine_files(app, plan, source, site: Path, state: BuildState, current: dict[str, str],
                         force: bool) -> set[str]:
    inputs = _machine_inputs(app, plan, current)
    present = all((site / name).is_file() for name in MACHINE_FILES)
    if not force and present and state.get_meta("machine-files") == inputs:
        return set()
    files = machine_files(app, plan, source)
    state.set_meta("machine-files", inputs)
    return {name for name, data in files.items() if write_if_changed(site / name, data)}


def _publish_search(app: Flask, source, out_dir: Path, current: dict[str, str], guard: PrivacyGuard,
                    full: bool) -> None:
    """Second publish: bring the static search index, and the portal's public index, up to
    date if what they hold has changed."""
    key = search_key(current)
    with BuildState(default_state_path(out_dir)) as state:
        if not full and state.get_meta("search") == key and (out_dir / SEARCH_DIR / "search.js").is_file():
            return
        docs = search_documents(app, source)
        hits = scan_documents(guard, docs)
        if hits:
            listing = "\n".join(f"  {h}" for h in hits[:50])
            raise BuildError(f"privacy guard: personal data found in the search documents; the pages were "
                             f"published, the search index was not updated:\n{listing}")
        known = {} if full else json.loads(state.get_meta("search-files") or "{}")
        with spare_publish(out_dir) as stage:
            changed, made = export_into(stage.path, docs, known)
            stage.changed |= changed
        if app.config.get("SEARCH_INDEX_DIR"):  # the portal's own public search page reads this index
            import search_index

            search_index.reconcile(app.config["SEARCH_INDEX_DIR"], "public", docs)
        state.set_meta("search", key)
        state.set_meta("search-files", json.dumps(made, sort_keys=True))


def _prune(site: Path, keep: set[str], keep_folder: str | None) -> list[str]:
    """Delete every file under ``site`` not in ``keep`` (nor under ``keep_folder``); return them."""
    extra = sorted(rel for rel in (p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())
                   if rel not in keep and not (keep_folder and rel.startswith(keep_folder + "/")))
    for rel in extra:
        remove_output(site, rel)
    return extra


def _base_path(app: Flask) -> str:
    return urlsplit(app.config["FREEZER_BASE_URL"]).path or "/"


def _check(site: Path, app: Flask, touched: set[str], removed: list[str], guard: PrivacyGuard, terms_key: str,
           result: FreezeResult, state: BuildState, workers: int, everything_rendered: bool) -> None:
    """Finish the link check and the privacy scan; raise BuildError on any finding.

    Every rendered page was checked as it was rendered (``result``). Pages not rendered
    this time are byte-identical to pages already checked, so they are checked again only
    when they could have changed verdict: links, after a page was removed; personal data,
    after the forbidden terms changed (or when no build has been checked yet).
    """
    first = state.get_meta("checked") != "yes"
    broken = list(result.broken)
    if removed or (first and not everything_rendered):
        broken += check_links(site, _base_path(app), workers=workers)
    if broken:
        broken = sorted(set(broken), key=lambda b: (b.file, b.link))
        listing = "\n".join(f"  {b}" for b in broken[:50])
        more = f"\n  ... and {len(broken) - 50} more" if len(broken) > 50 else ""
        raise BuildError(f"{len(broken)} broken internal link(s) or missing asset(s):\n{listing}{more}")
    hits = list(result.hits) + guard.scan_site(site, only=[rel for rel in touched if rel in MACHINE_FILES])
    if not everything_rendered and (first or state.get_meta("privacy-terms") != terms_key):
        hits = guard.scan_site(site, workers=workers)
    if hits:
        hits = sorted(set(hits), key=lambda h: (h.file, h.kind, h.term))
        listing = "\n".join(f"  {h}" for h in hits[:50])
        raise BuildError(f"privacy guard: personal data found in {len(hits)} place(s); nothing was published:\n"
                         f"{listing}")
    state.set_meta("privacy-terms", terms_key)
    state.set_meta("checked", "yes")
