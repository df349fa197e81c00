"""python -m search_index build / reconcile / query / export."""
import json
import os
import subprocess
import sys
from pathlib import Path

from corpus import DOCS

HERE = Path(__file__).parent
ROOT = HERE.parent.parent


def cli(cwd, *args, env_extra=None):
    env = dict(os.environ, PYTHONPATH=f"{ROOT}{os.pathsep}{HERE}", **(env_extra or {}))
    return subprocess.run([sys.executable, "-m", "search_index", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120)


def test_build_query_reconcile_export(tmp_path):
    built = cli(tmp_path, "build", "--source", "provider:documents")
    assert built.returncode == 0, built.stderr
    assert (tmp_path / "instance" / "search" / "public" / "CURRENT").exists()

    found = cli(tmp_path, "query", "风机", "--json", "--limit", "1")
    rows = json.loads(found.stdout)
    assert len(rows) == 1 and rows[0]["url"] == "/zh/news/wind-turbine/" and rows[0]["kind"] == "news"
    assert set(rows[0]) == {"url", "title", "kind", "score"}

    many = json.loads(cli(tmp_path, "query", "服务站", "--json").stdout)
    assert [r["score"] for r in many] == sorted((r["score"] for r in many), reverse=True) and len(many) == 5

    fixed = cli(tmp_path, "reconcile", "--source", "provider:documents", env_extra={"FX_DROP": "3"})
    assert json.loads(fixed.stdout) == {"added": 0, "updated": 0, "removed": 3, "rebuilt": 0}

    exported = cli(tmp_path, "export", str(tmp_path / "site"))
    assert exported.returncode == 0 and f"exported {len(DOCS) - 3} documents" in exported.stdout


def test_other_index_dir_and_missing_source(tmp_path):
    assert cli(tmp_path, "--index-dir", "elsewhere", "build", "--source", "provider:documents").returncode == 0
    assert (tmp_path / "elsewhere" / "public" / "CURRENT").exists()
    # The default provider (portal.sitebuild.index.documents:public_documents) exists since the site
    # build landed; a provider that does not exist must still fail.
    assert cli(tmp_path, "build", "--source", "no_such_module:documents").returncode != 0
