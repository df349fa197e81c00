"""The staff side: the review queue, application detail, workflow actions, export, dashboard, audit log."""
from flask import Blueprint
from flask_babel import lazy_gettext as _l

from portal.kernel.navigation import register_nav_item

bp = Blueprint("review", __name__, template_folder="templates")

register_nav_item("review.queue", _l("审核队列"), {"hr", "admin"})
register_nav_item("review.dashboard", _l("统计"), {"hr", "admin"})
register_nav_item("review.audit_log", _l("审计日志"), {"admin"})

from portal.review import routes  # noqa: E402,F401
