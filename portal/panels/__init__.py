"""Expert panels: public panel pages, staff management under /panels/manage, experts under /expert."""
from flask import Blueprint
from flask_babel import lazy_gettext as _l

from portal.applications.transitions import after_transition_hooks
from portal.kernel.navigation import register_nav_item
from portal.panels.conflicts import redetect_after_transition

bp = Blueprint("panels", __name__, template_folder="templates")

register_nav_item("panels.manage_index", _l("专家评审"), {"hr", "admin"})
register_nav_item("panels.expert_home", _l("我的评审"), {"expert"})
if redetect_after_transition not in after_transition_hooks:
    after_transition_hooks.append(redetect_after_transition)



@bp.record_once
def _register_commands(state) -> None:
    from portal.panels.commands import send_review_digests_command

    state.app.cli.add_command(send_review_digests_command)


from portal.panels import routes_expert, routes_manage, routes_public  # noqa: E402,F401
