"""Vet each page as it is rendered: hash it, scan it for personal data, check its links.

Doing this on the response in memory, in the worker process that rendered it, saves
reading every file back after the build, and spreads the work over every core.
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field

from portal.sitebuild.check.linkcheck import BrokenLink, check_html
from portal.sitebuild.check.privacy import PrivacyGuard, PrivacyHit, mask


def _text(data: bytes, text: str | None = None) -> str | None:
    """``data`` as text by the privacy guard's own rule for what counts as a text file, or
    None. ``text``, if given, is what ``data`` was encoded from (as UTF-8): no need to decode."""
    if b"\x00" in data[:8192]:
        return None
    if text is not None:
        return text[1:] if text.startswith("\ufeff") else text  # as utf-8-sig decodes it
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None


@dataclass
class Vetting:
    """What a build checks each rendered page against, and what it found.

    ``site_files`` holds every file the finished site will have (relative paths), so links
    can be checked before the rest of the site is written; None skips the link check.
    """

    guard: PrivacyGuard | None
    base_path: str
    site_files: frozenset[str] | None
    hashes: dict[str, tuple[str, int]] = field(default_factory=dict)
    hits: list[PrivacyHit] = field(default_factory=list)
    broken: list[BrokenLink] = field(default_factory=list)
    _seen: dict = field(default_factory=dict)

    def inspect(self, rel: str, data: bytes, text: str | None = None) -> None:
        """Record the hash of the file ``rel`` holding ``data``, and any hit or broken link in
        it. ``text``: the str ``data`` was encoded from as UTF-8, when the caller has it."""
        self.hashes[rel] = (hashlib.sha256(data).hexdigest(), len(data))
        text = _text(data, text) if self.guard is not None or self.site_files is not None else None
        if text is None:
            return
        if self.guard is not None:
            self.hits.extend(PrivacyHit(rel, t.kind, mask(t.kind, t.value), t.label)
                             for t in self.guard.scan_text(text))
        if self.site_files is not None and rel.endswith((".html", ".htm")):
            self.broken.extend(check_html(rel, text, self.base_path, self.site_files.__contains__, self._seen))

    def drain(self) -> tuple[list[PrivacyHit], list[BrokenLink]]:
        """The hits and broken links found since the last drain (for a worker to report)."""
        found = (self.hits, self.broken)
        self.hits, self.broken = [], []
        return found


def files_of(paths: Iterable[str]) -> frozenset[str]:
    """The site's file set, NFC paths as Frozen-Flask writes them."""
    return frozenset(paths)
