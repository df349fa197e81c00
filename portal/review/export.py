"""Streaming the filtered queue as CSV or XLSX: rows are fetched in batches and written as they
come, so memory stays flat however many there are. ID numbers and phones are masked except for admins."""
from __future__ import annotations

import csv
import io
import os
import tempfile
from typing import Iterator

from flask_babel import gettext as _
from openpyxl import Workbook

from portal.accounts.models import User
from portal.applications import workflow
from portal.applications.models import Application
from portal.kernel import db
from portal.kernel.china import masking
from portal.kernel.reference_data import reference
from portal.kernel.template_filters import local_datetime
from portal.review.queue import QueueFilters, sorted_query

# Characters that make a spreadsheet program read a cell as a formula (OWASP, CSV injection).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
FETCH_BATCH = 1000
CSV_CHUNK_ROWS = 500
XLSX_CHUNK_BYTES = 64 * 1024
EXPORT_COLUMNS = (Application.reference, Application.full_name, Application.id_number, Application.phone,
                  Application.employer, Application.category_code, Application.industry_code,
                  Application.division_code, Application.state, Application.submitted_at, Application.updated_at)


def safe_cell(value: str) -> str:
    """The cell text, with a leading apostrophe when it would otherwise start a formula.

    An employer typed as ``=HYPERLINK(...)`` then reads as that text in Excel and WPS, in CSV
    and XLSX alike, instead of running when staff open the export.
    """
    return "'" + value if value.startswith(FORMULA_TRIGGERS) else value


def headers() -> list[str]:
    """Column headings in the current language."""
    return [_("申报编号"), _("姓名"), _("身份证号码"), _("手机号码"), _("工作单位"), _("申报类别"), _("所属产业"),
            _("申报县区"), _("状态"), _("提交时间"), _("更新时间")]


def export_rows(user: User, filters: QueueFilters) -> Iterator[list[str]]:
    """The queue's rows as text cells, fetched FETCH_BATCH at a time; masked unless `user` is an admin."""
    unmasked = user.role == "admin"
    # Translated names are looked up once, not once per row.
    categories, industries, divisions = (dict(reference(name).choices())
                                         for name in ("categories", "industries", "divisions"))
    states = {state: workflow.state_label(state) for state in workflow.STATE_LABELS}
    query = sorted_query(user, filters, EXPORT_COLUMNS).execution_options(yield_per=FETCH_BATCH)
    for row in db.session.execute(query):
        yield [safe_cell(cell) for cell in (
            row.reference or "", row.full_name or "",
            (row.id_number or "") if unmasked else masking.mask_id_number(row.id_number),
            (row.phone or "") if unmasked else masking.mask_phone(row.phone),
            row.employer or "", categories.get(row.category_code, row.category_code or ""),
            industries.get(row.industry_code, row.industry_code or ""),
            divisions.get(row.division_code, row.division_code or ""), states.get(row.state, row.state),
            local_datetime(row.submitted_at), local_datetime(row.updated_at))]


def csv_stream(user: User, filters: QueueFilters) -> Iterator[str]:
    """CSV text in chunks, starting with a BOM so spreadsheet programs read the Chinese correctly."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    buffer.write("\ufeff")
    writer.writerow(headers())
    for count, row in enumerate(export_rows(user, filters), 1):
        writer.writerow(row)
        if count % CSV_CHUNK_ROWS == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def xlsx_stream(user: User, filters: QueueFilters) -> Iterator[bytes]:
    """An XLSX workbook written row by row (openpyxl write-only mode) to a temporary file, then sent in chunks."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("申报列表"))
    sheet.append(headers())
    for row in export_rows(user, filters):
        sheet.append(row)
    handle, path = tempfile.mkstemp(suffix=".xlsx")
    os.close(handle)
    try:
        workbook.save(path)
        with open(path, "rb") as stream:
            while chunk := stream.read(XLSX_CHUNK_BYTES):
                yield chunk
    finally:
        os.unlink(path)
