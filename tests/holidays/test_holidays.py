"""A year with no holiday list: weekend-only working days, a plain warning for admins, and loading
the year's arrangement from a form or a data file, checked first."""
from __future__ import annotations

import io
from datetime import date, datetime

import pytest
from sqlalchemy import select

from portal.audit.models import AuditEntry
from portal.holidays import arrangements as holidays
from portal.holidays.arrangements import HolidayDataError
from portal.kernel import db
from portal.publicity import batches as publicity

CONTACT = "市人才办 0418-1234567"
IN_2028 = datetime(2028, 1, 14, 2, 0)  # Friday 14 Jan 2028, 10:00 in Beijing: the reference file stops at 2027
ARRANGEMENT_2028 = b"holidays:\n  - 2028-01-17\n  - 2028-01-18\nworkdays:\n  - 2028-01-22\n"


def test_a_year_without_a_list_counts_weekends_only_and_says_so(app, frozen_clock):
    frozen_clock(IN_2028)
    cal = holidays.current_calendar()
    assert cal.missing_years(date(2028, 1, 14), date(2028, 1, 31)) == [2028]
    assert cal.missing_years(date(2026, 9, 1), date(2026, 10, 31)) == []
    # Fri 14 Jan + 5 working days, weekends alone skipped: Fri, Mon, Tue, Wed, Thu.
    assert publicity.end_date_for(date(2028, 1, 14)) == date(2028, 1, 20)
    assert holidays.years_to_warn_about() == [2028]


def test_opening_a_batch_in_such_a_year_works_and_warns(client, auth, make_user, decided_application, frozen_clock):
    admin = make_user("admin")
    decided = decided_application(make_user("applicant"))
    frozen_clock(IN_2028)
    auth.login(admin)
    page = client.get("/gongshi/manage/").get_data(as_text=True)
    assert 'id="holiday-warning"' in page and "2028 年的法定节假日安排尚未导入" in page
    assert "/gongshi/manage/holidays" in page
    response = client.post("/gongshi/manage/", data={
        "title": "2028 第一批", "start_date": "2028-01-14", "working_days": "5",
        "objection_contact": CONTACT, "applications": [str(decided.id)]}, follow_redirects=True)
    assert response.status_code == 200
    text = response.get_data(as_text=True)
    assert "公示期至 2028-01-20" in text and "2028 年的法定节假日安排尚未导入" in text
    dashboard = client.get("/review/dashboard").get_data(as_text=True)
    assert "2028 年的法定节假日安排尚未导入" in dashboard


def test_a_year_with_its_list_gives_no_warning(client, auth, make_user, frozen_clock):
    frozen_clock(datetime(2026, 6, 1, 2, 0))
    auth.login(make_user("admin"))
    assert 'id="holiday-warning"' not in client.get("/review/dashboard").get_data(as_text=True)


def test_an_admin_loads_a_year_from_the_form_and_the_count_follows(client, auth, make_user, frozen_clock):
    frozen_clock(IN_2028)
    auth.login(make_user("admin"))
    form = client.get("/gongshi/manage/holidays").get_data(as_text=True)
    assert "2028 年的法定节假日安排尚未导入" in form
    response = client.post("/gongshi/manage/holidays", data={
        "year-year": "2028", "year-holidays": "2028-01-17\n2028-01-18", "year-workdays": "2028-01-22",
        "year-submit": "1"}, follow_redirects=True)
    text = response.get_data(as_text=True)
    assert "已保存 2028 年的节假日安排" in text and 'id="holiday-warning"' not in text
    # Mon 17 and Tue 18 are off; Sat 22 is a make-up working day.
    assert publicity.end_date_for(date(2028, 1, 14)) == date(2028, 1, 22)  # Fri 14, Wed-Fri, Sat 22
    assert publicity.end_date_for(date(2028, 1, 20)) == date(2028, 1, 25)
    assert holidays.years_to_warn_about() == []


@pytest.mark.parametrize(("holidays_text", "workdays_text", "message"), [
    ("2028-13-01", "", "不是有效日期"),
    ("2027-12-31", "", "不属于 2028 年"),
    ("2028-01-17", "2028-01-17", "不能既放假又上班"),
    ("2028-01-17", "2028-01-19", "应为周六或周日"),
])
def test_the_form_refuses_a_wrong_arrangement_and_keeps_what_was_typed(client, auth, make_user, frozen_clock,
                                                                       holidays_text, workdays_text, message):
    frozen_clock(IN_2028)
    auth.login(make_user("admin"))
    response = client.post("/gongshi/manage/holidays", data={
        "year-year": "2028", "year-holidays": holidays_text, "year-workdays": workdays_text, "year-submit": "1"})
    text = response.get_data(as_text=True)
    assert response.status_code == 200 and message in text
    assert holidays_text in text  # nothing typed is lost
    assert holidays.loaded_years() == []


def test_an_admin_loads_a_data_file(client, auth, make_user, frozen_clock):
    frozen_clock(IN_2028)
    admin = make_user("admin")
    auth.login(admin)
    response = client.post("/gongshi/manage/holidays", data={
        "file-file": (io.BytesIO(ARRANGEMENT_2028), "2028.yaml"), "file-submit": "1"},
        content_type="multipart/form-data", follow_redirects=True)
    assert "已保存 2028 年的节假日安排" in response.get_data(as_text=True)
    [row] = holidays.loaded_years()
    assert (row.year, row.holidays, row.workdays, row.source) == (2028, ["2028-01-17", "2028-01-18"],
                                                                    ["2028-01-22"], "2028.yaml")
    bad = client.post("/gongshi/manage/holidays", data={
        "file-file": (io.BytesIO(b"holidays: [\xff"), "bad.yaml"), "file-submit": "1"},
        content_type="multipart/form-data")
    assert bad.status_code == 200 and "UTF-8" in bad.get_data(as_text=True)


def test_loading_a_year_again_replaces_it_and_is_audited(app, make_user):
    admin = make_user("admin")
    holidays.load_years(holidays.parse_data_file(ARRANGEMENT_2028), admin, "first.yaml")
    holidays.load_years([holidays.check_arrangement(2028, ["2028-01-03"], [])], admin, "form")
    [row] = holidays.loaded_years()
    assert row.holidays == ["2028-01-03"] and row.workdays == []
    actions = db.session.scalars(select(AuditEntry.action).where(AuditEntry.object_type == "holiday_year")).all()
    assert actions == ["holidays.load", "holidays.load"]


def test_a_data_file_must_have_a_holiday_list():
    for raw in (b"- 2028-01-01\n", b"workdays: [2028-01-22]\n", b"holidays: [2028-01-01]\nworkdays: 3\n"):
        with pytest.raises(HolidayDataError):
            holidays.parse_data_file(raw)
    with pytest.raises(HolidayDataError, match="没有列出任何放假日"):
        holidays.parse_data_file(b"holidays: [2028-01-01]\nworkdays: [2029-01-06]\n")


def test_the_command_loads_a_file(runner, tmp_path, frozen_clock):
    frozen_clock(IN_2028)
    path = tmp_path / "2028.yaml"
    path.write_bytes(ARRANGEMENT_2028)
    result = runner.invoke(args=["load-holidays", str(path)])
    assert result.exit_code == 0 and "loaded 2028" in result.output
    assert holidays.years_to_warn_about() == []
    path.write_bytes(b"holidays: [2028-02-30]\n")
    result = runner.invoke(args=["load-holidays", str(path)])
    assert result.exit_code != 0 and "不是有效日期" in result.output
