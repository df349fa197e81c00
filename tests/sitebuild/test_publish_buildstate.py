"""The build-state store: stale and orphaned outputs from recorded dependencies."""

from __future__ import annotations

from pathlib import Path

import pytest

from portal.sitebuild.publish.buildstate import BuildState, default_state_path

DEPS = {
    "news/a/index.html": {"content:news/a.zh.md": "h1", "template:news.html": "t1"},
    "news/b/index.html": {"content:news/b.zh.md": "h2", "template:news.html": "t1"},
    "news/index.html": {"listing:news:zh": "L1", "template:list.html": "t2"},
}
PRIMARY = {"news/a/index.html": ["content:news/a.zh.md"], "news/b/index.html": ["content:news/b.zh.md"]}


@pytest.fixture
def state(tmp_path):
    with BuildState(tmp_path / "state.sqlite") as store:
        for output, deps in DEPS.items():
            store.record(output, deps, f"out-{output}", primary=PRIMARY.get(output, ()))
    reopened = BuildState(tmp_path / "state.sqlite")
    yield reopened
    reopened.close()


def _current() -> dict[str, str]:
    return {k: v for deps in DEPS.values() for k, v in deps.items()}


def test_nothing_stale_when_nothing_changed(state):
    assert state.stale(DEPS, _current()) == set()
    assert state.outputs()["news/a/index.html"] == "out-news/a/index.html"


def test_changed_content_makes_only_its_page_stale(state):
    current = _current()
    current["content:news/a.zh.md"] = "h1-new"
    assert state.stale(DEPS, current) == {"news/a/index.html"}


def test_changed_template_makes_every_user_stale(state):
    current = _current()
    current["template:news.html"] = "t1-new"
    assert state.stale(DEPS, current) == {"news/a/index.html", "news/b/index.html"}


def test_unknown_output_and_missing_dependency_are_stale(state):
    current = _current()
    del current["listing:news:zh"]
    outputs = [*DEPS, "news/c/index.html"]
    assert state.stale(outputs, current) == {"news/index.html", "news/c/index.html"}


def test_missing_output_file_is_stale(state, tmp_path):
    site = tmp_path / "site"
    for output in DEPS:
        (site / output).parent.mkdir(parents=True, exist_ok=True)
        (site / output).write_text("x")
    assert state.stale(DEPS, _current(), site_dir=site) == set()
    (site / "news/b/index.html").unlink()
    assert state.stale(DEPS, _current(), site_dir=site) == {"news/b/index.html"}


def test_orphaned_when_primary_source_is_gone(state):
    current = _current()
    del current["content:news/b.zh.md"]
    assert state.orphaned(current) == {"news/b/index.html"}
    assert state.orphaned(current.keys()) == {"news/b/index.html"}
    state.forget("news/b/index.html")
    assert "news/b/index.html" not in state.outputs()
    assert state.dependencies("news/b/index.html") == {}


def test_record_replaces_previous_dependencies(state):
    state.record("news/a/index.html", {"content:news/a.zh.md": "h9"}, "out2", primary=["content:news/a.zh.md"])
    assert state.dependencies("news/a/index.html") == {"content:news/a.zh.md": "h9"}


def test_uncommitted_changes_are_lost_on_error(tmp_path):
    path = tmp_path / "s.sqlite"
    with pytest.raises(RuntimeError), BuildState(path) as store:
        store.record("index.html", {"template:home": "t"}, "o")
        raise RuntimeError("build killed before the swap")
    with BuildState(path) as store:
        assert store.outputs() == {}


def test_primary_must_be_a_dependency(tmp_path):
    with BuildState(tmp_path / "s.sqlite") as store, pytest.raises(ValueError):
        store.record("x.html", {"a": "1"}, "o", primary=["b"])


def test_default_state_path_is_beside_the_site(tmp_path):
    path = default_state_path(tmp_path / "_site")
    assert path.parent == tmp_path and path.name == "._site.buildstate.sqlite"
    assert not Path(path).is_relative_to(tmp_path / "_site")
