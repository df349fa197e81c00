"""The build-state store: what each output was built from, in a small SQLite file.

Each output path (``news/spring-campaign/index.html``) is recorded with the
hash of its bytes and its dependencies: opaque keys such as
``content:news/x.zh.md``, ``template:site/news.html``, ``row:gongshi_batch:12``
or ``listing:news:zh``, each with the hash it had when the output was built.
A dependency marked primary is the output's source: when every primary
source of an output is gone, the output is orphaned and should be removed.

Changes are held in one transaction until ``commit()``. Commit only after
the new site is swapped in, so a killed build leaves the store describing
the site that is actually published.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from collections.abc import Iterable, Mapping
from pathlib import Path

_SCHEMA = """
CREATE TABLE IF NOT EXISTS outputs (
    path TEXT PRIMARY KEY,
    output_hash TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS dependencies (
    output TEXT NOT NULL REFERENCES outputs(path) ON DELETE CASCADE,
    key TEXT NOT NULL,
    hash TEXT NOT NULL,
    is_primary INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (output, key)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS dependencies_by_key ON dependencies(key);
CREATE TABLE IF NOT EXISTS fingerprints (
    output TEXT PRIMARY KEY REFERENCES outputs(path) ON DELETE CASCADE,
    fingerprint TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;
"""


def fingerprint(dependencies: Mapping[str, str]) -> str:
    """One hash of an output's dependency keys and their hashes."""
    digest = hashlib.sha256()
    for key in sorted(dependencies):
        digest.update(f"{key}\0{dependencies[key]}\n".encode("utf-8"))
    return digest.hexdigest()


def default_state_path(site_dir: Path) -> Path:
    """Where the state of a site published to ``site_dir`` is kept: beside it, never inside."""
    site_dir = Path(site_dir).absolute()
    return site_dir.parent / f".{site_dir.name}.buildstate.sqlite"


class BuildState:
    """Recorded outputs, their dependency hashes and output hashes.

    Use as a context manager: a clean exit commits, an exception rolls back.
    """

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._db = sqlite3.connect(self.path)
        self._db.execute("PRAGMA foreign_keys = ON")
        self._db.executescript(_SCHEMA)

    def __enter__(self) -> BuildState:
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            self.commit()
        else:
            self._db.rollback()
        self.close()

    def commit(self) -> None:
        """Make every change since the last commit durable."""
        self._db.commit()

    def close(self) -> None:
        """Close the database; uncommitted changes are discarded."""
        self._db.close()

    def record(
        self,
        output: str,
        dependencies: Mapping[str, str],
        output_hash: str,
        primary: Iterable[str] = (),
    ) -> None:
        """Remember that ``output`` (hash ``output_hash``) was built from ``dependencies``.

        Replaces whatever was recorded for ``output`` before. Every key in
        ``primary`` must also be in ``dependencies``.
        """
        primary = set(primary)
        if not primary <= dependencies.keys():
            raise ValueError(f"primary keys {sorted(primary - dependencies.keys())} are not dependencies")
        self._db.execute("DELETE FROM outputs WHERE path = ?", (output,))
        self._db.execute("INSERT INTO outputs (path, output_hash) VALUES (?, ?)", (output, output_hash))
        self._db.execute("INSERT INTO fingerprints (output, fingerprint) VALUES (?, ?)",
                         (output, fingerprint(dependencies)))
        self._db.executemany(
            "INSERT INTO dependencies (output, key, hash, is_primary) VALUES (?, ?, ?, ?)",
            [(output, key, value, key in primary) for key, value in dependencies.items()],
        )

    def record_many(self, records: Iterable[tuple[str, Mapping[str, str], str, Iterable[str]]],
                    fingerprints: Mapping[str, str] | None = None) -> None:
        """``record(output, dependencies, output_hash, primary)`` for many outputs in one go,
        each with the fingerprint of its dependencies (see ``stale_fingerprints``), taken from
        ``fingerprints`` when the caller has worked them out already."""
        records = list(records)
        for output, dependencies, _hash, primary in records:
            if not set(primary) <= dependencies.keys():
                raise ValueError(f"primary keys of {output} are not all dependencies")
        self._db.executemany("DELETE FROM outputs WHERE path = ?", [(r[0],) for r in records])
        self._db.executemany("INSERT INTO outputs (path, output_hash) VALUES (?, ?)", [(r[0], r[2]) for r in records])
        self._db.executemany(
            "INSERT INTO dependencies (output, key, hash, is_primary) VALUES (?, ?, ?, ?)",
            [(output, key, value, key in set(primary))
             for output, dependencies, _hash, primary in records for key, value in dependencies.items()],
        )
        known = fingerprints or {}
        self._db.executemany("INSERT INTO fingerprints (output, fingerprint) VALUES (?, ?)",
                             [(r[0], known.get(r[0]) or fingerprint(r[1])) for r in records])

    def stale_fingerprints(self, current: Mapping[str, str], site_dir: Path | None = None) -> set[str]:
        """Like ``stale``, given each output's current ``fingerprint`` of its dependencies.

        An output is stale when it has no recorded fingerprint (never recorded, or recorded
        with ``record``), when its fingerprint differs, or (with ``site_dir``) when its file
        is missing. Comparing one fingerprint per output instead of every dependency row keeps
        a no-change check of a large site fast.
        """
        recorded = dict(self._db.execute("SELECT output, fingerprint FROM fingerprints"))
        stale = {output for output, value in current.items() if recorded.get(output) != value}
        if site_dir is not None:
            stale |= {output for output in current.keys() - stale if not os.path.isfile(os.path.join(site_dir, output))}
        return stale

    def forget(self, output: str) -> None:
        """Drop everything recorded for ``output`` (after it was removed from the site)."""
        self._db.execute("DELETE FROM outputs WHERE path = ?", (output,))

    def clear(self) -> None:
        """Forget every output: the next build is a full build (stored values are kept)."""
        self._db.execute("DELETE FROM outputs")

    def get_meta(self, key: str) -> str | None:
        """A value the build stored about the site as a whole (e.g. the privacy terms' hash)."""
        row = self._db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        """Store ``value`` under ``key``, committed with everything else."""
        self._db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))

    def outputs(self) -> dict[str, str]:
        """Every recorded output path with its output hash."""
        return dict(self._db.execute("SELECT path, output_hash FROM outputs"))

    def dependencies(self, output: str) -> dict[str, str]:
        """The dependency keys and hashes recorded for ``output`` (empty if unknown)."""
        rows = self._db.execute("SELECT key, hash FROM dependencies WHERE output = ?", (output,))
        return dict(rows)

    def stale(
        self,
        outputs: Iterable[str],
        current: Mapping[str, str],
        site_dir: Path | None = None,
    ) -> set[str]:
        """The subset of ``outputs`` that must be rendered again.

        An output is stale when it was never recorded, when any recorded
        dependency is missing from ``current`` or has a different hash
        there, or (if ``site_dir`` is given) when its file is missing from
        ``site_dir``. A page whose set of dependencies can grow (a listing
        gaining an item) must depend on a key whose hash covers the set.
        """
        recorded: dict[str, list[tuple[str, str]]] = {}
        for output, key, value in self._db.execute("SELECT output, key, hash FROM dependencies"):
            recorded.setdefault(output, []).append((key, value))
        known = self.outputs()
        stale = set()
        for output in outputs:
            if output not in known:
                stale.add(output)
            elif any(current.get(key) != value for key, value in recorded.get(output, ())):
                stale.add(output)
            elif site_dir is not None and not (Path(site_dir) / output).is_file():
                stale.add(output)
        return stale

    def orphaned(self, current: Mapping[str, str] | Iterable[str]) -> set[str]:
        """Recorded outputs whose primary sources are all absent from ``current``.

        ``current`` holds the dependency keys that still exist (a mapping of
        key to hash, or just the keys). Outputs without a primary source
        (the home page, listings) are never orphaned.
        """
        existing = set(current)
        sources: dict[str, list[str]] = {}
        rows = self._db.execute("SELECT output, key FROM dependencies WHERE is_primary")
        for output, key in rows:
            sources.setdefault(output, []).append(key)
        return {output for output, keys in sources.items() if not existing.intersection(keys)}
