"""A reproducible benchmark corpus that reads like real text.

Chinese words are real: the most frequent 2-4 character words of jieba's
dictionary (30,000 of them), drawn with a Zipf distribution (weight
1/rank), so a few words are everywhere and most are rare. About one
document in eight is English, drawn the same way from a smaller English
word list. Domain phrases (industries, stations, policies) are mixed in so
the benchmark queries have realistic answers. Documents are 0.5-3 kB.
"""
from __future__ import annotations

import itertools
import random
from pathlib import Path

import jieba

ZH_VOCAB_SIZE = 30_000
KINDS = ("news", "policy", "page", "panel", "expert", "station", "gongshi", "honour")
DIVISIONS = ("210902", "210903", "210904", "210905", "210911", "210921", "210922", "")
INDUSTRIES = ("equipment", "green-food", "new-energy", "chemicals", "unmanned", "hydrogen", "")
DOMAIN_ZH = ("人才工作服务站", "智能风机制造", "高端装备", "绿色食品", "新型能源", "精细化工", "智能无人系统",
             "氢能产业园", "煤矸石综合利用", "铸造硅砂", "辽宁工程技术大学", "阜新英才", "双招双引", "人才公寓",
             "住房补贴", "安家费", "社保参保证明", "专家评审", "领军人才", "青年骨干人才", "招才引智工作站")
EN_WORDS = """talent policy city district county station service housing subsidy application recognition review
panel expert industry equipment energy hydrogen wind turbine drone unmanned food chemical chemicals safety
engineer engineers university research centre center project investment company companies factory plant
manufacturing production training job fair position positions employer employers salary allowance rent
young senior leading top urgent needed programme program support startup business licence contract insurance
record diploma degree title qualification award patent paper recommendation office decision publicity objection
working days certificate pool progress correction rejection reason officer staff portal online apply submit
upload document documents file files zone park base cluster foundry sand casting gangue coal mining machine
machinery hydraulic parts system systems software data network digital smart intelligent green new clean power
electric grid solar storage battery cell fuel market export import farm farmers grain peanut processing quality
standard inspection environment protection water air land transport road rail logistics port trade fair expo
forum meeting conference ceremony release announcement notice news report annual plan strategy development""".split()


def zh_vocabulary(size: int = ZH_VOCAB_SIZE) -> list[str]:
    """The ``size`` most frequent 2-4 character Han words of jieba's dictionary."""
    path = Path(jieba.__file__).with_name("dict.txt")
    words = []
    for line in path.read_text(encoding="utf-8").splitlines():
        word, freq = line.split(" ")[:2]
        if 2 <= len(word) <= 4 and all("\u4e00" <= c <= "\u9fff" for c in word):
            words.append((int(freq), word))
    words.sort(reverse=True)
    return [w for _, w in words[:size]]


class ZipfSampler:
    """Draws words with probability proportional to 1/rank."""

    def __init__(self, words: list[str], rng: random.Random):
        self.words, self.rng = words, rng
        self.cumulative = list(itertools.accumulate(1.0 / (r + 1) for r in range(len(words))))

    def draw(self, n: int) -> list[str]:
        """``n`` words, with replacement."""
        return self.rng.choices(self.words, cum_weights=self.cumulative, k=n)


def _zh_text(zh: ZipfSampler, rng: random.Random, target_bytes: int) -> str:
    out, size = [], 0
    while size < target_bytes:
        words = zh.draw(rng.randint(6, 16))
        if rng.random() < 0.25:
            words.insert(rng.randrange(len(words)), rng.choice(DOMAIN_ZH))
        sentence = "".join(words[:len(words) // 2]) + "，" + "".join(words[len(words) // 2:]) + "。"
        out.append(sentence)
        size += len(sentence.encode())
    return "".join(out)


def _en_text(en: ZipfSampler, rng: random.Random, target_bytes: int) -> str:
    out, size = [], 0
    while size < target_bytes:
        sentence = " ".join(en.draw(rng.randint(6, 16))).capitalize() + "."
        out.append(sentence)
        size += len(sentence) + 1
    return " ".join(out)


def documents(count: int, seed: int = 7):
    """Yield ``count`` public document dicts (deterministic for a seed)."""
    rng = random.Random(seed)
    zh, en = ZipfSampler(zh_vocabulary(), rng), ZipfSampler(EN_WORDS, rng)
    for num in range(count):
        lang = "en" if rng.random() < 0.125 else "zh"
        kind = rng.choice(KINDS)
        size = int(rng.triangular(500, 3000, 1100))
        if lang == "zh":
            title, body = "".join(zh.draw(rng.randint(2, 5))), _zh_text(zh, rng, size)
        else:
            title, body = " ".join(en.draw(rng.randint(3, 7))).title(), _en_text(en, rng, size)
        yield {"id": f"{kind}:{lang}:doc{num:06d}", "kind": kind, "url": f"/{lang}/{kind}/doc{num:06d}/",
               "title": title, "body": body, "lang": lang, "division": rng.choice(DIVISIONS),
               "industry": rng.choice(INDUSTRIES), "date": f"2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"}


def queries() -> list[str]:
    """Benchmark queries: common, mid-frequency and rare words, phrases, English."""
    vocab = zh_vocabulary()
    picks = [vocab[i] for i in (0, 1, 2, 5, 10, 30, 100, 300, 1000, 3000, 10000, 25000)]
    pairs = [vocab[0] + vocab[3], vocab[20] + vocab[200], vocab[50] + " " + vocab[5000]]
    return picks + pairs + list(DOMAIN_ZH[:8]) + ["talent policy", "hydrogen engineers", "wind turbine",
                                                 "housing subsidy", "manufacturing", "服务站", "风机", "人才"]
