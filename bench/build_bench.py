"""Time our static build against Hugo and Pelican on the same news corpus.

    python bench/build_bench.py [--pages 10000] [--runs 3] [--workers N]

Generates the corpus (bench/make_news_corpus.py) in bench/out/ and loads the demo data into
the bench database (so the privacy guard has real terms to look for), then times, in one run:
our full build from nothing (no build state, no page cache); our incremental build after
changing one page (the CLI, interpreter start included, and the same build_site call made
in-process as the portal's publish hook makes it); Hugo (Debian's ``hugo``) with the
templates in bench/hugo/; and Pelican (from bench/.venv-pelican, see docs/benchmarks.md)
with bench/pelican/pelicanconf.py. All list news 20 to a page and have tag pages. Hugo and
Pelican build no search index, so these runs of ours use --no-search; one more full build
and one incremental build with search are timed separately. Each figure is the median of
--runs runs. Earlier outputs are moved aside and deleted only after the timings (see
``_discard``). The last line printed is one JSON object.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(ROOT))

from bench.make_news_corpus import make_news_corpus  # noqa: E402

PELICAN = BENCH / ".venv-pelican" / "bin" / "pelican"
TRASH = BENCH / "out" / "trash"


def _timed(command: list[str], **kwargs) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, **kwargs)
    return time.perf_counter() - started


def _html_files(folder: Path) -> int:
    return sum(1 for _ in folder.rglob("*.html"))


def _discard(path: Path) -> None:
    """Move ``path`` out of the way, to be deleted after the timings (see ``_empty_trash``).

    Deleting a site of 12,000 folders just before a timed build slows that build down:
    ext4 skips inodes freed in the last few seconds when it allocates new ones, and the
    scan for free inodes showed up as several seconds of system time (in every generator's
    runs, Hugo's included). Nothing is deleted until all runs are done.
    """
    if path.exists() or path.is_symlink():
        TRASH.mkdir(parents=True, exist_ok=True)
        path.rename(TRASH / f"{len(list(TRASH.iterdir()))}-{path.name}")


def _empty_trash() -> None:
    shutil.rmtree(TRASH, ignore_errors=True)
    for old in BENCH.glob("out.old-*"):
        shutil.rmtree(old, ignore_errors=True)


def _clean_site(out: Path) -> None:
    _discard(out)
    for leftover in out.parent.glob(f".{out.name}.*"):
        _discard(leftover)


def _ours_full(content: Path, out: Path, workers: list[str]) -> float:
    _clean_site(out)
    return _timed([sys.executable, "build.py", "--out", str(out), "--content", str(content), "--full", *workers],
                  cwd=ROOT)


def _ours_with_search(content: Path, out: Path, workers: list[str]) -> dict:
    """One full build and one one-page incremental build with the search index, with when the
    pages went live (the build's phases before "search") and when search caught up."""
    _clean_site(out)
    figures = {}
    for name, extra in (("full_with_search", ["--full"]), ("warm_up", []), ("incremental_with_search", [])):
        if name == "incremental_with_search":
            _touch_one(content, 999)
        started = time.perf_counter()
        done = subprocess.run([sys.executable, "build.py", "--out", str(out), "--content", str(content), *extra,
                               *workers], cwd=ROOT, check=True, capture_output=True, text=True)
        total = time.perf_counter() - started
        phases = dict(part.rsplit(" ", 1) for part in done.stdout.rsplit("(", 1)[1].rstrip(")\n").split(", "))
        figures[f"{name}_s"] = round(total, 2)
        figures[f"{name}_search_phase_s"] = float(phases.get("search", 0))
    figures.pop("warm_up_s"), figures.pop("warm_up_search_phase_s")
    return figures


def _touch_one(content: Path, run: int) -> None:
    page = content / "news" / "news-00042.zh.md"
    page.write_text(page.read_text(encoding="utf-8") + f"\n补充说明第{run}条。\n", encoding="utf-8")


def _ours_incremental(content: Path, out: Path, runs: int, workers: list[str]) -> tuple[list[float], float]:
    """CLI timings of incremental builds after one page changed, and the first (spare-creating) one."""
    first = _timed([sys.executable, "build.py", "--out", str(out), "--content", str(content), *workers], cwd=ROOT)
    times = []
    for run in range(runs):
        _touch_one(content, run)
        times.append(_timed([sys.executable, "build.py", "--out", str(out), "--content", str(content), *workers],
                            cwd=ROOT))
    return times, first


def _ours_in_process(content: Path, out: Path, runs: int) -> list[float]:
    from portal import create_app
    from portal.kernel.config import BuildConfig
    from portal.sitebuild.pipeline import build_site

    settings = BuildConfig.as_dict()
    app = create_app({**settings, "FREEZER_BASE_URL": BuildConfig.SITE_BASE_URL, "SITE_SEARCH": False})
    times = []
    with app.app_context():
        build_site(app, out, content)
        for run in range(runs):
            _touch_one(content, 100 + run)
            started = time.perf_counter()
            report = build_site(app, out, content)
            times.append(time.perf_counter() - started)
            assert report.written >= 1, report.summary()
    return times


def _privacy_terms() -> int:
    from portal import create_app
    from portal.kernel.config import BuildConfig
    from portal.sitebuild.check.privacy_terms import forbidden_terms

    settings = BuildConfig.as_dict()
    with create_app(settings).app_context():
        return len(forbidden_terms())


def _hugo(news: Path, work: Path) -> tuple[float, int]:
    site = work / "hugo-site"
    shutil.rmtree(site, ignore_errors=True)
    shutil.copytree(BENCH / "hugo", site)
    (site / "content").mkdir()
    (site / "content" / "news").symlink_to(news)
    out = work / "hugo-out"
    _discard(out)
    seconds = _timed(["hugo", "--quiet", "-s", str(site), "-d", str(out)])
    return seconds, _html_files(out)


def _pelican(content: Path, work: Path) -> tuple[float, int]:
    out = work / "pelican-out"
    _discard(out)
    seconds = _timed([str(PELICAN), str(content), "-s", str(BENCH / "pelican" / "pelicanconf.py"), "-o", str(out),
                      "-q"])
    return seconds, _html_files(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Time our build, Hugo and Pelican on one news corpus.")
    parser.add_argument("--pages", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--workers", type=int, default=None, help="our rendering processes (default: CPUs)")
    args = parser.parse_args(argv)
    workers = ["--workers", str(args.workers)] if args.workers else []
    no_search = [*workers, "--no-search"]
    work = BENCH / "out"
    if work.exists():  # set aside, deleted after the timings like everything else (see _discard)
        work.rename(BENCH / f"out.old-{time.time_ns()}")
    content, pelican_content = work / "content", work / "pelican-content"
    make_news_corpus(content / "news", args.pages)
    make_news_corpus(pelican_content, args.pages, fmt="pelican")
    site = work / "_site"
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{work / 'bench.sqlite3'}")
    from portal.kernel.db import upgrade_database

    upgrade_database(os.environ["DATABASE_URL"])
    # The demo applicants, panels, stations and 公示 batches: the privacy guard then has real
    # ID numbers, phones, emails and unconsented names to look for on every page.
    subprocess.run([str(Path(sys.executable).parent / "flask"), "--app", "portal", "seed-demo"], cwd=ROOT,
                   check=True, stdout=subprocess.DEVNULL)
    privacy_terms = _privacy_terms()

    load_before = os.getloadavg()
    full, hugo, pelican, hugo_pages, pelican_pages = [], [], [], 0, 0
    for run in range(args.runs):
        full.append(_ours_full(content, site, no_search))
        print(f"run {run + 1}: ours full {full[-1]:.2f} s", file=sys.stderr)
        seconds, hugo_pages = _hugo(content / "news", work)
        hugo.append(seconds)
        print(f"run {run + 1}: hugo {seconds:.2f} s ({hugo_pages} pages)", file=sys.stderr)
        if PELICAN.exists():
            seconds, pelican_pages = _pelican(pelican_content, work)
            pelican.append(seconds)
            print(f"run {run + 1}: pelican {seconds:.2f} s ({pelican_pages} pages)", file=sys.stderr)
    ours_pages = _html_files(site)
    incremental, first_incremental = _ours_incremental(content, site, args.runs, no_search)
    print(f"ours incremental (CLI): {incremental}, first after a full build {first_incremental:.2f} s",
          file=sys.stderr)
    in_process = _ours_in_process(content, site, args.runs)
    print(f"ours incremental (in-process publish): {in_process}", file=sys.stderr)
    with_search = _ours_with_search(content, work / "_site_search", workers)
    print(f"ours with search: {with_search}", file=sys.stderr)
    _empty_trash()
    median = lambda values: round(statistics.median(values), 2) if values else None  # noqa: E731
    print(json.dumps({
        "pages": args.pages, "full_s": median(full), "incremental_s": median(incremental),
        "hugo_s": median(hugo), "pelican_s": median(pelican),
        "incremental_in_process_s": median(in_process), "first_incremental_s": round(first_incremental, 2),
        **with_search,
        "html_files": {"ours": ours_pages, "hugo": hugo_pages, "pelican": pelican_pages},
        "runs": args.runs, "cpus": os.cpu_count(), "privacy_terms": privacy_terms,
        "load_before": [round(x, 2) for x in load_before], "load_after": [round(x, 2) for x in os.getloadavg()],
    }, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
