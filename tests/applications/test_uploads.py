"""Uploads are checked by content and size, stored under random names outside static/."""
import io
from pathlib import Path

import pytest

from portal.applications.models import Material
from portal.kernel import db
from tests.conftest import JPEG_BYTES, PDF_BYTES, PNG_BYTES


@pytest.fixture
def draft(client, auth, make_user):
    user = make_user()
    auth.login(user)
    location = client.post("/apply/start").location
    return int(location.split("/apply/")[1].split("/")[0])


def _upload(client, app_id, data, name, material_type="id_card"):
    return client.post(f"/apply/{app_id}/materials", data={"material_type": material_type,
                                                           "file": (io.BytesIO(data), name)},
                       content_type="multipart/form-data", follow_redirects=True)


@pytest.mark.parametrize("data, name", [(PDF_BYTES, "a.pdf"), (PNG_BYTES, "scan.png"), (JPEG_BYTES, "photo.JPG"),
                                        (PDF_BYTES, "no-extension")])
def test_pdf_png_and_jpeg_are_accepted_by_content(client, draft, app, data, name):
    page = _upload(client, draft, data, name).get_data(as_text=True)
    assert "材料已上传" in page
    material = db.session.query(Material).one()
    stored = Path(app.config["UPLOAD_DIR"]) / material.stored_name
    assert stored.read_bytes() == data
    assert name not in material.stored_name and len(material.stored_name) == 32
    assert "static" not in stored.parts


@pytest.mark.parametrize("data, name, message", [
    (b"MZ\x90\x00 this is an exe", "evil.pdf", "只接受 PDF、JPG 或 PNG"),
    (b"<html><script>alert(1)</script>", "page.png", "只接受 PDF、JPG 或 PNG"),
    (b"", "empty.pdf", "上传的文件是空的"),
])
def test_bad_files_are_rejected_with_a_reason(client, draft, app, data, name, message):
    page = _upload(client, draft, data, name).get_data(as_text=True)
    assert message in page
    assert db.session.query(Material).count() == 0
    assert list(Path(app.config["UPLOAD_DIR"]).glob("*")) == []


def test_oversized_files_are_rejected_and_leave_nothing_behind(client, draft, app):
    app.config["MAX_UPLOAD_BYTES"] = 1024
    page = _upload(client, draft, PDF_BYTES + b"0" * 2048, "big.pdf").get_data(as_text=True)
    assert "文件超过" in page
    assert db.session.query(Material).count() == 0
    assert list(Path(app.config["UPLOAD_DIR"]).glob("*")) == []


def test_requests_over_the_hard_limit_get_a_friendly_413(client, draft, app):
    app.config["MAX_CONTENT_LENGTH"] = 2048
    response = client.post(f"/apply/{draft}/materials", data={"material_type": "id_card",
                                                               "file": (io.BytesIO(PDF_BYTES + b"0" * 4096), "x.pdf")},
                           content_type="multipart/form-data")
    assert response.status_code == 413 and "上传的文件太大" in response.get_data(as_text=True)


def test_owner_can_download_and_delete_a_draft_file(client, draft, app):
    _upload(client, draft, PNG_BYTES, "scan.png")
    material = db.session.query(Material).one()
    with client.get(f"/apply/{draft}/materials/{material.id}?inline=1") as response:
        assert response.status_code == 200 and response.data == PNG_BYTES
        assert response.mimetype == "image/png" and "no-store" in response.headers["Cache-Control"]
    client.post(f"/apply/{draft}/materials/{material.id}/delete")
    assert db.session.query(Material).count() == 0
    assert list(Path(app.config["UPLOAD_DIR"]).glob("*")) == []
