"""Filters and globals shared by every template."""
from __future__ import annotations

from datetime import datetime

from flask import Flask

from portal.kernel.china import masking
from portal.kernel.clock import to_china
from portal.kernel.reference_data import reference


def local_datetime(value: datetime | None) -> str:
    """Naive UTC -> 'YYYY-MM-DD HH:MM' in China Standard Time."""
    return to_china(value).strftime("%Y-%m-%d %H:%M") if value else ""


def reference_name(list_name: str, code: str | None) -> str:
    """The display name of a reference-list code in the current language."""
    return reference(list_name).name(code) if code else ""


def init_app(app: Flask) -> None:
    """Register the filters and globals."""
    app.add_template_filter(local_datetime)
    app.add_template_filter(masking.mask_id_number, "mask_id")
    app.add_template_filter(masking.mask_phone, "mask_phone")
    app.add_template_global(reference_name)
