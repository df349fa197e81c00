"""A cache of rendered pages keyed by the hash of their source bytes.

Rendering Markdown is most of the cost of loading a large content folder.
An incremental build reads every file (cheap) but renders only those whose
bytes changed since the last run; the rest come from this cache. Entries
are tied to the reader's version and the cmark-gfm and nh3 versions, so an
upgrade that could change the HTML empties the cache.
"""

from __future__ import annotations

import pickle
import sqlite3
from importlib.metadata import version
from pathlib import Path

from portal.content.page import Page

# Bump when the reader's output for the same bytes changes.
READER_VERSION = "2"


def _fingerprint() -> str:
    return f"reader={READER_VERSION};cmarkgfm={version('cmarkgfm')};nh3={version('nh3')}"


class PageCache:
    """Pages stored by (source path, sha256) in a small SQLite file.

    Use as a context manager: a clean exit commits what was stored.
    """

    def __init__(self, path: Path) -> None:
        self._db = sqlite3.connect(Path(path))
        self._rows: dict[str, tuple[str, bytes]] | None = None
        self._db.executescript(
            "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
            "CREATE TABLE IF NOT EXISTS pages (source TEXT PRIMARY KEY, sha256 TEXT NOT NULL, page BLOB NOT NULL);"
        )
        row = self._db.execute("SELECT value FROM meta WHERE key = 'fingerprint'").fetchone()
        if row is None or row[0] != _fingerprint():
            self._db.execute("DELETE FROM pages")
            self._db.execute("INSERT OR REPLACE INTO meta VALUES ('fingerprint', ?)", (_fingerprint(),))
            self._db.commit()

    def __enter__(self) -> PageCache:
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            self._db.commit()
        self._db.close()

    def _all_rows(self) -> dict[str, tuple[str, bytes]]:
        if self._rows is None:  # one query for the whole cache beats one per file on big sites
            rows = self._db.execute("SELECT source, sha256, page FROM pages")
            self._rows = {src: (sha, blob) for src, sha, blob in rows}
        return self._rows

    def has(self, source: str) -> bool:
        """Whether some version of ``source`` is cached (if not, there is nothing to compare)."""
        return source in self._all_rows()

    def get(self, source: str, sha256: str) -> Page | None:
        """The cached page for ``source`` if its bytes still hash to ``sha256``, else None."""
        row = self._all_rows().get(source)
        if row is None or row[0] != sha256:
            return None
        return pickle.loads(row[1])

    def put(self, page: Page, blob: bytes | None = None) -> None:
        """Store ``page`` under its source path, replacing an older version (``blob``: the
        page already pickled)."""
        blob = blob if blob is not None else pickle.dumps(page, protocol=pickle.HIGHEST_PROTOCOL)
        self._db.execute("INSERT OR REPLACE INTO pages VALUES (?, ?, ?)", (page.source, page.sha256, blob))
        if self._rows is not None:
            self._rows[page.source] = (page.sha256, blob)

    def prune(self, sources: set[str]) -> None:
        """Drop every entry whose source is not in ``sources``."""
        known = [row[0] for row in self._db.execute("SELECT source FROM pages")]
        gone = [s for s in known if s not in sources]
        self._db.executemany("DELETE FROM pages WHERE source = ?", [(s,) for s in gone])
        for source in gone if self._rows is not None else ():
            self._rows.pop(source, None)
