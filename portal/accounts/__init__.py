"""Registration, sign-in, sign-out and password reset."""
from flask import Blueprint

bp = Blueprint("auth", __name__, template_folder="templates")

from portal.accounts import routes  # noqa: E402,F401
