"""The fast reader of flat front matter agrees with PyYAML wherever it answers at all."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from frontmatter.default_handlers import YAMLHandler

from bench.make_news_corpus import make_news_corpus
from portal.content.flat_front_matter import read_flat

ROOT = Path(__file__).resolve().parents[2]
_SPLIT = YAMLHandler()


def _front(path: Path) -> str:
    return _SPLIT.split(path.read_text(encoding="utf-8-sig").strip())[0]


def _yaml(front: str):
    return yaml.load(front, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def test_every_shipped_content_file_reads_as_pyyaml_reads_it():
    fronts = [_front(path) for path in sorted((ROOT / "content").rglob("*.md"))]
    assert fronts
    fast = [read_flat(front) for front in fronts]
    assert [f for f in fast if f is not None] == [_yaml(front) for front, f in zip(fronts, fast) if f is not None]
    # the fast path is really taken for the demo content, not just always declined
    assert sum(f is not None for f in fast) == len(fronts)


def test_the_generated_news_corpus_reads_as_pyyaml_reads_it(tmp_path):
    make_news_corpus(tmp_path, 60)
    for path in sorted(tmp_path.glob("*.md")):
        front = _front(path)
        assert read_flat(front) == _yaml(front), path.name


ACCEPTED = [
    'title: "引才大使（第42期）"\ndate: 2022-12-12\nslug: news-00042\nlang: zh\ndraft: false\n',
    'title: 秋季“双招双引”行动安排，待审定\ntags: [双招双引, 辽宁工程技术大学]\nsummary: ""\n',
    'tags: []\ntitle: "a # not a comment: inside quotes"\ndraft: true  \n',
    'tags: ["人才, 政策", "x"]\n',   # declined: a comma inside a quoted item
    "title: 2026年度急需紧缺人才需求目录\ntags: [Attract investment and talent, Fuxin Talent]\n",
    "title: How to apply\nsummary: A guide, step by step (with %, @ and &)\n",
    "summary: the city's \"own\" programme\ntags: [Fuxin's talent, 人才\"计划\"]\n",
]


@pytest.mark.parametrize("front", ACCEPTED)
def test_accepted_forms_equal_pyyaml(front):
    fast = read_flat(front)
    assert fast is None or fast == _yaml(front)


@pytest.mark.parametrize("front", [
    "",                                         # empty: PyYAML says None, the reader reports it
    "title: 标题 # a comment\n",
    "title: 说明: 有冒号\n",
    "title: '单引号'\n",
    'title: "an \\"escape\\""\n',
    "tags:\n  - 公示\n",
    "title: 标题\n  continued\n",
    "draft: yes\n",
    "draft: False\n",
    "lang: null\n",
    "true: 1\n",
    "date: 2026-02-30\n",
    "date: 2026-2-3\n",
    "slug: 2026\n",
    "slug: 2026-03\n",
    "title: 10 years\n",
    "title: Yes\n",
    "tags: [On, Off]\n",
    "title: -5 degrees\n",
    "title: 标题\ntitle: 又一个\n",
    "title:标题\n",
    "title: 全角空格　在中间\n",
    "title: \"a\"\r\n",
])
def test_anything_else_is_left_to_pyyaml(front):
    assert read_flat(front) is None


def test_values_have_the_types_pyyaml_gives():
    front = 'date: 2026-03-05\ndraft: true\ntags: ["公示"]\nslug: a-b-1\n'
    assert read_flat(front) == _yaml(front)
    assert {k: type(v).__name__ for k, v in read_flat(front).items()} == \
        {"date": "date", "draft": "bool", "tags": "list", "slug": "str"}
