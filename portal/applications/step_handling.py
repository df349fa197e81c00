"""Turning a posted step form into values to save, keeping every valid answer."""
from __future__ import annotations

from typing import Any

from flask_wtf import FlaskForm


def collect_step_values(form: FlaskForm, names: tuple[str, ...], advance: bool) -> tuple[dict[str, Any], bool]:
    """Validate `form`; return (values safe to store, whether the step is complete).

    A blank field is stored as blank when only saving a draft, and is an error when advancing.
    A field with any other error keeps its typed value on the page but is not stored.
    """
    form.validate()
    values: dict[str, Any] = {}
    complete = True
    for name in names:
        field = form[name]
        blank = field.data in (None, "") or (isinstance(field.data, str) and not field.data.strip())
        if blank and not advance:
            field.errors = []
            values[name] = None
            continue
        if field.errors:
            complete = False
            continue
        values[name] = field.data.strip() if isinstance(field.data, str) else field.data
    return values, complete
