"""One build of the public site: load, plan, freeze what is stale, check, publish.

    report = build_site(app, out_dir, content_dir)       # incremental
    report = build_site(app, out_dir, content_dir, full=True)

The site is built in a stage beside ``out_dir`` (see ``portal.publish.spare``) and swapped
in only after the link checker and the privacy guard found nothing; any failure raises
BuildError and leaves ``out_dir`` and the recorded build state as they were.
"""
from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from flask import Flask

from portal.content.cache import PageCache
from portal.content.errors import ContentError
from portal.freeze import default_workers, freeze, plan_outputs
from portal.publish.atomic import remove_output
from portal.publish.buildstate import BuildState, default_state_path
from portal.publish.linkcheck import check_links
from portal.publish.privacy import PrivacyGuard
from portal.publish.spare import spare_publish
from portal.sitebuild.machine_files import machine_files, write_if_changed
from portal.sitebuild.privacy_terms import forbidden_terms, terms_hash
from portal.site.outputs import digest
from portal.site.source import load_source, use_source


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

    def summary(self) -> str:
        """One line for the terminal and the publish log."""
        kind = "full" if self.full else "incremental"
        return (f"{kind} build: {self.written} written, {self.unchanged} unchanged, {self.removed} removed, "
                f"{self.bytes_written:,} bytes, {self.pages} files in the site, {self.seconds:.2f} s")


@dataclass
class Progress:
    """Callbacks a front end may pass: ``start(total)`` then ``advance(n)`` while freezing."""

    start: Callable[[int], None] = lambda total: None
    advance: Callable[[int], None] = lambda n: None


def page_cache_path(out_dir: Path) -> Path:
    """Where rendered Markdown is cached between builds: beside the site, never inside."""
    out_dir = Path(out_dir).absolute()
    return out_dir.parent / f".{out_dir.name}.pagecache.sqlite"


def _load(content_dir: Path, out_dir: Path, full: bool, workers: int):
    cache_file = page_cache_path(out_dir)
    if full:
        cache_file.unlink(missing_ok=True)
    try:
        with PageCache(cache_file) as cache:
            return load_source(content_dir, cache=cache, workers=workers)
    except ContentError as error:
        raise BuildError(f"bad content: {error}") from None


def build_site(app: Flask, out_dir: Path, content_dir: Path, full: bool = False,
               workers: int | None = None, progress: Progress | None = None) -> BuildReport:
    """Publish the site to ``out_dir``; re-render only stale pages unless ``full``.

    Call inside an app context of a BuildConfig app whose FREEZER_BASE_URL is set. The
    output is byte-identical whether built incrementally or in full.
    """
    started = time.perf_counter()
    out_dir, workers = Path(out_dir).absolute(), workers or default_workers()
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    progress = progress or Progress()
    source = _load(Path(content_dir), out_dir, full, workers)
    use_source(app, source)
    plan = plan_outputs(app, source)
    terms = forbidden_terms()
    with BuildState(default_state_path(out_dir)) as state, spare_publish(out_dir, empty=full) as stage:
        if full:
            state.clear()
        recorded = state.outputs()
        current = {key: value for planned in plan.values() for key, value in planned.deps.items()}
        stale = state.stale(plan, current, site_dir=stage.path)
        removed = sorted(set(recorded) - plan.keys())
        for rel in removed:
            remove_output(stage.path, rel)
            state.forget(rel)
        progress.start(len(stale))
        written = freeze(app, [plan[rel].url for rel in stale], stage.path, workers, progress.advance)
        changed = {rel for rel, (sha, _size) in written.items() if recorded.get(rel) != sha}
        for rel, (sha, _size) in written.items():
            state.record(rel, plan[rel].deps, sha, primary=plan[rel].output.primary)
        changed |= _write_machine_files(app, plan, source, stage.path, state)
        stage.changed |= set(written) | set(removed) | changed
        _check(stage.path, app, changed, removed, terms, state, full, workers)
    return BuildReport(written=len(changed), unchanged=len(plan) - len(changed & plan.keys()),
                       removed=len(removed), bytes_written=sum(written[r][1] for r in changed if r in written),
                       seconds=time.perf_counter() - started, pages=len(plan) + 3, full=full)


def _write_machine_files(app, plan, source, site: Path, state: BuildState) -> set[str]:
    inputs = digest(app.config["FREEZER_BASE_URL"],
                    [(rel, p.output.endpoint, sorted(p.output.values.items()), p.output.lastmod,
                      p.output.sitemap, sorted((k, sorted(v.items())) for k, v in p.output.alternates.items()))
                     for rel, p in sorted(plan.items())],
                    [(i.title, i.endpoint, sorted(i.values.items()), i.updated, i.summary, i.categories)
                     for i in _feed(source)])
    names = ("sitemap.xml", "feed.xml", "robots.txt")
    if state.get_meta("machine-files") == inputs and all((site / name).is_file() for name in names):
        return set()
    files = machine_files(app, plan, source)
    state.set_meta("machine-files", inputs)
    return {name for name, data in files.items() if write_if_changed(site / name, data)}


def _feed(source):
    from portal.site.sections import all_feed_items

    return list(all_feed_items(source))


def _check(site: Path, app: Flask, changed: set[str], removed: list[str], terms, state: BuildState,
           full: bool, workers: int) -> None:
    """Run the link checker and the privacy guard; raise BuildError on any finding."""
    from urllib.parse import urlsplit

    base_path = urlsplit(app.config["FREEZER_BASE_URL"]).path or "/"
    everything = full or bool(removed) or state.get_meta("checked") != "yes"
    broken = check_links(site, base_path, only=None if everything else changed, workers=workers)
    if broken:
        listing = "\n".join(f"  {b}" for b in broken[:50])
        more = f"\n  ... and {len(broken) - 50} more" if len(broken) > 50 else ""
        raise BuildError(f"{len(broken)} broken internal link(s) or missing asset(s):\n{listing}{more}")
    terms_key = terms_hash(terms)
    scan_all = everything or state.get_meta("privacy-terms") != terms_key
    hits = PrivacyGuard(terms).scan_site(site, only=None if scan_all else changed, workers=workers)
    if hits:
        listing = "\n".join(f"  {h}" for h in hits[:50])
        raise BuildError(f"privacy guard: personal data found in {len(hits)} place(s); nothing was published:\n"
                         f"{listing}")
    state.set_meta("privacy-terms", terms_key)
    state.set_meta("checked", "yes")
