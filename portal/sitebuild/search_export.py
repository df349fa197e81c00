"""The public search index of the static site, brought up to date after the pages.

The exporter (``search_index.export_static``) rewrites the whole index, which on a large site
takes far longer than publishing a changed page. So a build publishes its pages first and then,
only when what search holds has changed, exports the index into a scratch folder, copies the
files whose bytes changed into the site (search/) and publishes again. A page is live before
the search index has caught up with it.
"""
from __future__ import annotations

import filecmp
import hashlib
import os
import shutil
import tempfile
from pathlib import Path

from flask import Flask

from portal.publish.atomic import remove_output, staging_prefix
from portal.publish.privacy import PrivacyGuard, PrivacyHit, mask
from portal.site.source import SiteSource

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
    for path in sorted([*package.glob("*.py"), *package.glob("static/*"), Path(__file__).parent.parent /
                        "search_documents.py"]):
        digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()


def search_documents(app: Flask, source: SiteSource) -> list[dict]:
    """The public documents of ``source`` with URLs relative to the site root."""
    from portal.search_documents import documents

    with app.test_request_context("/", base_url="http://localhost/"):
        return documents(source)


def scan_documents(guard: PrivacyGuard, docs: list[dict]) -> list[PrivacyHit]:
    """Personal data in the documents (the exported index is compressed: scan it before)."""
    return [PrivacyHit(f"{SEARCH_DIR}/index ({doc['id']})", term.kind, mask(term.kind, term.value), term.label)
            for doc in docs for term in guard.scan_text(f"{doc['title']}\n{doc.get('body', '')}")]


def export_into(site: Path, target: Path, docs: list[dict]) -> set[str]:
    """Export ``docs`` and make ``site``/search/ hold exactly the export; return the paths changed.

    ``site`` is the stage of a publish of ``target``; the scratch folder sits beside
    ``target`` under a staging name, so a killed run's leftovers are removed by the next.
    """
    from search_index import export_static

    scratch = Path(tempfile.mkdtemp(prefix=staging_prefix(target), dir=target.parent))
    try:
        export_static(docs, scratch, base_url="../")
        return _mirror(scratch, site, SEARCH_DIR)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _files(root: Path) -> set[str]:
    if not root.is_dir():
        return set()
    return {os.path.relpath(os.path.join(d, f), root).replace(os.sep, "/") for d, _, fs in os.walk(root) for f in fs}


def _mirror(source: Path, site: Path, folder: str) -> set[str]:
    target = site / folder
    wanted, present = _files(source), _files(target)
    changed = set()
    for rel in sorted(wanted):
        dest = target / rel
        if rel in present and filecmp.cmp(source / rel, dest, shallow=False):
            continue
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source / rel, dest)
        changed.add(f"{folder}/{rel}")
    for rel in sorted(present - wanted):
        remove_output(site, f"{folder}/{rel}")
        changed.add(f"{folder}/{rel}")
    return changed
