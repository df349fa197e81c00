"""bench/make_news_corpus.py writes valid, deterministic news files."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from portal.content.library import load_library

SCRIPT = Path(__file__).resolve().parents[2] / "bench" / "make_news_corpus.py"
_spec = importlib.util.spec_from_file_location("make_news_corpus", SCRIPT)
corpus = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(corpus)


def test_corpus_is_valid_content(tmp_path):
    paths = corpus.make_news_corpus(tmp_path / "news", count=60, seed=3)
    assert len(paths) == 60
    library = load_library(tmp_path, workers=1)
    news = library.section("news", "zh")
    assert len(news) == 60
    assert len(corpus.TAGS) == len(set(corpus.TAGS)) == 50
    for page in news:
        assert 2 <= len(page.meta.tags) <= 4
        assert set(page.meta.tags) <= set(corpus.TAGS)
        assert page.html.count("<p>") >= 3
        assert len(page.html) > 300


def test_same_seed_same_bytes_other_seed_differs(tmp_path):
    one = corpus.make_news_corpus(tmp_path / "one", count=5, seed=1)
    two = corpus.make_news_corpus(tmp_path / "two", count=5, seed=1)
    three = corpus.make_news_corpus(tmp_path / "three", count=5, seed=2)
    assert [p.read_bytes() for p in one] == [p.read_bytes() for p in two]
    assert [p.read_bytes() for p in one] != [p.read_bytes() for p in three]


def test_pelican_format_and_cli(tmp_path, capsys):
    assert corpus.main([str(tmp_path / "pel"), "--pages", "3", "--format", "pelican"]) == 0
    assert "wrote 3 news files" in capsys.readouterr().out
    text = (tmp_path / "pel" / "news-00001.zh.md").read_text(encoding="utf-8")
    assert text.startswith("Title: ") and "\nTags: " in text and "\nSlug: news-00001\n" in text
