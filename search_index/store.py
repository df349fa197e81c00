"""Where an index lives on disk, and safe access to it from many processes.

Layout of ``<root>/<index_name>/``::

    CURRENT        name of the live generation, replaced atomically
    LOCK           flock()ed by every writer (blocking, so no LockError)
    REBUILD        flock()ed for a whole rebuild, so rebuilds never overlap
    gen-<stamp>/index.sqlite   one SQLite database (FTS5) per generation

A rebuild fills a new generation and then points CURRENT at it; readers
notice on their next query. Writers take LOCK before reading CURRENT, so
no write can land in a generation that is being retired.
"""
from __future__ import annotations

import fcntl
import os
import shutil
import sqlite3
import threading
import time
from contextlib import contextmanager
from pathlib import Path

from .analysis import ANALYSIS_VERSION, DEFAULT_METHOD
from .schema import IndexSchema

DB_NAME = "index.sqlite"
_local = threading.local()


def index_dir(root: str | os.PathLike, index_name: str) -> Path:
    """The directory holding ``index_name`` under ``root``."""
    return Path(root) / index_name


@contextmanager
def _flock(path: Path):
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+b") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def write_lock(directory: Path):
    """Hold the index's exclusive writer lock; blocks until it is free."""
    return _flock(directory / "LOCK")


def rebuild_lock(directory: Path):
    """Hold the lock that makes rebuilds of one index run one at a time
    (writes go on meanwhile; they take ``write_lock``)."""
    return _flock(directory / "REBUILD")


def current_generation(directory: Path) -> Path | None:
    """Path of the live generation's database, or None if there is none yet."""
    try:
        name = (directory / "CURRENT").read_text().strip()
    except FileNotFoundError:
        return None
    return directory / name / DB_NAME if name else None


def new_generation(directory: Path) -> Path:
    """Create and return an empty directory for a new generation."""
    directory.mkdir(parents=True, exist_ok=True)
    stamp = f"gen-{time.time_ns()}-{os.getpid()}"
    path = directory / stamp
    path.mkdir()
    return path


def publish_generation(directory: Path, generation: Path) -> None:
    """Point CURRENT at ``generation`` atomically, then delete older generations
    except the one just replaced (open readers may still use it)."""
    previous = current_generation(directory)
    tmp = directory / f"CURRENT.{os.getpid()}.tmp"
    tmp.write_text(generation.name + "\n")
    os.replace(tmp, directory / "CURRENT")
    keep = {generation.name, previous.parent.name if previous else ""}
    for child in directory.glob("gen-*"):
        if child.name not in keep:
            shutil.rmtree(child, ignore_errors=True)


def connect(db_path: Path, bulk: bool = False) -> sqlite3.Connection:
    """Open a generation's database; ``bulk`` trades durability for speed (rebuilds)."""
    conn = sqlite3.connect(db_path, timeout=60, check_same_thread=False, isolation_level=None)
    conn.execute("PRAGMA busy_timeout = 60000")
    if bulk:
        conn.execute("PRAGMA journal_mode = OFF")
        conn.execute("PRAGMA synchronous = OFF")
        conn.execute("PRAGMA cache_size = -131072")  # 128 MiB while bulk loading
    else:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
    return conn


def create_tables(conn: sqlite3.Connection, schema: IndexSchema, method: str = DEFAULT_METHOD) -> None:
    """Create the tables of ``schema`` in an empty database, recording ``method``."""
    cols = ", ".join(f"{f} TEXT NOT NULL" for f in schema.fields if f not in ("id", "body"))
    conn.executescript(
        f"""
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE docs (rowid INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, {cols}, hash TEXT NOT NULL);
        -- bodies live apart so that filtering and faceting scan narrow rows
        CREATE TABLE bodies (rowid INTEGER PRIMARY KEY, body TEXT NOT NULL);
        CREATE VIEW documents AS SELECT d.*, b.body FROM docs d JOIN bodies b ON b.rowid = d.rowid;
        CREATE VIRTUAL TABLE fts USING fts5(title, body, content = '', tokenize = 'unicode61 remove_diacritics 0');
        CREATE VIRTUAL TABLE vocab USING fts5vocab(fts, 'row');
        CREATE TABLE spell (word TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID;
        CREATE TABLE changes (seq INTEGER PRIMARY KEY AUTOINCREMENT, doc_id TEXT NOT NULL, payload TEXT);
        """
    )
    conn.executemany(
        "INSERT INTO meta VALUES (?, ?)",
        [("schema", schema.name), ("method", method), ("analysis", ANALYSIS_VERSION)],
    )


def reader(directory: Path) -> sqlite3.Connection | None:
    """A cached read connection to the live generation (reopened after a swap),
    or None when the index has never been built."""
    db_path = current_generation(directory)
    if db_path is None or not db_path.exists():
        return None
    cache = getattr(_local, "readers", None)
    if cache is None:
        cache = _local.readers = {}
    key = str(directory.resolve())
    cached = cache.get(key)
    if cached and cached[0] == db_path:
        return cached[1]
    if cached:
        cached[1].close()
    conn = connect(db_path)
    cache[key] = (db_path, conn)
    return conn


def analysis_version_of(conn: sqlite3.Connection) -> str | None:
    """The ANALYSIS_VERSION an index was built with (None if unrecorded)."""
    row = conn.execute("SELECT value FROM meta WHERE key = 'analysis'").fetchone()
    return row[0] if row else None


def method_of(conn: sqlite3.Connection) -> str:
    """The analysis method an index was built with."""
    return conn.execute("SELECT value FROM meta WHERE key = 'method'").fetchone()[0]
