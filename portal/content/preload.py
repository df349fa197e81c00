"""Read and render a content folder in the background while a build starts up.

A full static build of a large site spends its first half second importing the web stack
(Flask, SQLAlchemy, Jinja, Babel) on one core while the other cores idle, and then renders
every Markdown file. ``start_preload`` forks reader processes before those imports, and they
start rendering at once. When the build reaches its load phase, ``Preload.pages()`` joins
in: this process renders from the end of the file list while the readers work from the
front, until they meet. The result is exactly what rendering every file in one process
gives (the same pages, in the same order, and the same first error). ``load_library`` shares
out the files it must render the same way, with readers forked when it needs them.
``cached_preload`` is the incremental build's variant (one reader through the page cache).

Only light modules are imported here; ``portal/__init__.py`` imports the web stack inside
``create_app``, so importing this module does not.
"""
from __future__ import annotations

import os
import pickle
from multiprocessing import get_context
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path

from portal.content.cache import PageCache, file_stamp
from portal.content.errors import ContentError
from portal.content.files import content_file_names, read_content_file
from portal.content.page import Page
from portal.content.rendered import Rendered

# Files taken from the shared list at a time: small enough that neither side waits long for
# the other at the end, large enough that the lock is rarely contended.
SPAN = 16
_CONTEXT = get_context("fork")


class Preload:
    """Content files being rendered by background readers; see the module docstring."""

    def __init__(self, root: Path, readers: int, files: list[tuple[str, str]] | None = None) -> None:
        """Fork ``readers`` processes rendering ``files`` ((path, section) pairs; default:
        every content file under ``root``). With no readers, ``pages()`` renders them all."""
        self.root = Path(root).resolve()
        self.files = content_file_names(str(self.root)) if files is None else files
        # [next index from the front, one past the last index not yet taken from the back]
        self._bounds = _CONTEXT.RawArray("q", [0, len(self.files)])
        self._lock = _CONTEXT.Lock()
        self._writers = []
        self._readers = [start_reader(self._read_from_front) for _ in range(readers)]

    def _take(self, from_front: bool) -> range | None:
        with self._lock:
            front, back = self._bounds[0], self._bounds[1]
            if front >= back:
                return None
            if from_front:
                self._bounds[0] = end = min(back, front + SPAN)
                return range(front, end)
            self._bounds[1] = start = max(front, back - SPAN)
            return range(back - 1, start - 1, -1)

    def _render(self, index: int) -> tuple[Page, str]:
        name, section = self.files[index]
        stamp = file_stamp(os.stat(name))  # taken before the bytes are read (see portal.content.cache)
        return read_content_file(name, self.root, section), stamp

    def _read_from_front(self, send) -> None:
        """A reader process: render spans from the front until the lists meet or a file is bad,
        then send everything back in one message."""
        done: list[tuple[int, bytes, str]] = []
        error: tuple[int, ContentError] | None = None
        try:
            while error is None and (span := self._take(from_front=True)) is not None:
                for index in span:
                    try:
                        page, stamp = self._render(index)
                    except ContentError as exc:
                        error = (index, exc)  # the lowest bad index this reader will see
                        break
                    done.append((index, pickle.dumps(page, protocol=pickle.HIGHEST_PROTOCOL), stamp))
            send.send_bytes(pickle.dumps((done, error), protocol=pickle.HIGHEST_PROTOCOL))
        finally:
            send.close()

    def store(self, cache_file: Path, rendered: list[Rendered]) -> None:
        """Write ``rendered`` into the page cache ``cache_file`` from a forked process, off the
        build's critical path (pickling this process's share and inserting 10,000 rows took
        a quarter of a second). The cache must be new: nothing else writes it meanwhile.
        ``close()`` waits for the writer; a writer cut short leaves a cache that merely lacks
        some pages, which the next build renders again."""
        writer = _CONTEXT.Process(target=_store, args=(cache_file, rendered))
        writer.start()
        self._writers.append(writer)

    def pages(self) -> list[Rendered]:
        """Every file rendered, in file-list order; raises the ContentError of the first bad
        file, as rendering them one by one would."""
        rendered: dict[int, Rendered] = {}
        errors: list[tuple[int, ContentError]] = []
        while (span := self._take(from_front=False)) is not None:
            for index in span:
                try:
                    page, stamp = self._render(index)
                except ContentError as exc:
                    errors.append((index, exc))
                    continue
                rendered[index] = Rendered(page, None, stamp)
        for reader in self._readers:
            done, error = reader_result(*reader)
            rendered.update((index, Rendered(pickle.loads(blob), blob, stamp)) for index, blob, stamp in done)
            if error is not None:
                errors.append(error)
        self._readers = []
        if errors:
            raise min(errors, key=lambda found: found[0])[1]
        return [rendered[index] for index in range(len(self.files))]

    def close(self) -> None:
        """Stop the readers if ``pages()`` was never called (the build failed before loading),
        and wait for the cache writer if one was started."""
        for process, receive in self._readers:
            process.terminate()
            process.join()
            receive.close()
        self._readers = []
        for writer in self._writers:
            writer.join()
        self._writers = []


def start_reader(target, *args) -> tuple[BaseProcess, Connection]:
    """Fork a process running ``target(*args, send)``, and the end of the pipe to hear it on."""
    receive, send = _CONTEXT.Pipe(duplex=False)
    process = _CONTEXT.Process(target=target, args=(*args, send), daemon=True)
    process.start()
    send.close()
    return process, receive


def reader_result(process: BaseProcess, receive: Connection):
    """The one message ``process`` sends back, once it has ended."""
    try:
        return pickle.loads(receive.recv_bytes())
    except EOFError:
        process.join()
        raise RuntimeError(f"a content reader process ended without a result "
                           f"(exit code {process.exitcode})") from None
    finally:
        receive.close()
        process.join()


def _store(cache_file: Path, rendered: list[Rendered]) -> None:
    with PageCache(cache_file) as cache:
        cache.put_many((item.page, item.stamp, item.blob) for item in rendered)
        cache.prune({item.page.source for item in rendered})


def start_preload(content_dir: Path, workers: int) -> Preload | None:
    """Start ``workers - 1`` background readers of ``content_dir`` (None with one worker or
    no content folder). Call before importing the web stack; hand the result to the load."""
    if workers <= 1 or not Path(content_dir).is_dir():
        return None
    return Preload(content_dir, workers - 1)
