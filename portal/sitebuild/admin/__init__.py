"""Staff side of the public site: last publish and its result, the admins' publish button,
and the ``flask publish-site`` command."""
from flask import Blueprint

bp = Blueprint("site_admin", __name__, template_folder="templates", cli_group=None)

from portal.sitebuild.admin import routes  # noqa: E402,F401
