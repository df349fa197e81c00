"""Forms of the main blueprint."""
from flask_wtf import FlaskForm
from wtforms import HiddenField


class LanguageForm(FlaskForm):
    """The header's language switch (a POST, so it carries a CSRF token)."""

    lang = HiddenField()
    next = HiddenField()
