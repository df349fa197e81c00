"""A copy of everything held about a person (PIPL art. 45): a ZIP with data.json, schema.json,
a README and the uploaded files as they were uploaded."""
from __future__ import annotations

import io
import json
import re
import zipfile
from datetime import date, datetime
from typing import IO, Any

from sqlalchemy import inspect, or_, select

from portal.accounts.models import LoginAttempt, User
from portal.applications.models import Application, ApplicationEvent, Material
from portal.audit import record as audit
from portal.audit.models import AuditEntry
from portal.kernel import db, storage
from portal.kernel.clock import utcnow
from portal.notifications.models import Notification
from portal.privacy_rights.erasure import applications_of
from portal.privacy_rights.models import CorrectionRequest
from portal.publicity.models import PublicityEntry

# Never handed out, not even to the owner: it would only help someone who stole the file.
WITHHELD = {"users": {"password_hash"}}
SECTIONS = {
    "account": (User, "你的账号 / your account"),
    "applications": (Application, "你的申报，每个字段 / your applications, every field"),
    "applications[].materials": (Material, "上传的材料；文件见 files/ / uploaded files, see files/"),
    "applications[].snapshots": (None, "每次提交时冻结的内容 / what was frozen at each submission"),
    "applications[].timeline": (ApplicationEvent, "办理时间线 / the state history"),
    "applications[].publicity_entries": (PublicityEntry, "公示名单中的条目 / entries on 公示 lists"),
    "applications[].correction_requests": (CorrectionRequest, "更正申请 / correction requests"),
    "consents": (None, "每份申报的处理同意和公示同意 / the consents given and withdrawn"),
    "notifications": (Notification, "站内通知 / in-portal notifications"),
    "audit_entries.about_me": (AuditEntry, "审计日志中关于你的记录 / audit entries about you"),
    "audit_entries.by_me": (AuditEntry, "你本人的操作记录 / audit entries of your own actions"),
    "sign_in_attempts": (LoginAttempt, "登录尝试 / sign-in attempts"),
}
README = """个人数据副本 / Copy of your personal data

data.json   你在阜新英才服务平台的全部数据 / everything the portal holds about you
schema.json 各字段的说明 / what each field holds
files/      你上传的材料，保持上传时的格式 / your uploaded files, as uploaded:
            files/<申报编号 application reference>/<材料编号 id>-<文件名 name>
时间均为 UTC / all times are UTC.
"""


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, (date, datetime)) else value


def row(obj: Any) -> dict[str, Any]:
    """Every column of a model instance as JSON-safe values (minus withheld secrets)."""
    mapper = inspect(obj).mapper
    hidden = WITHHELD.get(mapper.local_table.name, set())
    return {c.key: _plain(getattr(obj, c.key)) for c in mapper.column_attrs if c.key not in hidden}


def _folder(application: Application) -> str:
    return application.reference or f"draft-{application.id}"


def _file_name(material: Material) -> str:
    safe = re.sub(r"[\\/\x00-\x1f]", "_", material.original_name).strip(". ") or "file"
    return f"{material.id}-{safe}"


def _application(application: Application) -> dict[str, Any]:
    data = row(application)
    data["materials"] = [{**row(m), "file": f"files/{_folder(application)}/{_file_name(m)}"}
                         for m in application.materials]
    data["snapshots"] = [row(s) for s in application.snapshots]
    data["timeline"] = [row(e) for e in application.events]
    data["publicity_entries"] = [row(e) for e in application.publicity_entries]
    data["correction_requests"] = [row(r) for r in db.session.scalars(
        select(CorrectionRequest).where(CorrectionRequest.application_id == application.id)
        .order_by(CorrectionRequest.id))]
    return data


def _consent(application: Application) -> dict[str, Any]:
    return {"application_id": application.id, "reference": application.reference,
            "privacy_consent_at": _plain(application.privacy_consent_at),
            "publication_consent": application.publication_consent,
            "publication_consent_at": _plain(application.publication_consent_at),
            "publication_consent_withdrawn_at": _plain(application.publication_consent_withdrawn_at)}


def _audit(user: User, applications: list[Application]) -> dict[str, list]:
    app_ids = [str(a.id) for a in applications]
    about = select(AuditEntry).where(or_(
        (AuditEntry.object_type == "user") & (AuditEntry.object_id == str(user.id)),
        (AuditEntry.object_type == "application") & AuditEntry.object_id.in_(app_ids or ["-"])))
    by_me = select(AuditEntry).where(AuditEntry.actor_id == user.id)
    return {"about_me": [row(e) for e in db.session.scalars(about.order_by(AuditEntry.id))],
            "by_me": [row(e) for e in db.session.scalars(by_me.order_by(AuditEntry.id))]}


def personal_data(user: User) -> dict[str, Any]:
    """Everything held about `user`, as JSON-safe data."""
    applications = applications_of(user)
    return {
        "generated_at": _plain(utcnow()),
        "account": row(user),
        "applications": [_application(a) for a in applications],
        "consents": [_consent(a) for a in applications],
        "notifications": [row(n) for n in db.session.scalars(
            select(Notification).where(Notification.user_id == user.id).order_by(Notification.id))],
        "audit_entries": _audit(user, applications),
        "sign_in_attempts": [row(a) for a in db.session.scalars(
            select(LoginAttempt).where(LoginAttempt.email == user.email).order_by(LoginAttempt.id))],
    }


def schema() -> dict[str, Any]:
    """What each section and field of data.json holds (generated from the tables, so it cannot drift)."""
    described = {}
    for section, (model, description) in SECTIONS.items():
        entry: dict[str, Any] = {"description": description}
        if model is not None:
            hidden = WITHHELD.get(model.__tablename__, set())
            entry["fields"] = {c.key: {"type": str(c.type), "nullable": bool(c.nullable)}
                               for c in model.__table__.columns if c.key not in hidden}
        described[section] = entry
    return {"format": "fuxin-talent personal data copy, version 1", "sections": described}


def build_zip(user: User) -> IO[bytes]:
    """The ZIP in memory, rewound (uploads are capped in size); the download is audited here."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("README.txt", README)
        archive.writestr("data.json", json.dumps(personal_data(user), ensure_ascii=False, indent=2))
        archive.writestr("schema.json", json.dumps(schema(), ensure_ascii=False, indent=2))
        for application in applications_of(user):
            for material in application.materials:
                path = storage.path_of(material.stored_name)
                if path.exists():
                    archive.write(path, f"files/{_folder(application)}/{_file_name(material)}")
    audit.record_now(user, "personal_data.download", "user", user.id)
    out.seek(0)
    return out
