"""Atomic publish that keeps the previous site as a spare, so an incremental build copies
only what changed instead of seeding a whole staging folder.

After each swap the folder that held the previous site is kept as ``.DIR.spare`` and a
marker (``.DIR.spare.json``) records which paths differ between it and the live site.
The next run brings the spare level with the live site by copying just those paths,
builds into it and swaps it in. The live site is never written to: ``DIR`` always holds
a complete site, whatever point a build is killed at. The marker is deleted before the
spare is touched, so a spare left half-updated by a killed run is never trusted: the
next run starts from a full copy of the live site instead.
"""
from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from portal.sitebuild.publish.atomic import (
    _exchange,
    _fsync_dir,
    _locked,
    recover_interrupted_swap,
    remove_stale,
    staging_prefix,
)


def spare_path(target: Path) -> Path:
    """Where the previous site is kept between builds."""
    return target.parent / f".{target.name}.spare"


def _marker(target: Path) -> Path:
    return target.parent / f".{target.name}.spare.json"


@dataclass
class Stage:
    """The folder a build writes into; the build adds every path it writes or removes to ``changed``.

    ``seeded`` says how the folder started: "spare" (level with the live site from a kept
    spare), "copy" (a full copy of the live site), or "empty".
    """

    path: Path
    seeded: str
    changed: set[str] = field(default_factory=set)


def _identity(target: Path) -> list[int]:
    st = os.stat(target)
    return [st.st_dev, st.st_ino]


def _usable_spare(target: Path) -> list[str] | None:
    """The paths the spare lags behind the live site by, or None if the spare cannot be trusted."""
    marker, spare = _marker(target), spare_path(target)
    try:
        data = json.loads(marker.read_text(encoding="utf-8"))
        marker.unlink()
    except (OSError, ValueError):
        return None
    if not spare.is_dir() or not target.is_dir() or data.get("live") != _identity(target):
        return None
    return list(data.get("lag", []))


def _sync(target: Path, spare: Path, lag: list[str]) -> None:
    for rel in lag:
        source, dest = target / rel, spare / rel
        if source.is_file():
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest)
        elif dest.is_file():
            dest.unlink()
            parent = dest.parent
            while parent != spare and not any(parent.iterdir()):
                parent.rmdir()
                parent = parent.parent


def _fresh_stage(target: Path, copy: bool) -> Stage:
    _discard(spare_path(target), target)
    staging = Path(tempfile.mkdtemp(prefix=staging_prefix(target), dir=target.parent))
    os.chmod(staging, 0o755)
    if copy and target.is_dir():
        shutil.copytree(target, staging, dirs_exist_ok=True, copy_function=shutil.copy2)
        return Stage(staging, "copy")
    return Stage(staging, "empty")


def _discard(folder: Path, target: Path) -> None:
    """Remove ``folder``; if that is cut short, the next run's remove_stale finishes the job."""
    if folder.exists():
        trash = Path(tempfile.mkdtemp(prefix=staging_prefix(target), dir=target.parent))
        os.rename(folder, trash / "old")
        shutil.rmtree(trash, ignore_errors=True)


@contextmanager
def spare_publish(target: Path, copy_live: bool = True) -> Iterator[Stage]:
    """Yield a Stage that starts level with the live site; on a clean exit, swap it in.

    The stage is the kept spare brought level with the live site when it can be trusted,
    else a full copy of the live site, or (``copy_live=False``, for a full rebuild that
    will rewrite everything anyway) an empty folder. Write into ``stage.path`` with any
    writer (it shares no files with the live site) and add every path written or removed
    to ``stage.changed``. If the block raises or the process dies, ``target`` is untouched.
    Concurrent publishes of ``target`` are serialised.
    """
    target = Path(target).absolute()
    target.parent.mkdir(parents=True, exist_ok=True)
    with _locked(target):
        recover_interrupted_swap(target)
        remove_stale(target)
        lag = _usable_spare(target)
        if lag is None:
            stage = _fresh_stage(target, copy=copy_live)
        else:
            _sync(target, spare_path(target), lag)
            stage = Stage(spare_path(target), "spare")
        try:
            yield stage
        except BaseException:
            shutil.rmtree(stage.path, ignore_errors=True)
            raise
        _swap_keeping_spare(stage, target)


def _swap_keeping_spare(stage: Stage, target: Path) -> None:
    spare = spare_path(target)
    if not target.exists():
        os.rename(stage.path, target)
    elif _exchange(stage.path, target):
        # stage.path now holds the previous site. It can serve as the next stage only if
        # the build started level with that site, so that stage.changed is the difference.
        if stage.seeded == "empty":
            _fsync_dir(target.parent)
            shutil.rmtree(stage.path, ignore_errors=True)  # a staging name: remove_stale's if cut short
            return
        if stage.path != spare:
            os.rename(stage.path, spare)
        _fsync_dir(target.parent)
        _marker(target).write_text(json.dumps({"live": _identity(target), "lag": sorted(stage.changed)}),
                                   encoding="utf-8")
        return
    else:
        old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
        os.rename(target, old / "site")
        os.rename(stage.path, target)
        shutil.rmtree(old)
    _fsync_dir(target.parent)
