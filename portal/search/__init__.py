"""The portal's public search page over the public content index."""
from flask import Blueprint

bp = Blueprint("search_pages", __name__, template_folder="templates")

from portal.search import routes  # noqa: E402,F401
