"""The privacy guard runs after every build: personal data from the database fails the build
and nothing is published."""
from __future__ import annotations

import pytest

from portal.demo.seed import make_id_number
from portal.kernel import db
from portal.kernel.config import Config
from portal.sitebuild.check.privacy import PATTERN_LABEL, PrivacyGuard
from portal.sitebuild.pipeline import BuildError
from tests.site.conftest import tree, write_news


def test_a_planted_applicant_phone_number_fails_the_build(app, make_user, builder, demo_content, tmp_path):
    make_user("applicant", phone="13912345678")
    out = tmp_path / "_site"
    builder(demo_content, out)
    before = tree(out)
    write_news(demo_content, "contact", "联系人电话：139 1234 5678。")
    with pytest.raises(BuildError) as failure:
        builder(demo_content, out)
    message = str(failure.value)
    assert "news/contact/index.html" in message and "phone" in message
    assert "13912345678" not in message  # the report masks what it found
    assert tree(out) == before


def test_application_id_number_and_email_are_caught(app, make_user, complete_application, builder, demo_content,
                                                    tmp_path):
    application = complete_application(make_user("applicant"))
    write_news(demo_content, "leak", f"证件号 {application.id_number}，邮箱 {application.email.upper()}")
    with pytest.raises(BuildError) as failure:
        builder(demo_content, tmp_path / "_site")
    assert "id_number" in str(failure.value) and "email" in str(failure.value)
    assert not (tmp_path / "_site").exists()


def test_names_of_people_who_did_not_consent_never_appear(app, make_user, complete_application, builder,
                                                          demo_content, tmp_path):
    private = complete_application(make_user("applicant"), publication=False)
    public = complete_application(make_user("applicant"), publication=True)
    with db.transaction():
        private.full_name, public.full_name = "欧阳未同意", "司马已同意"
    write_news(demo_content, "names", f"{public.full_name}获得认定。")
    out = tmp_path / "_site"
    builder(demo_content, out)  # a consenting person's name may be published
    assert "司马已同意".encode() in (out / "news" / "names" / "index.html").read_bytes()
    assert all("欧阳未同意".encode() not in data for data in tree(out).values())
    write_news(demo_content, "names", f"{public.full_name}和{private.full_name}获得认定。")
    with pytest.raises(BuildError) as failure:
        builder(demo_content, out)
    assert "name" in str(failure.value)


def test_a_new_forbidden_term_rescans_the_unchanged_site(app, make_user, builder, demo_content, tmp_path,
                                                         monkeypatch):
    monkeypatch.setattr(Config, "PRIVACY_PUBLISHED_MOBILES", ("13811112222",))  # a published office number
    write_news(demo_content, "contact", "服务热线 13811112222。")
    out = tmp_path / "_site"
    builder(demo_content, out)  # not an applicant's number (yet)
    make_user("applicant", phone="13811112222")
    with pytest.raises(BuildError):
        builder(demo_content, out)  # nothing changed in content, but the terms did


def test_a_strangers_valid_id_number_in_a_news_item_stops_the_build(app, builder, demo_content, tmp_path):
    out = tmp_path / "_site"
    builder(demo_content, out)
    before = tree(out)
    stranger = make_id_number("210902", "19750312", "217")  # checksum-valid, no applicant has it
    write_news(demo_content, "leak", f"获奖者身份证号 {stranger[:6]} {stranger[6:14]} {stranger[14:]}。")
    with pytest.raises(BuildError) as failure:
        builder(demo_content, out)
    assert "news/leak/index.html" in str(failure.value) and "id_number" in str(failure.value)
    assert stranger not in str(failure.value)
    assert tree(out) == before


def test_the_guard_tells_numbers_by_pattern():
    guard = PrivacyGuard([], published_mobiles=["0418-1234567", "13900001111"])
    valid = make_id_number("210902", "19800101", "001")
    found = lambda text: [(t.kind, t.value) for t in guard.scan_text(text)]  # noqa: E731
    assert found(f"证件 {valid}") == [("id_number", valid)]
    assert found(f"证件 {valid[:-1]}{'0' if valid[-1] != '0' else '1'}") == []  # checksum wrong: not an ID
    assert found("手机 138-1234-5678，2026-11-23 10:00") == [("phone", "13812345678")]
    assert found("电话 +86 138 1234 5678") == [("phone", "13812345678")]
    assert found("热线 139 0000 1111") == []  # a published office number
    assert found("订单号 201612345678901234567，日期 2026-11-23 至 2026-11-27") == []
    assert guard.scan_text(f"号 {valid}")[0].label == PATTERN_LABEL
    assert PrivacyGuard([]).scan_text(f"号 {valid}") == []  # patterns are off unless asked for
