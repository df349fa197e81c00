"""Staff import experts from CSV/XLSX (every bad row reported by line, nothing half-imported),
the daily digest sends at most one email per expert per day, public pages show only consenting
experts and never private fields, and blind mode hides the applicant's identity."""
import io
from datetime import datetime, timedelta

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from portal.accounts.models import User
from portal.kernel import clock, db
from portal.kernel.clock import today
from portal.panels import assignments, declarations
from portal.panels import directory as panel_directory
from portal.panels.expert_import import ImportRejected, import_experts
from portal.panels.models import ExpertProfile, ReviewDigest

HEADER = "email,name,title,affiliation,field,bio,phone,max_load,publication_consent,panels\n"


def _count(model):
    return db.session.scalar(select(func.count()).select_from(model))


@pytest.fixture
def staff(make_user):
    return make_user("hr")


def test_a_file_with_bad_rows_reports_each_line_and_imports_nothing(make_panel, staff):
    make_panel(code="equipment")
    csv_text = HEADER + (
        "li@example.com,李工,教授,辽宁工程技术大学,机械,,13800000001,8,是,equipment\n"
        "not-an-email,王工,,某研究院,,,,,,\n"
        ",,,,,,,,,\n"
        "zhao@example.com,,,,,,12345,zero,maybe,nopanel\n"
        "LI@example.com,李二,,某公司,,,,,,\n")
    with pytest.raises(ImportRejected) as rejected:
        import_experts("experts.csv", io.BytesIO(csv_text.encode()), staff)
    lines = sorted({line for line, _message in rejected.value.problems})
    assert lines == [3, 5, 6]  # the blank line 4 is skipped, line 2 is good
    line5 = [message for line, message in rejected.value.problems if line == 5]
    assert len(line5) == 6  # name, affiliation, phone, max_load, consent, panel
    assert any("第 2 行" in message for line, message in rejected.value.problems if line == 6)
    assert _count(ExpertProfile) == 0 and _count(User) == 1  # only the staff user


def test_a_good_xlsx_imports_every_expert_with_memberships(client, auth, make_panel, staff):
    panel = make_panel(code="energy")
    book = Workbook()
    sheet = book.active
    sheet.append(["邮箱", "姓名", "单位", "手机", "评审上限", "同意公开", "评审组"])
    sheet.append(["a@example.com", "甲专家", "辽宁工程技术大学", "13900000011", 6, "是", "energy"])
    sheet.append(["b@example.com", "乙专家", "阜新新能源研究所", None, None, "否", None])
    data = io.BytesIO()
    book.save(data)
    data.seek(0)
    auth.login(staff)
    response = client.post("/panels/manage/experts/import", data={"file": (data, "experts.xlsx")},
                           content_type="multipart/form-data")
    assert response.status_code == 302
    experts = db.session.scalars(select(ExpertProfile).order_by(ExpertProfile.id)).all()
    assert [(e.name, e.max_load, e.publication_consent) for e in experts] == [("甲专家", 6, True), ("乙专家", 10, False)]
    assert experts[0].user.role == "expert" and [m.panel_id for m in experts[0].memberships] == [panel.id]


def test_the_import_page_lists_bad_rows_by_line(client, auth, staff):
    auth.login(staff)
    data = (HEADER + "bad,,,,,,,,,\n").encode()
    page = client.post("/panels/manage/experts/import", data={"file": (io.BytesIO(data), "x.csv")},
                       content_type="multipart/form-data").get_data(as_text=True)
    assert "第 2 行" in page and "文件未导入" in page


def test_the_digest_sends_at_most_one_email_per_expert_per_day(runner, outbox, make_user, make_expert, make_panel,
                                                                 expert_review_application, staff):
    busy, idle = make_expert(affiliation="甲"), make_expert(affiliation="乙")
    panel = make_panel([busy, idle])
    for _ in range(2):
        application = expert_review_application(make_user("applicant"))
        assignments.send_to_panel(application, panel, staff)
        assignments.assign(application, [busy], today() + timedelta(days=3), staff)
    experts_mail = lambda: [m for m in outbox() if m["To"] in (busy.email, idle.email)]  # noqa: E731
    clock.freeze(datetime(2026, 11, 26, 1, 0))
    try:
        assert "sent 1" in runner.invoke(args=["send-review-digests"]).output
        assert "sent 0" in runner.invoke(args=["send-review-digests"]).output
        messages = experts_mail()
        assert len(messages) == 1 and messages[0]["To"] == busy.email
        assert "2" in messages[0].get_content()  # both pending reviews in the one digest
        clock.freeze(datetime(2026, 11, 27, 1, 0))
        runner.invoke(args=["send-review-digests"])
        assert len(experts_mail()) == 2 and _count(ReviewDigest) == 2
    finally:
        clock.freeze(None)


def test_public_pages_show_consenting_experts_and_no_private_fields(client, make_expert, make_panel):
    shown = make_expert("公开专家", consent=True, phone="13911112222")
    hidden = make_expert("不公开专家", consent=False)
    panel = make_panel([shown, hidden], chair=hidden, code="green-food")
    page = client.get("/panels/green-food").get_data(as_text=True)
    assert "公开专家" in page and "不公开专家" not in page
    assert "13911112222" not in page and shown.email not in page
    assert client.get(f"/panels/experts/{hidden.id}").status_code == 404
    profile = client.get(f"/panels/experts/{shown.id}").get_data(as_text=True)
    assert "公开专家" in profile and "13911112222" not in profile and shown.email not in profile
    data = panel_directory.public_panel(panel.code)
    assert data["chair"] is None and [m["name"] for m in data["members"]] == ["公开专家"]
    assert not {"phone", "email", "max_load", "user_id"} & set(data["members"][0])
    assert "green-food" in client.get("/panels/").get_data(as_text=True)


@pytest.mark.parametrize("blind", [True, False])
def test_blind_mode_hides_the_applicants_identity(client, auth, make_user, make_expert, make_panel,
                                                  expert_review_application, staff, blind):
    expert = make_expert(affiliation="沈阳工业大学")
    application = expert_review_application(make_user("applicant", phone="13812345678"))
    assignments.send_to_panel(application, make_panel([expert], blind=blind), staff)
    assignments.assign(application, [expert], today(), staff)
    declarations.declare_no_conflict(expert, application)
    id_card = next(m for m in application.materials if m.material_type == "id_card")
    auth.login(expert.user)
    page = client.get(f"/expert/applications/{application.id}").get_data(as_text=True)
    assert "34052419800101001X" not in page and "13812345678" not in page  # never in full
    with client.get(f"/expert/applications/{application.id}/materials/{id_card.id}") as response:
        assert response.status_code == (404 if blind else 200)
    if blind:
        assert "测试申报人" not in page and "138****5678" not in page and "340524" not in page
        assert f"materials/{id_card.id}" not in page
    else:
        assert "测试申报人" in page and "138****5678" in page
    assert "阜新示例科技有限公司" in page  # the employer stays: experts judge it


def test_overdue_assignments_are_marked(client, auth, make_user, make_expert, make_panel,
                                        expert_review_application, staff):
    expert = make_expert(affiliation="甲")
    panel = make_panel([expert])
    late, on_time = (expert_review_application(make_user("applicant")) for _ in range(2))
    for application, deadline in ((late, today() - timedelta(days=1)), (on_time, today())):
        assignments.send_to_panel(application, panel, staff)
        assignments.assign(application, [expert], deadline, staff)
    auth.login(expert.user)
    rows = client.get("/expert/").get_data(as_text=True).split("<tr>")
    assert "已逾期" in next(r for r in rows if late.reference in r)
    assert "已逾期" not in next(r for r in rows if on_time.reference in r)
