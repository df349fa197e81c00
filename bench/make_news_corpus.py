"""Generate a corpus of Chinese news files for the build benchmark.

Each file is a news item in the portal's content format (YAML front matter:
title, date, slug, lang, tags, summary, draft) with a few paragraphs of
text assembled from a vocabulary of phrases about talent work in Fuxin.
The same ``count`` and ``seed`` always give byte-identical files, so runs
of different generators (ours, Hugo, Pelican) read exactly the same text.

    python bench/make_news_corpus.py OUT_DIR [--pages 10000] [--seed 0] [--format portal|pelican]

``OUT_DIR`` receives the files directly: pass ``<content>/news`` for our
builder and Hugo, or Pelican's content folder with ``--format pelican``
(Pelican's Markdown reader wants ``Key: value`` metadata, not YAML).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
from pathlib import Path

TAGS = (
    "阜新英才", "双招双引", "人才认定", "公示", "服务站", "高端装备", "绿色食品", "新型能源",
    "精细化工", "智能无人系统", "煤矸石综合利用", "智能铸造", "铸造硅砂", "氢能", "辽宁工程技术大学",
    "政策解读", "招聘", "专家评审", "急需紧缺", "青年人才", "领军人才", "顶尖人才", "高级人才",
    "创新创业", "校地合作", "驻外工作站", "引才大使", "人才安居", "子女入学", "职称评审",
    "技能人才", "博士后", "科技成果转化", "产业园区", "高新区", "海州区", "新邱区", "太平区",
    "清河门区", "细河区", "阜新蒙古族自治县", "彰武县", "风电", "光伏", "储能", "农产品加工",
    "装备制造", "安全生产", "数字经济", "营商环境",
)
SUBJECTS = (
    "市人才办", "高新区人才工作服务站", "辽宁工程技术大学", "驻深圳招才引智工作站", "各县区服务站",
    "重点企业", "产业专家服务团", "市人社部门", "园区管委会", "引才大使", "用人单位", "行业协会",
)
ACTIONS = (
    "组织召开", "深入推进", "集中发布", "走访调研", "联合举办", "认真梳理", "持续完善", "专题研究",
    "积极对接", "全面落实", "精心组织", "稳步开展",
)
OBJECTS = (
    "人才需求清单", "专场招聘会", "校企合作项目", "“阜新英才”认定申报辅导", "急需紧缺人才目录",
    "人才安居政策宣讲", "重点项目对接会", "青年人才交流活动", "技能人才培训计划", "专家评审工作",
    "公示名单复核", "服务站年度考核",
)
DETAILS = (
    "围绕高端装备、绿色食品、新型能源、精细化工四个优势产业", "聚焦智能无人系统和氢能等新兴领域",
    "结合煤矸石综合利用和智能铸造的产业需求", "面向高校毕业生和返乡创业人员",
    "坚持问题导向和需求导向", "按照材料不全一次性告知的要求", "依托全市人才工作服务站网络",
    "在充分听取企业意见的基础上", "紧扣春季“双招双引”百日攻坚目标", "按照公开公平公正的原则",
)
RESULTS = (
    "为企业解决了一批实际困难", "进一步畅通了人才申报渠道", "受到人才和企业的普遍欢迎",
    "推动多个项目达成合作意向", "让人才办事少跑腿", "为产业发展储备了骨干力量",
    "提升了服务的精准度", "形成了可复制的工作经验", "增强了人才扎根阜新的信心",
)
CLOSINGS = (
    "下一步，相关部门将继续跟踪服务，确保各项措施落到实处。",
    "有意来阜发展的人才，可以登录本门户了解政策或到就近服务站咨询。",
    "据介绍，相关工作将常态化开展，并定期向社会公布进展。",
    "参加活动的企业表示，将根据需求及时提出新的岗位信息。",
)


def _sentence(rng: random.Random) -> str:
    subject, detail, action = rng.choice(SUBJECTS), rng.choice(DETAILS), rng.choice(ACTIONS)
    return f"{subject}{detail}，{action}{rng.choice(OBJECTS)}，{rng.choice(RESULTS)}。"


def _paragraph(rng: random.Random, min_chars: int = 180) -> str:
    text = ""
    while len(text) < min_chars:
        text += _sentence(rng)
    return text


def news_item(index: int, rng: random.Random, start: dt.date) -> dict:
    """The fields of news item ``index``, drawn from ``rng`` (deterministic for a given state)."""
    tags = rng.sample(TAGS, rng.randint(2, 4))
    paragraphs = [_paragraph(rng) for _ in range(rng.randint(2, 4))] + [rng.choice(CLOSINGS)]
    return {
        "title": f"{rng.choice(SUBJECTS)}{rng.choice(ACTIONS)}{rng.choice(OBJECTS)}（第{index}期）",
        "date": start + dt.timedelta(days=rng.randrange(0, 6 * 365)),
        "slug": f"news-{index:05d}",
        "tags": tags,
        "summary": paragraphs[0][:60] + "……",
        "paragraphs": paragraphs,
    }


def render(item: dict, fmt: str = "portal") -> str:
    """The text of one news file in ``fmt``: ``portal`` (YAML front matter) or ``pelican``."""
    body = "\n\n".join(item["paragraphs"]) + "\n"
    if fmt == "pelican":
        head = (
            f"Title: {item['title']}\nDate: {item['date'].isoformat()}\nSlug: {item['slug']}\n"
            f"Lang: zh\nTags: {', '.join(item['tags'])}\nSummary: {item['summary']}\n"
        )
        return f"{head}\n{body}"
    tags = ", ".join(f'"{t}"' for t in item["tags"])
    return (
        f"---\ntitle: \"{item['title']}\"\ndate: {item['date'].isoformat()}\nslug: {item['slug']}\n"
        f"lang: zh\ntags: [{tags}]\nsummary: \"{item['summary']}\"\ndraft: false\n---\n\n{body}"
    )


def make_news_corpus(folder: Path, count: int = 10_000, seed: int = 0, fmt: str = "portal") -> list[Path]:
    """Write ``count`` news files into ``folder`` (created if needed) and return their paths.

    Files are named ``news-00001.zh.md`` and so on; the output depends only
    on ``count``, ``seed`` and ``fmt``. Each item has 2 to 4 tags from a set
    of 50 and 2 to 4 paragraphs of at least 180 characters, plus a closing line.
    """
    if fmt not in ("portal", "pelican"):
        raise ValueError(f"fmt must be 'portal' or 'pelican', got {fmt!r}")
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    start = dt.date(2021, 1, 1)
    paths = []
    for index in range(1, count + 1):
        path = folder / f"news-{index:05d}.zh.md"
        path.write_text(render(news_item(index, rng, start), fmt), encoding="utf-8")
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point; prints how many files were written where."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder to write the news files into")
    parser.add_argument("--pages", type=int, default=10_000, help="number of news files (default 10000)")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    parser.add_argument("--format", dest="fmt", choices=("portal", "pelican"), default="portal")
    args = parser.parse_args(argv)
    paths = make_news_corpus(args.out, args.pages, args.seed, args.fmt)
    print(f"wrote {len(paths)} news files to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
