"""Golden output: a small fixture site must build to exactly the committed expected tree.

When an intended change alters the output, regenerate the tree and review the diff:

    REGENERATE_GOLDEN=1 .venv/bin/pytest tests/site/test_golden.py
"""
from __future__ import annotations

import os
import shutil

from tests.site.conftest import FIXTURES, tree

GOLDEN = FIXTURES / "golden"
BASE = "/golden/"


def test_fixture_site_matches_the_committed_tree(builder, tmp_path):
    out = tmp_path / "_site"
    builder(GOLDEN / "content", out, base=BASE, full=True)
    expected = GOLDEN / "expected"
    if os.environ.get("REGENERATE_GOLDEN"):
        shutil.rmtree(expected, ignore_errors=True)
        shutil.copytree(out, expected)
    built, wanted = tree(out), tree(expected)
    assert sorted(built) == sorted(wanted)
    for rel in built:
        assert built[rel] == wanted[rel], f"{rel} differs from the golden copy"
