"""Publishing from the portal: request_publish(), the command, the admins' button and the
staff view of the last publish."""
from __future__ import annotations

import pytest

from portal.sitebuild.admin.models import FAILED, SUCCEEDED
from portal.sitebuild.admin.runs import last_publish, request_publish
from tests.site.conftest import write_news


@pytest.fixture
def app_config(app_config, demo_content, tmp_path):
    return {**app_config, "CONTENT_DIR": str(demo_content), "SITE_OUTPUT_DIR": str(tmp_path / "public" / "_site"),
            "SITE_BASE_URL": "https://talent.fuxin.example/sub/"}


def test_request_publish_builds_incrementally_and_records_each_run(app, tmp_path):
    first = request_publish("test")
    assert first.status == SUCCEEDED and first.written > 50 and first.finished_at is not None
    site = tmp_path / "public" / "_site"
    assert 'href="/sub/assets/site.css"' in (site / "index.html").read_text(encoding="utf-8")
    second = request_publish("test")
    assert second.status == SUCCEEDED and second.written == 0 and second.unchanged == first.written - 3
    assert last_publish().id == second.id
    kept = app.extensions["site_build_app"][1]
    request_publish("test")
    assert app.extensions["site_build_app"][1] is kept  # one build app for every publish of this portal


def test_a_failed_publish_is_recorded_and_leaves_the_site_live(app, make_user, demo_content, tmp_path):
    request_publish("test")
    before = (tmp_path / "public" / "_site" / "index.html").read_bytes()
    make_user("applicant", phone="13955556666")
    write_news(demo_content, "leak", "电话 13955556666", date="2030-01-01")
    run = request_publish("test")
    assert run.status == FAILED and "privacy guard" in run.message and "13955556666" not in run.message
    assert (tmp_path / "public" / "_site" / "index.html").read_bytes() == before


def test_publish_site_command(runner, tmp_path):
    result = runner.invoke(args=["publish-site"])
    assert result.exit_code == 0, result.output
    assert "build:" in result.output and (tmp_path / "public" / "_site" / "sitemap.xml").is_file()


def test_admin_button_publishes_and_staff_see_the_result(client, auth, make_user):
    hr = make_user("hr")
    auth.login(hr)
    page = client.get("/admin/site").get_data(as_text=True)
    assert "还没有从门户发布过公开网站" in page and "立即发布" not in page  # only admins get the button
    assert client.post("/admin/site/publish").status_code == 403
    auth.logout()

    auth.login(make_user("admin"))
    assert "立即发布" in client.get("/admin/site").get_data(as_text=True)
    response = client.post("/admin/site/publish", follow_redirects=True)
    text = response.get_data(as_text=True)
    assert "公开网站已发布" in text and "成功" in text and "button" in text


def test_staff_preview_of_the_public_site(client, auth, make_user):
    auth.login(make_user("hr"))
    home = client.get("/site/").get_data(as_text=True)
    assert 'href="/site/assets/site.css"' in home and "首届" in home
    assert client.get("/site/en/pages/about/").status_code == 200
    assert client.get("/site/news/autumn-campaign-preview/").status_code == 404  # a draft


def test_the_preview_is_for_staff_only(client, auth, make_user):
    anonymous = client.get("/site/")
    assert anonymous.status_code == 302 and "/login" in anonymous.headers["Location"]
    assert client.get("/site/assets/site.css").status_code == 302
    for role in ("applicant", "expert", "station_manager"):
        auth.login(make_user(role))
        assert client.get("/site/").status_code == 403, role
        auth.logout()


def test_the_preview_refuses_what_a_publish_would_refuse(client, auth, make_user, demo_content):
    make_user("applicant", phone="13955556666")
    write_news(demo_content, "leak", "联系电话 139 5555 6666", date="2030-01-01")
    auth.login(make_user("hr"))
    refused = client.get("/site/news/leak/")
    text = refused.get_data(as_text=True)
    assert refused.status_code == 451 and "隐私检查" in text and "139****6666" in text
    assert "13955556666" not in text and "5555 6666" not in text
    write_news(demo_content, "stranger", "举报电话 13700001111", date="2030-01-02")  # nobody's known number
    assert client.get("/site/news/stranger/").status_code == 451


def test_a_request_that_changes_a_station_publishes_once(app, app_config, tmp_path):  # app: tables emptied after
    from flask import Response
    from sqlalchemy import func, select

    from portal import create_app
    from portal.kernel import db
    from portal.kernel.config import TestConfig
    from portal.sitebuild.admin.models import PublishRun
    from portal.stations.models import Station

    settings = TestConfig.as_dict()
    publishing_app = create_app({**settings, **app_config, "SITE_PUBLISH_ON_CHANGE": True})
    with publishing_app.test_request_context("/stations/manage/"):
        with db.transaction() as session:
            session.add(Station(name_zh="自动发布服务站", station_type="county", host_organisation="测试局",
                                division_code="210902", address="测试路 2 号", contact_person="联系人",
                                office_phone="0418-1000002", services=[], latitude=42.0, longitude=121.6,
                                published=True))
        publishing_app.process_response(Response())
    with publishing_app.app_context():
        runs = db.session.scalars(select(PublishRun)).all()
        assert [(r.trigger, r.status) for r in runs] == [("change:stations", "succeeded")]
        assert db.session.scalar(select(func.count()).select_from(Station)) == 1
    assert "自动发布服务站" in (tmp_path / "public" / "_site" / "stations" / "index.html").read_text("utf-8")

