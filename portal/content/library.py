"""Load a whole content folder into an immutable, indexed Library."""

from __future__ import annotations

import dataclasses
import hashlib
import os
import posixpath
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from portal.content.assets import refresh_assets
from portal.content.cache import PageCache, file_stamp
from portal.content.errors import ContentError
from portal.content.files import content_file_names
from portal.content.page import Asset, Page
from portal.content.preload import Preload
from portal.content.rendered import ContentPreload, Rendered

# Below this many files a process pool costs more than it saves.
_PARALLEL_THRESHOLD = 400


def _from_preload(preload: ContentPreload, cache: PageCache | None) -> Library:
    rendered = preload.pages()
    if cache is not None:
        preload.store(cache.path, rendered)
    return Library.from_pages(item.page for item in rendered)


def _newest_first(pages: Iterable[Page]) -> tuple[Page, ...]:
    return tuple(sorted(pages, key=lambda p: (p.meta.date, p.meta.slug), reverse=True))


@dataclass(frozen=True)
class Library:
    """Every page of a content folder, indexed for the public site.

    Listings (``section``, ``tagged``, ``tags``) hold published pages only,
    newest first (ties broken by slug, so order is stable); ``get`` and
    ``pages`` also see drafts, so a preview can show them.
    """

    pages: tuple[Page, ...]
    _by_key: MappingProxyType = field(repr=False)
    _listings: MappingProxyType = field(repr=False)
    _tagged: MappingProxyType = field(repr=False)

    @classmethod
    def from_pages(cls, pages: Iterable[Page]) -> Library:
        """Index ``pages``; raises ContentError if two share section, lang and slug."""
        by_key: dict[tuple[str, str, str], Page] = {}
        for page in sorted(pages, key=lambda p: p.source):
            if page.key in by_key:
                other = by_key[page.key].source
                raise ContentError(page.source, "slug", f"{page.meta.slug!r} is already used by {other}")
            by_key[page.key] = page
        listings: dict[tuple[str, str], list[Page]] = defaultdict(list)
        tagged: dict[tuple[str, str, str], list[Page]] = defaultdict(list)
        for page in by_key.values():
            if page.meta.draft:
                continue
            listings[(page.section, page.meta.lang)].append(page)
            for tag in page.meta.tags:
                tagged[(page.section, page.meta.lang, tag)].append(page)
        return cls(
            pages=tuple(by_key.values()),
            _by_key=MappingProxyType(by_key),
            _listings=MappingProxyType({k: _newest_first(v) for k, v in listings.items()}),
            _tagged=MappingProxyType({k: _newest_first(v) for k, v in tagged.items()}),
        )

    def section(self, section: str, lang: str) -> tuple[Page, ...]:
        """Published pages of ``section`` in ``lang``, newest first (empty if none)."""
        return self._listings.get((section, lang), ())

    def get(self, section: str, lang: str, slug: str) -> Page | None:
        """The page with this key, draft or not, or None."""
        return self._by_key.get((section, lang, slug))

    def translations(self, page: Page) -> tuple[Page, ...]:
        """Published pages with the same section and slug in the other languages."""
        return tuple(
            other
            for lang in ("zh", "en")
            if lang != page.meta.lang
            and (other := self._by_key.get((page.section, lang, page.meta.slug))) is not None
            and not other.meta.draft
        )

    def tags(self, section: str, lang: str) -> tuple[str, ...]:
        """The tags used by published pages of ``section`` in ``lang``, sorted."""
        return tuple(sorted(t for (s, lng, t) in self._tagged if s == section and lng == lang))

    def tagged(self, section: str, lang: str, tag: str) -> tuple[Page, ...]:
        """Published pages of ``section`` in ``lang`` carrying ``tag``, newest first."""
        return self._tagged.get((section, lang, tag), ())

    def published(self) -> Iterator[Page]:
        """Every non-draft page, in source-path order."""
        return (p for p in self.pages if not p.meta.draft)

    def dependency_hashes(self) -> dict[str, str]:
        """Build-state keys of everything a page can be built from, mapped to hashes.

        ``content:<source>`` and ``asset:<path>`` hash the bytes of each file;
        ``listing:<section>:<lang>`` and ``tag:<section>:<lang>:<tag>`` hash
        what a listing shows of its published members (see ``members_hash``),
        so a listing goes stale when an item is added, removed, retitled or
        re-dated, but not when only an item's body changes.
        """
        hashes = {p.dependency_key: p.sha256 for p in self.pages}
        for page in self.pages:
            for asset in page.assets:
                hashes[asset_dependency_key(page, asset)] = asset.sha256
        for (section, lang), pages in self._listings.items():
            hashes[f"listing:{section}:{lang}"] = members_hash(pages)
        for (section, lang, tag), pages in self._tagged.items():
            hashes[f"tag:{section}:{lang}:{tag}"] = members_hash(pages)
        return hashes


def members_hash(pages: Iterable[Page]) -> str:
    """A hash of what a listing shows of ``pages``: their order, keys and metadata, not bodies.

    Use it for finer keys too, e.g. one per paginated chunk of a listing.
    """
    digest = hashlib.sha256()
    for page in pages:
        digest.update(repr((page.key, page.meta)).encode("utf-8"))
        digest.update(b"\n")
    return digest.hexdigest()


def asset_dependency_key(page: Page, asset: Asset) -> str:
    """Build-state key of ``asset``: its path relative to the content root."""
    return "asset:" + posixpath.normpath(posixpath.join(posixpath.dirname(page.source), asset.ref))


def _render_all(root: Path, files: list[tuple[str, str]], workers: int) -> list[Rendered]:
    """Each file rendered, in order: by this process alone when there are few, else shared with
    ``workers - 1`` forked readers the way a preload shares them (``portal.content.preload``)."""
    readers = workers - 1 if len(files) >= _PARALLEL_THRESHOLD else 0
    return Preload(root, readers, files).pages()


def load_library(root: Path, workers: int | None = None, cache: PageCache | None = None,
                 preload: ContentPreload | None = None) -> Library:
    """Read every content file under ``root`` into a Library.

    The first bad file raises ContentError naming the file and the field.
    Files are rendered with a process pool of ``workers`` processes
    (default: one per CPU) when there are many. With a ``cache``, only files
    whose bytes changed since they were cached are rendered again (their
    images are re-hashed either way), and a file whose stamp is unchanged is
    not read at all (see ``portal.content.cache``). With a ``preload`` of this
    folder started earlier (see ``portal.content.preload``), every file is taken
    from it instead, and stored in the cache. The result never depends on
    ``workers``, the cache or the preload.
    """
    root = Path(root).resolve()
    if preload is not None and preload.root == root:
        return _from_preload(preload, cache)
    prefix = len(str(root)) + 1
    pages: list[Page] = []
    todo: list[tuple[str, str]] = []
    for name, section in content_file_names(str(root)):
        source = name[prefix:].replace(os.sep, "/")
        if cache is None or not cache.has(source):
            todo.append((name, section))  # nothing to compare with: render it
            continue
        sha = cache.unchanged_sha(source, file_stamp(os.stat(name)))
        if sha is None:
            with open(name, "rb") as handle:
                sha = hashlib.sha256(handle.read()).hexdigest()
        cached = cache.get(source, sha)
        if cached is not None and cached.section == section:
            if cached.assets:
                cached = dataclasses.replace(cached, assets=refresh_assets(cached.assets, Path(name)))
            pages.append(cached)
        else:
            todo.append((name, section))
    rendered = _render_all(root, todo, workers or os.cpu_count() or 1)
    if cache is not None:
        cache.put_many((item.page, item.stamp, item.blob) for item in rendered)
        cache.prune({p.source for p in pages} | {item.page.source for item in rendered})
    return Library.from_pages(pages + [item.page for item in rendered])
