"""Where an index lives on disk, and safe access to it from many processes.

Layout of ``<root>/<index_name>/``::

    CURRENT        name of the live generation, replaced atomically
    LOCK           flock()ed by every writer (blocking, so no LockError)
    REBUILD        flock()ed for a whole rebuild, so rebuilds never overlap
    gen-<stamp>/   one Whoosh index per generation, plus
        meta.json      schema name, analysis method and ANALYSIS_VERSION
        changes.jsonl  every update applied to this generation (replayed by a rebuild)

A rebuild fills a new generation and then points CURRENT at it; readers
notice on their next query. Writers take LOCK before reading CURRENT and
before opening a Whoosh writer, so Whoosh's own (failing) write lock is
never contended, and no write can land in a generation being retired.
"""
from __future__ import annotations

import fcntl
import json
import os
import shutil
import threading
import time
from contextlib import contextmanager
from pathlib import Path

from whoosh import index as whoosh_index

from .analysis import ANALYSIS_VERSION, DEFAULT_METHOD
from .schema import whoosh_schema

META_NAME = "meta.json"
CHANGES_NAME = "changes.jsonl"
SEQ_NAME = "changes.seq"
CHANGES_MAX_BYTES = 32 << 20  # the log is cut to its newer half beyond this
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
    """The live generation's directory, or None if there is none yet."""
    try:
        name = (directory / "CURRENT").read_text().strip()
    except FileNotFoundError:
        return None
    return directory / name if name else None


def new_generation(directory: Path) -> Path:
    """Create and return an empty directory for a new generation."""
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"gen-{time.time_ns()}-{os.getpid()}"
    path.mkdir()
    return path


def publish_generation(directory: Path, generation: Path) -> None:
    """Point CURRENT at ``generation`` atomically, then delete older generations
    except the one just replaced (open readers may still use it)."""
    previous = current_generation(directory)
    tmp = directory / f"CURRENT.{os.getpid()}.tmp"
    tmp.write_text(generation.name + "\n")
    os.replace(tmp, directory / "CURRENT")
    keep = {generation.name, previous.name if previous else ""}
    for child in directory.glob("gen-*"):
        if child.name not in keep:
            shutil.rmtree(child, ignore_errors=True)


def create_index(generation: Path, schema_name: str, method: str = DEFAULT_METHOD):
    """Create an empty Whoosh index in ``generation``, recording what made it."""
    meta = {"schema": schema_name, "method": method, "analysis": ANALYSIS_VERSION}
    (generation / META_NAME).write_text(json.dumps(meta))
    return whoosh_index.create_in(str(generation), whoosh_schema(method))


def read_meta(generation: Path) -> dict:
    """What made a generation: schema, method, analysis (empty if unknown,
    e.g. a generation left by an older engine)."""
    try:
        return json.loads((generation / META_NAME).read_text())
    except (FileNotFoundError, ValueError):
        return {}


def is_index(generation: Path | None) -> bool:
    """Whether ``generation`` holds a Whoosh index this code can read."""
    return generation is not None and bool(read_meta(generation)) and whoosh_index.exists_in(str(generation))


def open_index(generation: Path):
    """Open the Whoosh index of a generation."""
    return whoosh_index.open_dir(str(generation))


class Reader:
    """A live generation opened for searching: its meta and a Whoosh searcher
    that is refreshed when writers have committed since."""

    def __init__(self, generation: Path):
        self.generation = generation
        self.meta = read_meta(generation)
        self.method = self.meta.get("method", DEFAULT_METHOD)
        self.index = open_index(generation)
        self.searcher = self.index.searcher()

    def fresh(self):
        """The searcher, reopened if writers have committed since it was opened.
        (Not ``Searcher.refresh()``: it leaves merged-away segments' files open.)"""
        if not self.searcher.up_to_date():
            old, self.searcher = self.searcher, self.index.searcher()
            old.close()
        return self.searcher


def reader(directory: Path) -> Reader | None:
    """A per-thread cached ``Reader`` of the live generation (reopened after a
    swap, refreshed after writes), or None when the index has never been built."""
    generation = current_generation(directory)
    if not is_index(generation):
        return None
    cache = getattr(_local, "readers", None)
    if cache is None:
        cache = _local.readers = {}
    key = str(directory.resolve())
    cached = cache.get(key)
    if cached is None or cached.generation != generation:
        if cached is not None:
            cached.searcher.close()
        cached = cache[key] = Reader(generation)
    cached.fresh()
    return cached


def close_reader(directory: Path) -> None:
    """Close and forget this thread's cached reader of ``directory`` (e.g. a scratch index)."""
    cached = getattr(_local, "readers", {}).pop(str(directory.resolve()), None)
    if cached is not None:
        cached.searcher.close()


def close_readers() -> None:
    """Close and forget every reader this thread has cached (e.g. before its folders go)."""
    for cached in getattr(_local, "readers", {}).values():
        cached.searcher.close()
    _local.readers = {}


def log_changes(generation: Path, changes: list[tuple[str, dict | None]]) -> None:
    """Append (doc_id, row-or-None) changes to the generation's log (write lock held)."""
    seq_path = generation / SEQ_NAME
    seq = int(seq_path.read_text()) if seq_path.exists() else 0
    lines = []
    for doc_id, row in changes:
        seq += 1
        lines.append(json.dumps({"seq": seq, "id": doc_id, "doc": row}, ensure_ascii=False) + "\n")
    log = generation / CHANGES_NAME
    with open(log, "a", encoding="utf-8") as handle:
        handle.writelines(lines)
    seq_path.write_text(str(seq))
    if log.stat().st_size > CHANGES_MAX_BYTES:
        kept = log.read_text(encoding="utf-8").splitlines(keepends=True)
        tmp = generation / (CHANGES_NAME + ".tmp")
        tmp.write_text("".join(kept[len(kept) // 2:]), encoding="utf-8")
        os.replace(tmp, log)


def last_seq(generation: Path | None) -> int:
    """Number of the last change logged in ``generation`` (0 if none)."""
    try:
        return int((generation / SEQ_NAME).read_text())
    except (TypeError, FileNotFoundError):
        return 0


def changes_since(generation: Path, seq: int) -> list[tuple[str, dict | None]]:
    """Changes logged in ``generation`` after ``seq``, oldest first."""
    try:
        lines = (generation / CHANGES_NAME).read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return []
    entries = (json.loads(line) for line in lines if line)
    return [(e["id"], e["doc"]) for e in entries if e["seq"] > seq]
