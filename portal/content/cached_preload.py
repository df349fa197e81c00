"""The incremental build's preload: one background reader that loads a content folder
through its page cache while the build imports the web stack (see ``portal.content.preload``)."""
from __future__ import annotations

import pickle
from pathlib import Path

from portal.content.cache import PageCache
from portal.content.errors import ContentError
from portal.content.library import load_library
from portal.content.preload import reader_result, start_reader
from portal.content.rendered import Rendered


class CachedPreload:
    """One background reader that loads a content folder through its page cache (an
    incremental build: nearly every page comes from the cache, the few changed files are
    rendered) while the build imports the web stack. The reader stores what it renders in
    the cache itself (``store`` has nothing left to do)."""

    def __init__(self, root: Path, cache_file: Path) -> None:
        self.root = Path(root).resolve()
        self._process, self._receive = start_reader(self._load, Path(cache_file))

    def _load(self, cache_file: Path, send) -> None:
        try:
            try:
                with PageCache(cache_file) as cache:
                    result = (load_library(self.root, workers=1, cache=cache).pages, None)
            except ContentError as exc:
                result = ((), exc)
            send.send_bytes(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
        finally:
            send.close()

    def pages(self) -> list[Rendered]:
        """Every page of the folder, in source order (raises the reader's ContentError)."""
        pages, error = reader_result(self._process, self._receive)
        if error is not None:
            raise error
        return [Rendered(page, None, "") for page in pages]

    def store(self, cache_file: Path, rendered: list[Rendered]) -> None:
        """Nothing to do: the reader stored what it rendered."""

    def close(self) -> None:
        """Stop the reader if ``pages()`` was never called."""
        if self._process.is_alive():
            self._process.terminate()
        self._process.join()
        self._receive.close()


def start_cached_preload(content_dir: Path, cache_file: Path) -> CachedPreload | None:
    """Start loading ``content_dir`` through the page cache ``cache_file`` in the background
    (None when there is no such folder). Call before importing the web stack."""
    if not Path(content_dir).is_dir():
        return None
    return CachedPreload(content_dir, cache_file)
