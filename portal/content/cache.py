"""A cache of rendered pages keyed by the hash of their source bytes.

Rendering Markdown is most of the cost of loading a large content folder.
An incremental build renders only the files whose bytes changed since the
last run; the rest come from this cache. A file whose stamp (inode,
modification time in nanoseconds, size) is what it was when it was read is
not even read again, as make and rsync judge; a full build reads and
renders everything. Entries
are tied to the reader's version and the cmark-gfm and nh3 versions, so an
upgrade that could change the HTML empties the cache.
"""

from __future__ import annotations

import os
import pickle
import sqlite3
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from portal.content.page import Page

# Bump when the reader's output for the same bytes, or this file's layout, changes.
READER_VERSION = "4"

# Per cache file, the pages this process last loaded from it or stored in it: a portal that
# publishes again and again reuses them instead of unpickling ten thousand pages each time.
_REMEMBERED: dict[str, dict[str, Page]] = {}


def _fingerprint() -> str:
    return f"reader={READER_VERSION};{_renderer_versions()}"


@lru_cache(maxsize=None)
def _renderer_versions() -> str:
    # importlib.metadata takes as long to import as the rest of this module: only when a
    # cache is opened (in build.py, by a forked reader), not before the readers are forked.
    from importlib.metadata import version

    return f"cmarkgfm={version('cmarkgfm')};nh3={version('nh3')}"


def page_cache_path(out_dir: Path) -> Path:
    """Where a site published to ``out_dir`` keeps its page cache: beside it, never inside."""
    out_dir = Path(out_dir).absolute()
    return out_dir.parent / f".{out_dir.name}.pagecache.sqlite"


def file_stamp(stat: os.stat_result) -> str:
    """What a file's metadata says about its bytes: inode, modification time (ns) and size."""
    return f"{stat.st_ino}:{stat.st_mtime_ns}:{stat.st_size}"


class PageCache:
    """Pages stored by (source path, sha256) in a small SQLite file, with the stamp
    (``file_stamp``) the file had when it was read.

    Use as a context manager: a clean exit commits what was stored.
    """

    def __init__(self, path: Path) -> None:
        self.path = path = Path(path).absolute()
        self._db = sqlite3.connect(path)
        self._rows: dict[str, tuple[str, str, bytes | None]] | None = None
        self._db.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        row = self._db.execute("SELECT value FROM meta WHERE key = 'fingerprint'").fetchone()
        if row is None or row[0] != _fingerprint():
            self._db.execute("DROP TABLE IF EXISTS pages")
            self._db.execute("INSERT OR REPLACE INTO meta VALUES ('fingerprint', ?)", (_fingerprint(),))
        self._db.execute("CREATE TABLE IF NOT EXISTS pages (source TEXT PRIMARY KEY, sha256 TEXT NOT NULL, "
                         "stamp TEXT NOT NULL, page BLOB NOT NULL)")
        self._db.commit()
        self._memory = _REMEMBERED.setdefault(str(path), {})
        if self._db.execute("SELECT NOT EXISTS (SELECT 1 FROM pages)").fetchone()[0]:
            self._memory.clear()  # a new or emptied cache: nothing remembered can be trusted

    def __enter__(self) -> PageCache:
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            self._db.commit()
        self._db.close()

    def _all_rows(self) -> dict[str, tuple[str, str, bytes | None]]:
        if self._rows is None:
            # One query for the whole cache beats one per file on big sites; when this
            # process remembers the pages, their pickled forms are not needed at all.
            column = "NULL" if self._memory else "page"
            rows = self._db.execute(f"SELECT source, sha256, stamp, {column} FROM pages")
            self._rows = {src: (sha, stamp, blob) for src, sha, stamp, blob in rows}
        return self._rows

    def has(self, source: str) -> bool:
        """Whether some version of ``source`` is cached (if not, there is nothing to compare)."""
        return source in self._all_rows()

    def unchanged_sha(self, source: str, stamp: str) -> str | None:
        """The cached hash of ``source`` if the file still has the stamp it had when it was
        read (so its bytes need not be read and hashed again), else None."""
        row = self._all_rows().get(source)
        return row[0] if row is not None and row[1] == stamp else None

    def get(self, source: str, sha256: str) -> Page | None:
        """The cached page for ``source`` if its bytes still hash to ``sha256``, else None."""
        row = self._all_rows().get(source)
        if row is None or row[0] != sha256:
            return None
        page = self._memory.get(source)
        if page is not None and page.sha256 == sha256:
            return page
        blob = row[2]
        if blob is None:
            blob = self._db.execute("SELECT page FROM pages WHERE source = ?", (source,)).fetchone()[0]
        page = self._memory[source] = pickle.loads(blob)
        return page

    def put(self, page: Page, stamp: str, blob: bytes | None = None) -> None:
        """Store ``page``, read from a file with ``stamp``, under its source path, replacing
        an older version (``blob``: the page already pickled)."""
        self.put_many([(page, stamp, blob)])

    def put_many(self, entries: Iterable[tuple[Page, str, bytes | None]]) -> None:
        """``put(page, stamp, blob)`` for many pages in one statement."""
        rows = []
        for page, stamp, blob in entries:
            blob = blob if blob is not None else pickle.dumps(page, protocol=pickle.HIGHEST_PROTOCOL)
            rows.append((page.source, page.sha256, stamp, blob))
            self._memory[page.source] = page
            if self._rows is not None:
                self._rows[page.source] = (page.sha256, stamp, None)
        self._db.executemany("INSERT OR REPLACE INTO pages VALUES (?, ?, ?, ?)", rows)

    def prune(self, sources: set[str]) -> None:
        """Drop every entry whose source is not in ``sources``."""
        known = [row[0] for row in self._db.execute("SELECT source FROM pages")]
        gone = [s for s in known if s not in sources]
        self._db.executemany("DELETE FROM pages WHERE source = ?", [(s,) for s in gone])
        for source in gone:
            self._memory.pop(source, None)
            if self._rows is not None:
                self._rows.pop(source, None)
