"""The public search index of the static site, brought up to date after the pages.

The exporter (``search_index.export_static``) works out the whole index again, which on a
large site takes far longer than publishing a changed page. So a build publishes its pages
first and then, only when what search holds has changed, exports the index straight into a
publish stage, where only files whose data changed are compressed and written (search-index/),
and publishes again. A page is live before the search index has caught up with it.
"""
from __future__ import annotations

import hashlib
import os
from pathlib import Path

from flask import Flask

from portal.site.source import SiteSource
from portal.sitebuild.check.privacy import PrivacyGuard, PrivacyHit, mask
from portal.sitebuild.index.documents import documents
from portal.sitebuild.publish.atomic import remove_output

SEARCH_DIR = "search-index"  # the exporter owns this folder; the search page is /search/
# Files the search page refers to: known to the link checker before they are exported.
SEARCH_FILES = frozenset({f"{SEARCH_DIR}/search.js", f"{SEARCH_DIR}/search.html", f"{SEARCH_DIR}/index/meta.json"})
_INPUT_PREFIXES = ("content:", "row:", "rows:", "site:wide")


def search_key(current: dict[str, str]) -> str:
    """A hash of everything the search documents are made from, and of the exporter itself."""
    import search_index

    digest = hashlib.sha256()
    for key in sorted(k for k in current if k.startswith(_INPUT_PREFIXES)):
        digest.update(f"{key}\0{current[key]}\n".encode())
    package = Path(search_index.__file__).parent
    for path in sorted([*package.glob("*.py"), *package.glob("static/*"), Path(__file__).parent /
                        "documents.py"]):
        digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()


def search_documents(app: Flask, source: SiteSource) -> list[dict]:
    """The public documents of ``source`` with URLs relative to the site root."""
    with app.test_request_context("/", base_url="http://localhost/"):
        return documents(source)


def scan_documents(guard: PrivacyGuard, docs: list[dict]) -> list[PrivacyHit]:
    """Personal data in the documents (the exported index is compressed: scan it before)."""
    return [PrivacyHit(f"{SEARCH_DIR}/index ({doc['id']})", term.kind, mask(term.kind, term.value), term.label)
            for doc in docs for term in guard.scan_text(f"{doc['title']}\n{doc.get('body', '')}")]


def export_into(site: Path, docs: list[dict], known: dict[str, str]) -> tuple[set[str], dict[str, str]]:
    """Export ``docs`` into ``site``/search-index/, writing only files whose bytes change.

    ``site`` is the stage of a publish; ``known`` maps each file its search folder holds to
    the hash of the data it was made from (what the last export returned; empty when
    unknown). Returns the site paths changed, and the map to keep for the next export.
    """
    from search_index import export_static

    sink = _ChangedFilesSink(site / SEARCH_DIR, known)
    export_static(docs, None, base_url="../", sink=sink)
    return sink.finish(), sink.made


class _ChangedFilesSink:
    """Receives the exporter's files; compresses and writes only those whose data changed.

    A one-page edit changes a handful of the thousands of files of a large index: the rest
    are recognised by the hash of their data (``known``) and cost neither gzip nor a write.
    """

    def __init__(self, folder: Path, known: dict[str, str]) -> None:
        from search_index.export import gzip_bytes

        self.folder, self.known, self._gzip = folder, known, gzip_bytes
        self.made: dict[str, str] = {}
        self.changed: set[str] = set()

    def write(self, rel: str, data: bytes, compress: bool = False) -> None:
        key = hashlib.sha256(data).hexdigest() + (".gz" if compress else "")
        self.made[rel] = key
        path = self.folder / rel
        if self.known.get(rel) == key and path.is_file():
            return
        blob = self._gzip(data) if compress else data
        if path.is_file() and path.read_bytes() == blob:
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(blob)
        self.changed.add(rel)

    def finish(self) -> set[str]:
        """Remove what the export no longer has; the site paths changed."""
        stale = _files(self.folder) - self.made.keys()
        for rel in sorted(stale):
            remove_output(self.folder.parent, f"{SEARCH_DIR}/{rel}")
        return {f"{SEARCH_DIR}/{rel}" for rel in self.changed | stale}


def _files(root: Path) -> set[str]:
    if not root.is_dir():
        return set()
    return {os.path.relpath(os.path.join(d, f), root).replace(os.sep, "/") for d, _, fs in os.walk(root) for f in fs}
