"""公示: staff manage batches (objections, pulling entries, closing); the public reads the lists."""
from flask import Blueprint
from flask_babel import lazy_gettext as _l

from portal.accounts.staff import is_city_level
from portal.kernel.navigation import register_nav_item

bp = Blueprint("publicity", __name__, template_folder="templates")

register_nav_item("publicity.manage", _l("公示管理"), {"hr", "admin"}, visible=is_city_level)

from portal.publicity import routes  # noqa: E402,F401
