"""The private applications index: scoping, and never leaking to the public side."""
import gzip

import pytest
from corpus import DOCS

import search_index
from search_index.schema import PUBLIC_KINDS

PLANTED = "绝密申请人甲乙丙"


def application(app_id, division, name, body=""):
    return {"id": str(app_id), "reference": f"FX-2026-{app_id:06d}", "name": name, "employer": "阜新某装备公司",
            "body": body or f"硕士研究生 高端装备 液压系统工程师 {PLANTED}", "division": division,
            "industry": "equipment", "category": "C", "state": "submitted"}


@pytest.fixture
def both(root):
    search_index.rebuild(root, "public", DOCS)
    search_index.add_to_index(root, "private", application(1, "210902", "张伟"))
    search_index.add_to_index(root, "private", application(2, "210911", "李强"))
    search_index.add_to_index(root, "private", application(3, "210911", "王芳", "本科 绿色食品 质量管理"))
    return root


def test_staff_scoping_by_division_and_conflicts(both):
    assert search_index.matching_ids(both, "private", PLANTED) in (["1", "2"], ["2", "1"])
    assert search_index.matching_ids(both, "private", PLANTED, divisions={"210911"}) == ["2"]
    assert search_index.matching_ids(both, "private", PLANTED, divisions={"210911"}, exclude_ids={"2"}) == []
    assert search_index.matching_ids(both, "private", PLANTED, divisions=set()) == []
    result = search_index.query_index(both, "private", "FX-2026-000003")
    assert [h.id for h in result.hits] == ["3"] and result.hits[0].name == "王芳"
    assert result.facets["division"] == {"210911": 1}


def test_planted_applicant_text_never_reaches_public_search_or_export(both, tmp_path):
    for text in (PLANTED, "张伟", "FX-2026-000001"):
        result = search_index.query_index(both, "public", text, per_page=100)
        assert all(h.kind in PUBLIC_KINDS and PLANTED not in h.title + h.body for h in result.hits)
        assert not any(text in h.title + h.body for h in result.hits)
    assert search_index.matching_ids(both, "public", PLANTED) == []
    search_index.export_static(both, tmp_path / "site")
    files = [p for p in (tmp_path / "site").rglob("*") if p.is_file()]
    exported = b"".join(gzip.decompress(p.read_bytes()) if p.suffix == ".gz" else p.read_bytes() for p in files)
    for secret in (PLANTED, "张伟", "FX-2026-000001", "液压系统工程师"):
        assert secret.encode() not in exported
    assert "人才工作服务站".encode() in exported  # the export itself is not empty
