"""Importing experts from a CSV or XLSX file: every bad row is reported with its line number and
nothing is imported unless every row is good (one transaction)."""
from __future__ import annotations

import csv
import io
from typing import Any, BinaryIO

from email_validator import EmailNotValidError, validate_email
from flask_babel import gettext as _
from sqlalchemy import select

from portal.accounts.models import User
from portal.accounts.users import find_by_email
from portal.audit import record as audit
from portal.kernel import db
from portal.kernel.china import mobile
from portal.panels.experts import new_expert, refresh_conflicts
from portal.panels.models import Panel, PanelMembership
from portal.panels.rules import default_max_load

# column -> accepted headers (English or Chinese)
COLUMNS = {
    "email": ("email", "邮箱", "电子邮箱"), "name": ("name", "姓名"), "title": ("title", "职称"),
    "affiliation": ("affiliation", "单位", "工作单位"), "field": ("field", "领域", "专业领域"),
    "bio": ("bio", "简介"), "phone": ("phone", "手机", "手机号码"), "max_load": ("max_load", "评审上限"),
    "publication_consent": ("publication_consent", "同意公开"), "panels": ("panels", "panel", "评审组"),
}
YES, NO = {"1", "yes", "y", "true", "是", "同意"}, {"", "0", "no", "n", "false", "否", "不同意"}


class ImportRejected(ValueError):
    """The file was not imported; `problems` lists (line number, message), line 1 being the header."""

    def __init__(self, problems: list[tuple[int, str]]):
        super().__init__("; ".join(f"{line}: {message}" for line, message in problems))
        self.problems = problems


def read_rows(filename: str, stream: BinaryIO) -> list[list[str]]:
    """The file's rows as text cells, header first; CSV (UTF-8 or GB18030) or XLSX."""
    data = stream.read()
    if filename.lower().endswith(".xlsx"):
        from openpyxl import load_workbook

        try:
            book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception:  # openpyxl raises many types for a broken file
            raise ImportRejected([(0, _("无法读取该 XLSX 文件。"))]) from None
        rows = [["" if cell is None else str(cell).strip() for cell in row] for row in book.active.iter_rows(values_only=True)]
        book.close()
        return rows
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ImportRejected([(0, _("文件编码无法识别，请保存为 UTF-8 的 CSV 或 XLSX。"))])
    return [[cell.strip() for cell in row] for row in csv.reader(io.StringIO(text))]


def _header(row: list[str]) -> dict[str, int]:
    positions = {}
    for index, title in enumerate(row):
        for column, names in COLUMNS.items():
            if title.strip().lower() in names:
                positions[column] = index
    missing = [c for c in ("email", "name", "affiliation") if c not in positions]
    if missing:
        raise ImportRejected([(1, _("表头缺少列：%(columns)s", columns=", ".join(missing)))])
    return positions


def _row_values(cells: list[str], positions: dict[str, int], panels: dict[str, Panel],
                seen: dict[str, int]) -> tuple[dict[str, Any], list[str]]:
    get = lambda column: cells[positions[column]].strip() if column in positions and positions[column] < len(cells) else ""  # noqa: E731
    values: dict[str, Any] = {c: get(c) or None for c in ("name", "title", "affiliation", "field", "bio")}
    problems = []
    try:
        values["email"] = validate_email(get("email"), check_deliverability=False).normalized.lower()
    except EmailNotValidError:
        problems.append(_("邮箱无效：%(value)s", value=get("email") or "—"))
    else:
        if values["email"] in seen:
            problems.append(_("邮箱与第 %(line)d 行重复", line=seen[values["email"]]))
        elif find_by_email(values["email"]):
            problems.append(_("邮箱已有账号：%(value)s", value=values["email"]))
    if not values["name"]:
        problems.append(_("缺少姓名"))
    if not values["affiliation"]:
        problems.append(_("缺少工作单位"))
    values["phone"] = mobile.normalise(get("phone")) if get("phone") else None
    if get("phone") and values["phone"] is None:
        problems.append(_("手机号码无效：%(value)s", value=get("phone")))
    load = get("max_load") or str(default_max_load())
    if not load.isdigit() or not 1 <= int(load) <= 200:
        problems.append(_("评审上限应为 1 到 200 的整数：%(value)s", value=load))
    else:
        values["max_load"] = int(load)
    consent = get("publication_consent").lower()
    if consent not in YES | NO:
        problems.append(_("“同意公开”应填 是 或 否：%(value)s", value=consent))
    values["publication_consent"] = consent in YES
    codes = [c.strip() for c in get("panels").replace("；", ";").split(";") if c.strip()]
    unknown = [c for c in codes if c not in panels]
    if unknown:
        problems.append(_("未知评审组：%(codes)s", codes=", ".join(unknown)))
    values["panels"] = [panels[c] for c in codes if c in panels]
    return values, problems


def import_experts(filename: str, stream: BinaryIO, actor: User) -> int:
    """Create every expert in the file (and their panel memberships) or none; returns how many.
    Raises ImportRejected listing each bad row by line number."""
    rows = read_rows(filename, stream)
    if not rows:
        raise ImportRejected([(1, _("文件是空的。"))])
    positions = _header(rows[0])
    panels = {p.code: p for p in db.session.scalars(select(Panel))}
    good, problems, seen = [], [], {}
    for line, cells in enumerate(rows[1:], start=2):
        if not any(cells):
            continue
        values, row_problems = _row_values(cells, positions, panels, seen)
        problems += [(line, message) for message in row_problems]
        if values.get("email"):
            seen.setdefault(values["email"], line)
        good.append(values)
    if problems:
        raise ImportRejected(problems)
    if not good:
        raise ImportRejected([(2, _("文件中没有专家数据。"))])
    with db.transaction() as session:
        for values in good:
            profile = new_expert(values)
            for panel in values["panels"]:
                session.add(PanelMembership(panel=panel, expert=profile))
            session.flush()
            refresh_conflicts(profile)
        audit.record(actor, "expert.import", "expert", None, count=len(good), filename=filename[-200:])
    return len(good)
