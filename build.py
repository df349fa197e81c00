"""Build the public static site.

    python build.py --out DIR [--content DIR] [--base-url URL] [--full] [--workers N] [--no-search]

Incremental by default (only pages whose recorded inputs changed are rendered again);
--full renders everything. The site is published atomically to DIR only when the link
checker and the privacy guard found nothing; the search index follows in a second publish
when what it holds changed (--no-search: a site without search, e.g. to compare with
generators that have none). Exit status 0 on success, 1 on a failed build.
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from portal.content.cache import page_cache_path
from portal.content.cached_preload import start_cached_preload
from portal.content.preload import start_preload

# Only light modules up here: a full build starts rendering content (portal.content.preload)
# before the web stack (Flask, SQLAlchemy, Jinja, Babel) is imported in main().
from portal.kernel.config import BuildConfig, Config
from portal.sitebuild.base_url import resolve_base_url
from portal.sitebuild.render.collector import collector_paused
from portal.sitebuild.render.cpus import default_workers


def main(argv: list[str] | None = None) -> int:
    # From the start, and in the content readers it forks, not only while building: importing
    # the web stack and reading ten thousand pages make long-lived objects too.
    with collector_paused():
        return _main(argv)


def _main(argv: list[str] | None) -> int:
    parser = argparse.ArgumentParser(description="Build the public static site.")
    parser.add_argument("--out", required=True, type=Path, help="the folder to publish to")
    parser.add_argument("--content", type=Path, default=Path(Config.CONTENT_DIR), help="content folder")
    parser.add_argument("--base-url", default=None, help="/sub/path/ or https://host/sub/path/")
    parser.add_argument("--full", action="store_true", help="render every page again")
    parser.add_argument("--workers", type=int, default=None, help="rendering processes (default: CPUs)")
    parser.add_argument("--no-search", action="store_true", help="leave out the search page and index")
    args = parser.parse_args(argv)
    try:
        base_url = resolve_base_url(args.base_url, Config.SITE_BASE_URL)
    except ValueError as error:
        parser.error(str(error))
    if not args.content.is_dir():  # a mistyped path would publish a site with no news at all
        parser.error(f"the content folder {args.content} does not exist (sections inside it may be missing, "
                     "the folder may not)")
    workers = args.workers or default_workers()
    # Start loading content now, while the web stack is imported: rendering every file (a
    # full build, or no page cache yet), or else loading it through the page cache.
    cache_file = page_cache_path(args.out)
    if args.full or not cache_file.exists():
        preload = start_preload(args.content, workers)
    else:
        preload = start_cached_preload(args.content, cache_file)
    try:
        return _build(args, base_url, workers, preload)
    finally:
        if preload is not None:
            preload.close()


def _build(args: argparse.Namespace, base_url: str, workers: int, preload) -> int:
    from sqlalchemy.exc import OperationalError

    from portal import create_app
    from portal.sitebuild.pipeline import BuildError, build_site
    from portal.sitebuild.progress import terminal_progress

    app = create_app({**BuildConfig.as_dict(), "FREEZER_BASE_URL": base_url, "SITE_SEARCH": not args.no_search})
    with app.app_context():
        try:
            report = build_site(app, args.out, args.content, full=args.full, workers=workers,
                                progress=terminal_progress(), preload=preload)
        except BuildError as error:
            print(f"build failed: {error}", file=sys.stderr)
            return 1
        except OperationalError as error:
            print(f"build failed: the database at {app.config['DATABASE_URL']} is not ready "
                  f"({error.orig}); run `make demo` or `flask --app portal db-upgrade` first. "
                  "The published site was left as it was.", file=sys.stderr)
            return 1
    print(report.summary())
    return 0


if __name__ == "__main__":
    # Tearing down a heap of hundreds of thousands of objects (the content library, the plan)
    # at exit is wasted work once everything is written and committed.
    status = main()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)
