"""The privacy guard: forbidden personal data anywhere in the output is found."""

from __future__ import annotations

import pytest

from portal.sitebuild.check.privacy import ForbiddenTerm, PrivacyGuard, mask, scan_site

TERMS = [
    ForbiddenTerm("phone", "13812345678", "application 7"),
    ForbiddenTerm("id_number", "34052419800101001X", "application 7"),
    ForbiddenTerm("email", "Zhang.Wei@example.com", "application 7"),
    ForbiddenTerm("name", "林晓岚", "application 9 (no consent)"),
]


@pytest.fixture
def guard():
    return PrivacyGuard(TERMS)


@pytest.mark.parametrize(
    "text",
    [
        "电话 13812345678",
        "电话 138 1234 5678",
        "电话 138-1234-5678",
        "电话 138.1234.5678",
        "电话 +86 138 1234 5678",
        "电话 (138) 1234-5678",
        "<td>138&#32;1234&#32;5678</td>",
        "<a href='tel:+8613812345678'>致电</a>",
    ],
)
def test_phone_found_in_any_common_formatting(guard, text):
    assert [t.kind for t in guard.scan_text(text)] == ["phone"]


@pytest.mark.parametrize(
    "text",
    ["138****5678", "公示期 2026-03-05 至 2026-03-11", "第 1381234567 号", "13812345679"],
)
def test_masked_and_other_numbers_are_not_hits(guard, text):
    assert guard.scan_text(text) == []


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("身份证 34052419800101001X", "id_number"),
        ("身份证 340524 19800101 001x", "id_number"),
        ("联系 zhang.wei@EXAMPLE.com", "email"),
        ("mailto:zhang.wei%40example.com", "email"),
        ("联系 zhang.wei&#64;example.com", "email"),
        ("<li>林晓岚 辽宁工程技术大学</li>", "name"),
        ('<a href="/zh/news/tags/%E6%9E%97%E6%99%93%E5%B2%9A/">x</a>', "name"),
        ('<a href="/call/%31%33%38">138</a> %31%33%38 1234 5678', "phone"),
        ("<p>%E6%9E%97%E6%99%93%E5%B2%9A</p>", "name"),
    ],
)
def test_other_kinds_found(guard, text, kind):
    assert [t.kind for t in guard.scan_text(text)] == [kind]


def test_scan_site_catches_planted_phone_and_skips_binaries(tmp_path):
    (tmp_path / "gongshi" / "2026-1").mkdir(parents=True)
    (tmp_path / "index.html").write_text("<p>阜新英才 公示</p>", encoding="utf-8")
    (tmp_path / "gongshi" / "2026-1" / "index.html").write_text(
        "<tr><td>王**</td><td>138 1234 5678</td></tr>", encoding="utf-8"
    )
    (tmp_path / "search.json").write_text('{"t": "13812345678"}', encoding="utf-8")
    (tmp_path / "logo.png").write_bytes(b"\x89PNG\x00\x0013812345678")
    hits = scan_site(tmp_path, TERMS)
    assert [(h.file, h.kind) for h in hits] == [("gongshi/2026-1/index.html", "phone"), ("search.json", "phone")]
    assert hits[0].term == "138****5678" and hits[0].label == "application 7"
    assert "13812345678" not in str(hits[0])


def test_clean_site_has_no_hits(tmp_path):
    (tmp_path / "index.html").write_text("<p>联系电话 0418-2800000</p>", encoding="utf-8")
    assert scan_site(tmp_path, TERMS) == []


def test_mask_hides_the_middle():
    assert mask("phone", "+86 138-1234-5678") == "138****5678"
    assert mask("id_number", "34052419800101001X") == "340***********001X"
    assert mask("email", "zhang@example.com") == "z***@example.com"
    assert mask("name", "林晓岚") == "林**"


def test_unknown_kind_is_rejected():
    with pytest.raises(ValueError):
        ForbiddenTerm("address", "细河区")


def test_only_scans_the_given_files(tmp_path):
    (tmp_path / "a.html").write_text("13812345678", encoding="utf-8")
    (tmp_path / "b.html").write_text("13812345678", encoding="utf-8")
    assert [h.file for h in scan_site(tmp_path, TERMS, only=["b.html", "gone.html"])] == ["b.html"]


def test_longer_address_containing_a_forbidden_one_is_a_hit(guard):
    assert [t.kind for t in guard.scan_text("写信到 xzhang.wei@example.com.cn")] == ["email"]
    assert guard.scan_text("写信到 zhang.wei@example.org") == []


def test_parallel_scan_finds_the_same(tmp_path, monkeypatch):
    monkeypatch.setattr("portal.sitebuild.check.privacy._PARALLEL_THRESHOLD", 1)
    for i in range(9):
        (tmp_path / f"p{i}.html").write_text("138-1234-5678" if i % 4 == 0 else "无", encoding="utf-8")
    serial = scan_site(tmp_path, TERMS)
    assert [h.file for h in serial] == ["p0.html", "p4.html", "p8.html"]
    assert scan_site(tmp_path, TERMS, workers=2) == serial


def test_an_escaped_term_is_found_again_on_every_page(guard):
    page = '<a href="/tags/%E6%9E%97%E6%99%93%E5%B2%9A/">tag</a> <a href="/tags/%E6%96%B0/">clean</a>'
    for _ in range(3):  # the guard remembers clean stretches, never a stretch with a hit
        assert [t.kind for t in guard.scan_text(page)] == ["name"]


@pytest.mark.parametrize("text", [
    "%E6%9E%97%E6%99%93%E5%B2%9A",                          # the whole text one stretch
    '<a href="/t/%E6%9E%97%E6%99%93%E5%B2%9A/">x</a>',      # inside quotes
    "<p>名单：%E6%9E%97%E6%99%93%E5%B2%9A</p>",              # between tags
    "<a href='/x/'>%E6%9E%97%E6%99%93%E5%B2%9A",             # after a single quote, up to the end
    '<a title="%E6%9E%97">%E6%99%93%E5%B2%9A</a>',           # split by a tag: not one name
])
def test_escaped_stretches_are_those_between_quotes_and_brackets(text):
    import re

    from portal.sitebuild.check.privacy import _escaped_stretches

    naive = {s for s in re.split(r"[\"'<>]", text) if re.search(r"%[0-9A-Fa-f]{2}", s)}
    assert _escaped_stretches(text) == naive
    hits = PrivacyGuard(TERMS).scan_text(text)
    assert [t.kind for t in hits] == ([] if 'title="%E6%9E%97"' in text else ["name"])
