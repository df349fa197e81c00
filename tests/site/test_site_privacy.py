"""The privacy guard runs after every build: personal data from the database fails the build
and nothing is published."""
from __future__ import annotations

import pytest

from portal.kernel import db
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


def test_a_new_forbidden_term_rescans_the_unchanged_site(app, make_user, builder, demo_content, tmp_path):
    write_news(demo_content, "contact", "服务热线 13811112222。")
    out = tmp_path / "_site"
    builder(demo_content, out)  # not an applicant's number (yet)
    make_user("applicant", phone="13811112222")
    with pytest.raises(BuildError):
        builder(demo_content, out)  # nothing changed in content, but the terms did
