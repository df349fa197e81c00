"""The applicant's side: the multi-step application, uploads, submission and status."""
from flask import Blueprint

from portal.applications.workflow import state_label

bp = Blueprint("apply", __name__, template_folder="templates")
# Every staff page names application states; the global is the workflow's, so it lives here.
bp.add_app_template_global(state_label)

from portal.applications import routes  # noqa: E402,F401
