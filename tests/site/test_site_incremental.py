"""Incremental builds: only stale pages are rendered, the output equals a full build, and a
killed build leaves the published site as it was."""
from __future__ import annotations

import subprocess
import sys
import textwrap

from tests.site.conftest import ROOT, tree, write_news


def _edit(path, extra: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + extra, encoding="utf-8")


def test_incremental_build_equals_a_full_build(builder, demo_content, tmp_path):
    out = tmp_path / "_site"
    first = builder(demo_content, out, full=True)
    assert first.written == first.pages  # everything is new

    again = builder(demo_content, out)
    assert again.written == 0 and again.removed == 0

    _edit(demo_content / "news" / "hydrogen-talent-forum.zh.md", "\n会议纪要将另行发布。\n")
    (demo_content / "news" / "expert-panel-36.zh.md").unlink()
    write_news(demo_content, "new-item", "新增的一条新闻。", tags="[氢能]")
    step = builder(demo_content, out)
    assert step.removed >= 1 and not (out / "news" / "expert-panel-36").exists()  # and emptied tag pages
    assert "会议纪要" in (out / "news" / "hydrogen-talent-forum" / "index.html").read_text(encoding="utf-8")
    assert step.written < first.written / 2  # not a rebuild of everything

    fresh = tmp_path / "_fresh"
    builder(demo_content, fresh, full=True)
    assert tree(out) == tree(fresh)


def test_a_body_only_change_rewrites_one_page(builder, demo_content, tmp_path):
    out = tmp_path / "_site"
    builder(demo_content, out)
    _edit(demo_content / "policies" / "gongshi-objections.zh.md", "\n（本条为示例。）\n")
    report = builder(demo_content, out)
    assert report.written == 1 and report.removed == 0


def test_a_deleted_output_file_is_rendered_again(builder, demo_content, tmp_path):
    out = tmp_path / "_site"
    builder(demo_content, out)
    expected = tree(out)
    (out / "pages" / "about" / "index.html").unlink()
    builder(demo_content, out)
    assert tree(out) == expected


KILLING_BUILD = textwrap.dedent("""
    import os, signal, sys
    sys.path.insert(0, {root!r})
    import portal.freeze as freeze
    original, calls = freeze._freeze_urls, []

    def freeze_then_die(urls, *args):
        calls.append(1)
        if len(calls) == 2:  # halfway: one batch written, the next not
            os.kill(os.getpid(), signal.SIGKILL)
        return original(urls, *args)

    freeze._freeze_urls = freeze_then_die
    freeze.CHUNK = 5
    import build
    sys.exit(build.main(sys.argv[1:]))
""")


def test_a_build_killed_halfway_leaves_the_previous_site_intact(builder, demo_content, tmp_path, database_url):
    out = tmp_path / "_site"
    builder(demo_content, out)
    before = tree(out)
    for path in (demo_content / "news").glob("*.md"):
        _edit(path, "\n修订。\n")  # every news page is stale, so the build has several batches
    env = {"DATABASE_URL": database_url, "PATH": "/usr/bin:/bin", "SECRET_KEY": "test-only-secret"}
    script = KILLING_BUILD.format(root=str(ROOT))
    for full in ([], ["--full"]):
        result = subprocess.run([sys.executable, "-c", script, "--out", str(out), "--content", str(demo_content),
                                 "--workers", "1", *full], env=env, cwd=ROOT, capture_output=True)
        assert result.returncode == -9, result.stderr.decode()
        assert tree(out) == before
    report = builder(demo_content, out)  # the next run cleans up and publishes
    assert report.written > 0
    fresh = tmp_path / "_fresh"
    builder(demo_content, fresh, full=True)
    assert tree(out) == tree(fresh)
    assert sorted(p.name for p in tmp_path.iterdir() if "staging" in p.name) == []
