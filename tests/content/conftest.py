"""Fixtures for content tests: a factory that writes Markdown files with front matter."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

GOOD = {
    "title": "阜新英才认定工作启动",
    "date": "2026-03-05",
    "slug": "launch",
    "lang": "zh",
    "tags": ["阜新英才", "人才认定"],
    "summary": "认定工作正式启动。",
    "draft": False,
}


@pytest.fixture
def write_md(tmp_path: Path):
    """Write ``<tmp>/<rel>`` with GOOD front matter updated by ``changes`` (None removes a field)."""

    def write(rel: str, body: str = "正文。", **changes) -> Path:
        meta = {**GOOD, **changes}
        meta = {k: v for k, v in meta.items() if v is not None}
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
        path.write_text(f"---\n{front}---\n{body}\n", encoding="utf-8")
        return path

    return write
