"""Registration, sign-in, sign-out and password reset."""
from flask import Blueprint

from portal.accounts.users import load_user
from portal.kernel.extensions import login_manager

bp = Blueprint("auth", __name__, template_folder="templates")
login_manager.user_loader(load_user)

from portal.accounts import routes  # noqa: E402,F401
