"""The applicant's side: the multi-step application, uploads, submission and status."""
from flask import Blueprint

bp = Blueprint("apply", __name__, template_folder="templates")

from portal.applications import routes  # noqa: E402,F401
