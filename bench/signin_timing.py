"""Sign-in timing for a known and an unknown account: does the response time tell them apart?

Signs in through the Flask test client against a fresh SQLite database, with the production
password hash (werkzeug's default scrypt cost), TRIES times each, interleaved so drift hits both:
a known account with a wrong password, an unknown address, and (for reference) the known account
with its right password. Throttling is raised out of the way so every try reaches the hash check.

    .venv/bin/python bench/signin_timing.py [--tries 30]

Prints progress to stderr and ONE JSON line of figures (milliseconds) to stdout at the end.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from portal import create_app  # noqa: E402
from portal.accounts import users as accounts  # noqa: E402
from portal.kernel import db
from portal.kernel.config import Config, TestConfig  # noqa: E402

PASSWORD = "bench-pass1"


def make_app(folder: Path):
    """The portal with test settings but the production hash cost, on a fresh SQLite file."""
    settings = {key: getattr(TestConfig, key) for key in dir(TestConfig) if key.isupper()}
    url = f"sqlite:///{folder / 'bench.sqlite3'}"
    db.upgrade_database(url)
    return create_app({**settings, "DATABASE_URL": url, "INSTANCE_DIR": str(folder),
                       "MAIL_OUTBOX_DIR": str(folder / "outbox"), "WTF_CSRF_ENABLED": False,
                       "PASSWORD_HASH_METHOD": Config.PASSWORD_HASH_METHOD,
                       "LOGIN_MAX_FAILURES": 10**6, "LOGIN_MAX_FAILURES_PER_IP": 10**6})


def timed_post(client, email: str, password: str, expected: int) -> float:
    start = time.perf_counter()
    response = client.post("/login", data={"email": email, "password": password})
    elapsed = (time.perf_counter() - start) * 1000
    assert response.status_code == expected, (email, response.status_code)
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tries", type=int, default=30)
    tries = parser.parse_args().tries
    with tempfile.TemporaryDirectory() as tmp:
        app = make_app(Path(tmp))
        with app.app_context():
            accounts.create_user("known@example.com", PASSWORD)
        times = {"known_wrong_password": [], "unknown_account": [], "known_right_password": []}
        client = app.test_client()
        timed_post(client, "warm-up@example.com", "x", 200)  # first request compiles templates
        for n in range(tries):
            times["known_wrong_password"].append(timed_post(client, "known@example.com", "wrong-pass1", 200))
            times["unknown_account"].append(timed_post(client, f"nobody{n}@example.com", "wrong-pass1", 200))
            times["known_right_password"].append(timed_post(app.test_client(), "known@example.com", PASSWORD, 302))
            print(f"try {n + 1}/{tries}", file=sys.stderr, flush=True)
    medians = {name: round(statistics.median(values), 1) for name, values in times.items()}
    known, unknown = medians["known_wrong_password"], medians["unknown_account"]
    ratio = round(max(known, unknown) / min(known, unknown), 3)
    print(json.dumps({"bench": "signin_timing", "tries": tries, "hash": Config.PASSWORD_HASH_METHOD,
                      "median_ms": medians, "known_vs_unknown_ratio": ratio, "within_20_percent": ratio <= 1.2}))


if __name__ == "__main__":
    main()
