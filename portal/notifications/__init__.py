"""The applicant's in-portal notifications."""
from flask import Blueprint

bp = Blueprint("notifications", __name__, template_folder="templates")

from portal.notifications import routes  # noqa: E402,F401
