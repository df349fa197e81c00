"""Atomic publish: the target folder always holds a complete site."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from portal.sitebuild.publish import atomic
from portal.sitebuild.publish.atomic import atomic_publish, remove_output, replace_file

REPO = Path(__file__).resolve().parents[2]

CHILD = """
import sys
from pathlib import Path
from portal.sitebuild.publish.atomic import atomic_publish

target, marker = Path(sys.argv[1]), Path(sys.argv[2])
with atomic_publish(target) as staging:
    for i in range(50):
        (staging / f"page{i}.html").write_text("new site")
    ready = marker.with_suffix(".tmp")
    ready.write_text(str(staging))
    ready.replace(marker)  # the marker appears complete, never half-written
    sys.stdin.read()  # hold here, halfway through the build, until killed
    for i in range(50, 100):
        (staging / f"page{i}.html").write_text("new site")
"""


def _site(folder: Path, text: str, pages: int = 3) -> dict[str, str]:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(pages):
        (folder / f"page{i}.html").write_text(text)
    (folder / "news").mkdir(exist_ok=True)
    (folder / "news" / "index.html").write_text(text)
    return _snapshot(folder)


def _snapshot(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): p.read_text() for p in sorted(folder.rglob("*")) if p.is_file()}


def _wait_for(path: Path, proc: subprocess.Popen, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not path.exists():
        if proc.poll() is not None:
            raise AssertionError(f"child exited early with {proc.returncode}: {proc.stderr.read()}")
        if time.monotonic() > deadline:
            raise AssertionError("child never reached the marker")
        time.sleep(0.01)


def _leftovers(target: Path) -> list[str]:
    return sorted(p.name for p in target.parent.iterdir() if p.name.startswith(f".{target.name}.") and p.is_dir())


def test_build_killed_halfway_leaves_previous_site_intact(tmp_path):
    target = tmp_path / "site"
    before = _site(target, "old site")
    marker = tmp_path / "halfway"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(target), str(marker)],
        stdin=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )
    try:
        _wait_for(marker, proc)
        staging = Path(marker.read_text())
        assert (staging / "page49.html").read_text() == "new site"  # it really was halfway
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=30)
        proc.stdin.close()
        proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL
    assert _snapshot(target) == before
    assert staging.exists()  # the killed run could not clean up ...

    with atomic_publish(target) as fresh:
        (fresh / "index.html").write_text("rebuilt")
    assert not staging.exists()  # ... so the next run did
    assert _snapshot(target) == {"index.html": "rebuilt"}
    assert _leftovers(target) == []


def test_clean_exit_swaps_in_the_new_site(tmp_path):
    target = tmp_path / "site"
    _site(target, "old")
    with atomic_publish(target) as staging:
        assert staging.parent == target.parent and staging != target
        _site(staging, "new", pages=1)
        assert (target / "page2.html").read_text() == "old"  # untouched until the swap
    assert _snapshot(target) == {"news/index.html": "new", "page0.html": "new"}
    assert _leftovers(target) == []
    assert oct(target.stat().st_mode & 0o777) == oct(0o755)


def test_first_publish_creates_the_target(tmp_path):
    target = tmp_path / "deep" / "site"
    with atomic_publish(target) as staging:
        (staging / "index.html").write_text("hello")
    assert (target / "index.html").read_text() == "hello"


def test_exception_in_build_leaves_target_and_no_staging(tmp_path):
    target = tmp_path / "site"
    before = _site(target, "old")
    with pytest.raises(RuntimeError), atomic_publish(target) as staging:
        (staging / "page0.html").write_text("half")
        raise RuntimeError("link check failed")
    assert _snapshot(target) == before
    assert _leftovers(target) == []


def test_two_rename_fallback_swaps_too(tmp_path, monkeypatch):
    monkeypatch.setattr(atomic, "_exchange", lambda a, b: False)
    target = tmp_path / "site"
    _site(target, "old")
    with atomic_publish(target) as staging:
        (staging / "index.html").write_text("new")
    assert _snapshot(target) == {"index.html": "new"}
    assert _leftovers(target) == []


def test_next_run_restores_site_after_kill_between_renames(tmp_path):
    target = tmp_path / "site"
    # The state a two-rename swap leaves if killed after its first rename.
    kept = tmp_path / ".site.old-abc123" / "site"
    before = _site(kept, "previous")
    _site(tmp_path / ".site.staging-xyz", "unfinished")
    with pytest.raises(RuntimeError), atomic_publish(target):
        raise RuntimeError("this build fails too")
    assert _snapshot(target) == before
    assert _leftovers(target) == []


def test_seeded_staging_never_changes_the_live_site(tmp_path):
    target = tmp_path / "site"
    _site(target, "old")
    with atomic_publish(target, seed="link") as staging:
        assert _snapshot(staging) == _snapshot(target)
        assert replace_file(staging / "page1.html", b"changed") is True
        assert replace_file(staging / "page2.html", b"old") is False
        assert (target / "page1.html").read_text() == "old"
        (staging / "page0.html").unlink()  # an orphan removed
    assert _snapshot(target) == {"news/index.html": "old", "page1.html": "changed", "page2.html": "old"}


def test_remove_output_prunes_empty_folders_only(tmp_path):
    (tmp_path / "news" / "a").mkdir(parents=True)
    (tmp_path / "news" / "a" / "index.html").write_text("a")
    (tmp_path / "news" / "index.html").write_text("list")
    assert remove_output(tmp_path, "news/a/index.html") is True
    assert not (tmp_path / "news" / "a").exists() and (tmp_path / "news" / "index.html").exists()
    assert remove_output(tmp_path, "news/a/index.html") is False
    assert remove_output(tmp_path, "news/index.html") is True
    assert tmp_path.exists() and not (tmp_path / "news").exists()


def test_copy_seed_is_safe_for_in_place_writers(tmp_path):
    target = tmp_path / "site"
    _site(target, "old")
    with atomic_publish(target, seed="copy") as staging:
        with open(staging / "page1.html", "w") as handle:  # the way Frozen-Flask writes
            handle.write("changed in place")
        assert (target / "page1.html").read_text() == "old"
    assert (target / "page1.html").read_text() == "changed in place"


def test_unknown_seed_is_rejected(tmp_path):
    with pytest.raises(ValueError), atomic_publish(tmp_path / "site", seed="yes"):
        pass
