"""Atomic publish: build beside the target folder, then swap it in.

The target folder always holds a complete site. A build writes into a
staging folder next to it (same parent, so renames never cross a file
system) and, only when the build has finished, the two are swapped. On
Linux the swap is a single ``renameat2(RENAME_EXCHANGE)``; elsewhere it is
two renames, and a run that finds the target missing but a kept old site
beside it puts the old site back before doing anything else. Leftover
staging and old folders from a killed run are removed by the next run.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import fcntl
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def staging_prefix(target: Path) -> str:
    """Name prefix of the staging folders a build of ``target`` creates."""
    return f".{target.name}.staging-"


def old_prefix(target: Path) -> str:
    """Name prefix of the previous site kept while a two-rename swap runs."""
    return f".{target.name}.old-"


@contextmanager
def atomic_publish(target: Path, seed: str | None = None) -> Iterator[Path]:
    """Yield a staging folder; on a clean exit, make it ``target``.

    If the block raises (or the process dies), ``target`` is left exactly as
    it was and the staging folder is discarded (now, or by the next run).
    For incremental builds the staging folder can start as the current site:
    ``seed="link"`` hard-links every file (fast, but then change files only
    through ``replace_file`` and ``remove_output``: a writer that rewrites a
    file in place, as Frozen-Flask does, would change the live site too);
    ``seed="copy"`` copies them (slower, safe for any writer). Without a
    seed the staging folder starts empty. Concurrent publishes of the same
    target are serialised by a lock file.
    """
    if seed not in (None, "link", "copy"):
        raise ValueError(f"seed must be None, 'link' or 'copy', got {seed!r}")
    target = Path(target).absolute()
    target.parent.mkdir(parents=True, exist_ok=True)
    with _locked(target):
        recover_interrupted_swap(target)
        remove_stale(target)
        staging = Path(tempfile.mkdtemp(prefix=staging_prefix(target), dir=target.parent))
        os.chmod(staging, 0o755)  # mkdtemp's 0700 would hide the site from the web server
        try:
            if seed and target.is_dir():
                _seed_tree(target, staging, link=seed == "link")
            yield staging
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        _swap_in(staging, target)


def replace_file(path: Path, data: bytes) -> bool:
    """Make ``path`` hold ``data`` without touching any hard-linked twin.

    Writes a new file and renames it over ``path``, so a file shared with the
    live site through ``seed=True`` keeps its old bytes there. Returns False
    (and writes nothing) when ``path`` already holds exactly ``data``.
    """
    try:
        if path.stat().st_size == len(data) and path.read_bytes() == data:
            return False
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    tmp.write_bytes(data)
    os.replace(tmp, path)
    return True


def remove_output(root: Path, rel: str) -> bool:
    """Delete ``root/rel`` and any folders it leaves empty (never ``root`` itself).

    Returns False if the file was already gone. Removing rather than
    rewriting keeps hard-linked twins in the live site intact.
    """
    path = Path(root) / rel
    try:
        path.unlink()
    except FileNotFoundError:
        return False
    parent = path.parent
    while parent != Path(root) and parent.is_relative_to(root) and not any(parent.iterdir()):
        parent.rmdir()
        parent = parent.parent
    return True


def recover_interrupted_swap(target: Path) -> bool:
    """Put the previous site back if a two-rename swap was killed midway.

    Returns True when ``target`` was missing and a kept old site was renamed
    back into place.
    """
    if target.exists() or target.is_symlink():
        return False
    kept = [old / "site" for old in target.parent.glob(old_prefix(target) + "*")]
    kept = sorted((site for site in kept if site.is_dir()), key=lambda p: p.stat().st_mtime)
    if not kept:
        return False
    os.rename(kept[-1], target)
    return True


def remove_stale(target: Path) -> list[Path]:
    """Delete staging and old folders left by killed runs; return what was removed.

    Only call this while holding the publish lock (``atomic_publish`` does),
    when no other build of ``target`` can be writing.
    """
    removed = []
    for prefix in (staging_prefix(target), old_prefix(target)):
        for leftover in target.parent.glob(prefix + "*"):
            shutil.rmtree(leftover, ignore_errors=True)
            removed.append(leftover)
    return removed


@contextmanager
def _locked(target: Path) -> Iterator[None]:
    lock_path = target.parent / f".{target.name}.lock"
    with open(lock_path, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths with renameat2; False if the OS cannot."""
    libc_name = ctypes.util.find_library("c")
    if not libc_name:
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    if result == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP):
        return False
    raise OSError(err, os.strerror(err), str(b))


def _swap_in(staging: Path, target: Path) -> None:
    if not (target.exists() or target.is_symlink()):
        os.rename(staging, target)
    elif _exchange(staging, target):
        shutil.rmtree(staging)  # it now holds the previous site
    else:
        old = Path(tempfile.mkdtemp(prefix=old_prefix(target), dir=target.parent))
        os.rename(target, old / "site")
        os.rename(staging, target)
        shutil.rmtree(old)
    _fsync_dir(target.parent)


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _seed_tree(source: Path, dest: Path, link: bool) -> None:
    for dirpath, _dirnames, filenames in os.walk(source):
        rel = Path(dirpath).relative_to(source)
        (dest / rel).mkdir(parents=True, exist_ok=True)
        for name in filenames:
            if link:
                try:
                    os.link(Path(dirpath) / name, dest / rel / name)
                    continue
                except OSError:
                    pass  # another file system, or no hard links: copy instead
            shutil.copy2(Path(dirpath) / name, dest / rel / name)
