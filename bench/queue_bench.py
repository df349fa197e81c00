"""Staff queue benchmark: seed N applications (bulk inserts) into a fresh database, then time queue
pages (default view and three filters) as a signed-in city HR user through the Flask test client,
and the CSV/XLSX export of every row. Each export runs in a fresh child process, so its time and
peak resident memory (ru_maxrss, interpreter included) belong to the export alone.

    .venv/bin/python bench/queue_bench.py                       # temporary SQLite file
    .venv/bin/python bench/queue_bench.py --database-url postgresql://postgres@127.0.0.1:5432/postgres
        # creates a fresh database on that server and drops it at the end

Prints progress to stderr and ONE JSON line of figures to stdout at the end.
"""
from __future__ import annotations

import argparse
import json
import random
import resource
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import insert, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402
from werkzeug.security import generate_password_hash  # noqa: E402

from portal import create_app
from portal.accounts.models import User  # noqa: E402
from portal.applications.models import Application
from portal.demo.seed import make_id_number  # noqa: E402
from portal.kernel import db  # noqa: E402
from portal.kernel.config import TestConfig  # noqa: E402

PASSWORD = "bench-password"
VIEWS = {
    "default": "/review/",
    "state": "/review/?state=city_review",
    "division": "/review/?division=210903",
    "category_dates": "/review/?category=B&from=2025-06-01&to=2026-06-30",
}
STATES = ["submitted"] * 20 + ["qualification_check"] * 15 + ["returned"] * 5 + ["resubmitted"] * 5 + \
    ["county_review"] * 15 + ["city_review"] * 10 + ["expert_review"] * 5 + ["decision"] * 5 + \
    ["publicity"] * 3 + ["recognised"] * 10 + ["rejected"] * 5 + ["withdrawn"] * 2
DIVISIONS = ["210902", "210903", "210904", "210905", "210911", "210921", "210922", "HTZ"]
CATEGORIES = ["A", "B", "C", "D", "E"]
INDUSTRIES = ["equipment", "green_food", "new_energy", "fine_chemicals", "unmanned_systems", "hydrogen"]
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华"


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def fresh_database(url: str):
    """(url of a new empty database, cleanup callable)."""
    if url.startswith("postgres"):
        return db.create_scratch_postgres_database(url, "fxbench")
    return url, lambda: None


def application_rows(count: int, applicant_ids: list[int], rng: random.Random):
    """Plain dicts for a bulk insert, spread over two years of submissions."""
    start = datetime(2025, 1, 1)
    for n in range(1, count + 1):
        submitted = start + timedelta(minutes=rng.randrange(0, 700 * 24 * 60))
        updated = submitted + timedelta(minutes=rng.randrange(0, 60 * 24 * 60))
        category = rng.choice(CATEGORIES)
        yield {
            "id": n, "reference": f"FX-2026-{n:06d}", "applicant_id": rng.choice(applicant_ids),
            "state": rng.choice(STATES), "last_step": 6, "created_at": submitted, "updated_at": updated,
            "submitted_at": submitted, "full_name": rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN),
            "gender": "male", "id_number": make_id_number("210902", f"19{rng.randrange(60, 99)}0101", f"{n % 1000:03d}"),
            "birth_date": None, "phone": f"13{rng.randrange(0, 10)}{n:08d}", "email": f"talent{n}@bench.example",
            "address": f"阜新市测试路 {n} 号", "education_level": "masters", "degree": "工学硕士",
            "graduate_school": "辽宁工程技术大学", "major": "机械工程", "professional_title": "工程师",
            "title_level": "intermediate", "employer": f"阜新示例企业{n % 500}号有限公司", "position": "工程师",
            "category_code": category, "industry_code": rng.choice(INDUSTRIES), "division_code": rng.choice(DIVISIONS),
            "privacy_consent_at": submitted, "publication_consent": n % 3 != 0, "publication_consent_at": None,
            "certificate_number": None, "recognised_at": None,
        }


def seed(engine, count: int) -> None:
    """Applicants, staff and `count` applications through core bulk inserts (not the ORM)."""
    rng = random.Random(20261126)
    password_hash = generate_password_hash(PASSWORD, method="scrypt:1024:8:1")
    now = datetime(2026, 11, 26)
    users = [{"id": i, "email": f"applicant{i}@bench.example", "phone": None, "full_name": None,
              "password_hash": password_hash, "role": "applicant", "division_code": None, "active": True,
              "created_at": now} for i in range(1, 2001)]
    users.append({"id": 5001, "email": "hr.city@bench.example", "phone": None, "full_name": "市级 HR",
                  "password_hash": password_hash, "role": "hr", "division_code": None, "active": True,
                  "created_at": now})
    with engine.begin() as connection:
        connection.execute(insert(User.__table__), users)
    batch: list[dict] = []
    applicant_ids = [u["id"] for u in users[:-1]]
    with engine.begin() as connection:
        for row in application_rows(count, applicant_ids, rng):
            batch.append(row)
            if len(batch) == 5000:
                connection.execute(insert(Application.__table__), batch)
                batch = []
        if batch:
            connection.execute(insert(Application.__table__), batch)
    with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            connection.execute(text("SELECT setval(pg_get_serial_sequence('applications', 'id'), :n)"), {"n": count})
            connection.execute(text("SELECT setval(pg_get_serial_sequence('users', 'id'), 6000)"))
        connection.execute(text("ANALYZE"))


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered) + 0.5) - 1))]


def time_queue(client, repeats: int) -> dict[str, list[float]]:
    timings: dict[str, list[float]] = {}
    for name, url in VIEWS.items():
        for _ in range(3):  # warm caches and the plan cache
            assert client.get(url).status_code == 200
        samples = []
        for _ in range(repeats):
            began = time.perf_counter()
            response = client.get(url)
            samples.append((time.perf_counter() - began) * 1000)
            assert response.status_code == 200 and "FX-2026-" in response.get_data(as_text=True), url
        timings[name] = samples
        log(f"{name}: p50 {statistics.median(samples):.1f} ms, p95 {percentile(samples, 0.95):.1f} ms")
    return timings


def run_export(client, fmt: str) -> tuple[float, int]:
    """(seconds, bytes) for downloading the whole export, consuming the stream chunk by chunk."""
    began = time.perf_counter()
    size = 0
    response = client.get(f"/review/export.{fmt}", buffered=False)
    try:
        for chunk in response.response:
            size += len(chunk)
    finally:
        response.close()
    return time.perf_counter() - began, size


def signed_in_client(url: str, instance: str):
    settings = TestConfig.as_dict()
    app = create_app({**settings, "DATABASE_URL": url, "INSTANCE_DIR": instance, "WTF_CSRF_ENABLED": False,
                      "MAIL_OUTBOX_DIR": f"{instance}/outbox", "UPLOAD_DIR": f"{instance}/uploads"})
    client = app.test_client()
    signed_in = client.post("/login", data={"email": "hr.city@bench.example", "password": PASSWORD})
    assert signed_in.status_code == 302, "could not sign in"
    return client


def export_child(url: str, fmt: str) -> None:
    """Run one export in this (fresh) process; print {seconds, bytes, peak_rss_mb} as JSON."""
    with tempfile.TemporaryDirectory(prefix="fx-bench-export-") as instance:
        client = signed_in_client(url, instance)
        before_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # kilobytes on Linux
        seconds, size = run_export(client, fmt)
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"seconds": seconds, "bytes": size, "peak_rss_mb": peak_kb / 1024,
                      "peak_rss_before_export_mb": before_kb / 1024}))


def measure_export(url: str, fmt: str) -> dict:
    result = subprocess.run([sys.executable, __file__, "--export-child", fmt, "--database-url", url],
                            capture_output=True, text=True, check=True)
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    log(f"{fmt.upper()} export: {figures['seconds']:.2f} s, {figures['bytes'] / 1e6:.1f} MB, "
        f"peak RSS {figures['peak_rss_mb']:.1f} MB (before the export: {figures['peak_rss_before_export_mb']:.1f} MB)")
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", default=None,
                        help="SQLite URL, or a PostgreSQL server URL (a fresh database is created and dropped)")
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=40, help="timed requests per queue view")
    parser.add_argument("--skip-xlsx", action="store_true")
    parser.add_argument("--export-child", choices=("csv", "xlsx"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.export_child:
        export_child(args.database_url, args.export_child)
        return
    # On SIGTERM, unwind through `finally` so a PostgreSQL database is still dropped.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))

    tmp = tempfile.TemporaryDirectory(prefix="fx-bench-")
    url, cleanup = fresh_database(args.database_url or f"sqlite:///{tmp.name}/bench.sqlite3")
    try:
        log(f"migrating {make_url(db.normalise_url(url)).get_backend_name()} database")
        db.upgrade_database(url)
        engine = db.engine_for(url)
        began = time.perf_counter()
        seed(engine, args.rows)
        log(f"seeded {args.rows} applications in {time.perf_counter() - began:.1f} s")

        client = signed_in_client(url, tmp.name)
        timings = time_queue(client, args.repeats)
        every = [ms for samples in timings.values() for ms in samples]
        db.session.remove()
        csv_figures = measure_export(url, "csv")
        figures = {
            "queue_p50_ms": round(statistics.median(every), 1),
            "queue_p95_ms": round(percentile(every, 0.95), 1),
            "export_s": round(csv_figures["seconds"], 2),
            "export_peak_mb": round(csv_figures["peak_rss_mb"], 1),
            "export_rss_before_mb": round(csv_figures["peak_rss_before_export_mb"], 1),
            "database": engine.dialect.name,
            "rows": args.rows,
            "views": {name: {"p50_ms": round(statistics.median(s), 1), "p95_ms": round(percentile(s, 0.95), 1)}
                      for name, s in timings.items()},
        }
        if not args.skip_xlsx:
            xlsx = measure_export(url, "xlsx")
            figures.update(xlsx_export_s=round(xlsx["seconds"], 2), xlsx_export_peak_mb=round(xlsx["peak_rss_mb"], 1))
    finally:
        db.session.remove()
        cleanup()
        tmp.cleanup()
    print(json.dumps(figures, ensure_ascii=False))


if __name__ == "__main__":
    main()
