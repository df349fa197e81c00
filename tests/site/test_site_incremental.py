"""Incremental builds: only stale pages are rendered, the output equals a full build, and a
killed build leaves the published site as it was."""
from __future__ import annotations

import subprocess
import sys
import textwrap

from portal.sitebuild.index.export import SEARCH_DIR, export_into
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


def test_a_body_only_change_rewrites_a_few_search_files_and_matches_a_full_build(builder, demo_content, tmp_path):
    out = tmp_path / "_site"
    builder(demo_content, out)
    before = tree(out / "search-index")
    _edit(demo_content / "policies" / "gongshi-objections.zh.md", "\n异议材料请注明联系方式。\n")
    builder(demo_content, out)
    after = tree(out / "search-index")
    changed = {rel for rel in after if before.get(rel) != after[rel]}
    assert "index/meta.json" in changed and any(rel.startswith("index/d/") for rel in changed)
    assert len(changed) < len(after)  # the rest were recognised and left alone
    fresh = tmp_path / "_fresh"
    builder(demo_content, fresh, full=True)
    assert tree(fresh / "search-index") == after


def test_the_search_export_writes_only_files_whose_data_changed(tmp_path):
    docs = [{"id": f"news:{n}", "url": f"news/{n}/", "title": f"人才新闻{n}", "body": "阜新人才服务站" * (n + 1),
             "kind": "news", "lang": "zh", "date": "2026-01-01"} for n in range(30)]
    changed, known = export_into(tmp_path, docs, {})
    assert changed == {f"{SEARCH_DIR}/{rel}" for rel in known}  # a first export writes everything
    first = tree(tmp_path)
    assert export_into(tmp_path, docs, known) == (set(), known)  # nothing changed, nothing written
    docs[3] = {**docs[3], "body": "氢能产业人才"}
    changed, known = export_into(tmp_path, docs, known)
    assert f"{SEARCH_DIR}/index/d/3.json.gz" in changed and f"{SEARCH_DIR}/index/d/4.json.gz" not in changed
    assert changed == {f"{SEARCH_DIR}/{rel}" for rel, data in tree(tmp_path / SEARCH_DIR).items()
                       if first.get(f"{SEARCH_DIR}/{rel}") != data}


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
    import portal.sitebuild.render.freeze as freeze
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
