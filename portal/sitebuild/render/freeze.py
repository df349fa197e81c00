"""The Frozen-Flask side of the static build: plan every URL, then freeze a set of them.

``plan_outputs`` turns every section's ``Output`` into the file it becomes, with the full
set of dependency keys (the section's own, the page's template and the site-wide key).
``freeze`` renders the chosen URLs through Frozen-Flask into a folder, in forked worker
processes that each freeze a share of the URLs, and returns the hash of every file written.
"""
from __future__ import annotations

import gc
import hashlib
import mimetypes
import warnings
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path
from unicodedata import normalize
from urllib.parse import unquote, urlsplit

from flask import Flask, request
from flask_frozen import (
    Freezer,
    MimetypeMismatchWarning,
    MissingURLGeneratorWarning,
    NotFoundWarning,
    RedirectWarning,
)

from portal.content.cache import file_stamp
from portal.kernel import db
from portal.site.outputs import Output
from portal.site.sections import all_outputs
from portal.site.source import SiteSource
from portal.site.urls import path_builder
from portal.sitebuild.check.linkcheck import BrokenLink
from portal.sitebuild.check.privacy import PrivacyHit
from portal.sitebuild.check.vetting import Vetting

PACKAGE = Path(__file__).resolve().parent.parent.parent
# Code and catalogs every page is rendered by: a change to any of them rebuilds everything.
SITE_WIDE_FILES = ("site/**/*.py", "build/render/freeze.py", "content/*.py", "site/translations/**/*.po",
                   "site/templates/site/base.html", "site/templates/site/_*.html")
# Below this many URLs, forking workers costs more than it saves.
PARALLEL_THRESHOLD = 200
# URLs a worker takes at a time: small enough that neither worker idles long at the end.
CHUNK = 100


@dataclass(frozen=True)
class Planned:
    """An output with its URL (below the site root, unquoted) and every dependency."""

    output: Output
    url: str
    deps: Mapping[str, str]


def site_wide_key(base_url: str) -> str:
    """Hash of the code, catalogs, shared templates and base URL that every page depends on."""
    digest = hashlib.sha256(base_url.encode())
    for pattern in SITE_WIDE_FILES:
        for path in sorted(PACKAGE.glob(pattern)):
            digest.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _template_hashes() -> dict[str, str]:
    root = PACKAGE / "site" / "templates"
    return {f"template:{p.relative_to(root).as_posix()}": hashlib.sha256(p.read_bytes()).hexdigest()
            for p in root.rglob("*.html")}


def url_to_file(url: str) -> str:
    """The output file of a URL below the site root: /news/x/ -> news/x/index.html (as Frozen-Flask)."""
    if url.endswith("/"):
        url += "index.html"
    return normalize("NFC", url[1:])


def plan_outputs(app: Flask, source: SiteSource) -> dict[str, Planned]:
    """Every output file of the site, keyed by its path in the output folder.

    Raises ValueError if two outputs map to the same file.
    """
    base_url = app.config["FREEZER_BASE_URL"]
    script_name = urlsplit(base_url).path.rstrip("/")
    templates = _template_hashes()
    shared = {"site:wide": site_wide_key(base_url)}
    plan: dict[str, Planned] = {}
    # URLs do not change while the app lives: a portal publishing again reuses them.
    known = app.extensions.setdefault("site_plan_urls", {})
    with app.test_request_context(base_url=base_url):
        build = path_builder(app)
        for output in all_outputs(source):
            key = (base_url, output.endpoint, tuple(sorted(output.values.items())))
            url = known.get(key)
            if url is None:
                url = known[key] = unquote(build(output.endpoint, output.values)[len(script_name):])
            deps = {**output.deps, **shared}
            if output.template:
                key = f"template:{output.template}"
                deps[key] = templates[key]
            rel = url_to_file(url)
            if rel in plan:
                raise ValueError(f"two pages would be written to {rel}: {plan[rel].url} and {url}")
            plan[rel] = Planned(output, url, deps)
    return plan


_app: Flask | None = None  # the app a forked worker freezes with (inherited, not pickled)
_vetting: Vetting | None = None  # and what it checks each rendered page against


@dataclass(frozen=True)
class Frozen:
    """One file the freezer produced: its hash and size, and whether its bytes changed
    (Frozen-Flask leaves a file holding the same bytes untouched)."""

    sha256: str
    size: int
    touched: bool


@dataclass(frozen=True)
class FreezeResult:
    """What ``freeze`` did: every file it produced, and what vetting found in them."""

    files: dict[str, Frozen]
    hits: list[PrivacyHit]
    broken: list[BrokenLink]


def vet_response(response):
    """The build app's after_request hook: vet each rendered page while it is in memory."""
    if _vetting is not None and not response.direct_passthrough:
        _vetting.inspect(url_to_file(request.path), response.get_data(), getattr(response, "text", None))
    return response


def _stamp(path: Path) -> str | None:
    try:
        return file_stamp(path.stat())
    except FileNotFoundError:
        return None


class SiteFreezer(Freezer):
    """Frozen-Flask's Freezer, minus work a static build of thousands of pages repeats for
    nothing: the destination folder is worked out once per destination rather than on every
    access (``root`` is read twice for every page), and ``_build_one`` mirrors Frozen-Flask
    1.0.2's with the same results (tests compare the two) but without a test client made,
    and a file looked for, per page, when nothing asks for them; see ``_build_one``."""

    _root: tuple[str, str, Path] | None = None
    #: Set while freezing into a folder known to hold none of the files: no file is looked for.
    into_empty = False

    @property
    def root(self) -> Path:
        key = (self.app.root_path, self.app.config["FREEZER_DESTINATION"])
        if self._root is None or self._root[:2] != key:
            self._root = (*key, Freezer.root.fget(self))
        return self._root[2]

    def _build_one(self, url, last_modified=None):
        """Get ``url`` from the app and write its file, as Frozen-Flask's ``_build_one`` does.

        Frozen-Flask's looks for the file before the request, which only matters with
        FREEZER_SKIP_EXISTING or a last-modified time; it makes a test client per page; and
        it enters two context managers per page that do nothing unless url_for is logged or
        URLs are made relative. Those cases go to it unchanged. A file holding the same bytes
        is left untouched, as there (the build tells changed pages by that).
        """
        config = self.app.config
        if (last_modified is not None or config["FREEZER_SKIP_EXISTING"] or config["FREEZER_RELATIVE_URLS"]
                or self.log_url_for):
            return super()._build_one(url, last_modified)
        client = self.__dict__.get("_client")
        if client is None:
            client = self._client = self.app.test_client()
        path = self.root / normalize("NFC", self.urlpath_to_filepath(url))
        policy = config["FREEZER_REDIRECT_POLICY"]
        response = client.get(url, follow_redirects=policy == "follow", base_url=config["FREEZER_BASE_URL"])
        if response.status_code != 200:
            if response.status_code == 404 and config["FREEZER_IGNORE_404_NOT_FOUND"]:
                warnings.warn(f"Ignored {response.status!r} on URL {url}", NotFoundWarning, stacklevel=3)
            elif response.status_code in (301, 302) and policy == "ignore":
                warnings.warn(f"Ignored {response.status!r} on URL {url}", RedirectWarning, stacklevel=3)
            else:
                raise ValueError(f"Unexpected status {response.status!r} on URL {url}")
        if not config["FREEZER_IGNORE_MIMETYPE_WARNINGS"]:
            guessed_type = mimetypes.guess_type(path.name)[0] or config["FREEZER_DEFAULT_MIMETYPE"]
            if guessed_type != response.mimetype:
                warnings.warn(f"Filename extension of {path.name!r} (type {guessed_type}) does not match "
                              f"Content-Type: {response.content_type}", MimetypeMismatchWarning, stacklevel=3)
        path.parent.mkdir(parents=True, exist_ok=True)
        content = response.data
        if self.into_empty or not path.is_file() or path.read_bytes() != content:
            path.write_bytes(content)
        response.close()
        return path


def site_freezer(app: Flask) -> Freezer:
    """The app's one Freezer, made on first use.

    Each Freezer made for an app adds a url_for logger to the front of the app's URL-default
    functions, even with ``log_url_for=False``, when it is never switched on. Every url_for
    call then runs it, and with any URL-default function in place the site's URL builders
    cannot build straight from the URL adapter (``portal.site.urls.path_builder``). So the
    logger this Freezer will never use is taken out again; and there is one Freezer per app,
    not one per batch, which would also have grown the list with every publish."""
    freezer = app.extensions.get("site_freezer")
    if freezer is None:
        defaults = app.url_default_functions
        before = list(defaults.get(None, ()))
        freezer = app.extensions["site_freezer"] = SiteFreezer(app, with_static_files=False,
                                                           with_no_argument_rules=False, log_url_for=False)
        if before:
            defaults[None] = before
        else:
            defaults.pop(None, None)
    return freezer


def _freeze_urls(urls: list[str], into_empty: bool = False) -> FreezeResult:
    """Freeze ``urls`` with Frozen-Flask, vetting each page as it is rendered.

    ``into_empty``: the destination started empty, so every file is new (no need to
    look at each one before and after to tell).
    """
    freezer = site_freezer(_app)
    freezer.url_generators.clear()
    freezer.register_generator(lambda: urls)
    root = freezer.root
    before = {} if into_empty else {url: _stamp(root / url_to_file(url)) for url in urls}
    written = {}
    freezer.into_empty = into_empty
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", MissingURLGeneratorWarning)
            for page in freezer.freeze_yield():
                rel = page.path.as_posix()
                if rel not in _vetting.hashes:  # a streamed file (send_file): vet what was written
                    _vetting.inspect(rel, (root / page.path).read_bytes())
                touched = into_empty or before.get(page.url) is None or _stamp(root / page.path) != before[page.url]
                written[rel] = Frozen(*_vetting.hashes.pop(rel), touched)
    finally:
        freezer.into_empty = False
    if not gc.isenabled():  # the build pauses automatic collection: free this batch's cycles
        gc.collect(1)
    return FreezeResult(written, *_vetting.drain())


def _after_fork() -> None:
    # A forked worker must not reuse the parent's database connections.
    for engine in db._engines.values():
        engine.dispose(close=False)


def freeze(app: Flask, urls: Iterable[str], destination: Path, vetting: Vetting, workers: int = 1,
           progress: Callable[[int], None] | None = None, into_empty: bool = False,
           on_batch: Callable[[FreezeResult], None] | None = None,
           meanwhile: Callable[[], None] | None = None) -> FreezeResult:
    """Render ``urls`` through Frozen-Flask into ``destination``, vetting each page.

    With ``workers`` > 1 and enough URLs, forked processes each freeze a share; the files
    written do not depend on ``workers``. Every rendered page is hashed, scanned for
    personal data and link-checked by ``vetting`` in the process that rendered it.
    ``progress(n)`` is called as batches finish, and ``on_batch(part)`` with what each
    batch produced. ``meanwhile()`` is run in this process while the workers render (or
    after rendering, when there are none), so the caller's own work overlaps theirs.
    ``into_empty`` says ``destination`` holds none of these files yet (a full build into
    a fresh stage).
    """
    global _app, _vetting
    urls = sorted(urls)
    app.config["FREEZER_DESTINATION"] = str(Path(destination).absolute())
    _app, _vetting = app, vetting
    report = progress or (lambda n: None)
    handle = on_batch or (lambda part: None)
    result = FreezeResult({}, [], [])
    # The library and plan are large and read-only from here on: keep them out of the
    # collector's sight, so the young-generation collection after each batch walks only what
    # the batch made, and neither the collector nor copy-on-write pays for them in a forked
    # worker. (No full collection first: it took 0.15 s on a 10,000-page site to free next
    # to nothing; what garbage there is stays set aside until the build ends.)
    gc.freeze()
    try:
        if workers <= 1 or len(urls) < PARALLEL_THRESHOLD:
            for start in range(0, len(urls), CHUNK):
                part = _freeze_urls(urls[start:start + CHUNK], into_empty)
                _merge(result, part)
                handle(part)
                report(len(part.files))
            if meanwhile is not None:
                meanwhile()
            return result
        size = max(1, min(CHUNK, -(-len(urls) // (workers * 4))))
        batches = [urls[i:i + size] for i in range(0, len(urls), size)]
        with ProcessPoolExecutor(workers, mp_context=get_context("fork"), initializer=_after_fork) as pool:
            futures = {pool.submit(_freeze_urls, batch, into_empty): len(batch) for batch in batches}
            if meanwhile is not None:
                meanwhile()
            for future in as_completed(futures):
                part = future.result()
                _merge(result, part)
                handle(part)
                report(futures[future])
        return result
    finally:
        gc.unfreeze()


def _merge(into: FreezeResult, part: FreezeResult) -> None:
    into.files.update(part.files)
    into.hits.extend(part.hits)
    into.broken.extend(part.broken)
