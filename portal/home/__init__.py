"""Home page, health check and the language switch."""
from flask import Blueprint

bp = Blueprint("main", __name__, template_folder="templates")

from portal.home import routes  # noqa: E402,F401
