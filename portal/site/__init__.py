"""The public site: home, news, policies and pages, and every public section, in zh and en.

The static build (build.py, BuildConfig) mounts this blueprint at "/" and freezes it;
the portal mounts it under "/site/" so staff can preview what will be published.
Each section is one module of ``portal.site.sections`` plus its templates.
"""
from flask import Blueprint, g
from flask_babel import refresh

bp = Blueprint("site", __name__, template_folder="templates", static_folder="static",
               static_url_path="/assets")


@bp.url_value_preprocessor
def _remember_language(_endpoint, values):
    # Public URLs carry their language (/news/ is Chinese, /en/news/ English), so the
    # page never depends on a cookie or on ?lang=. Frozen-Flask renders every page inside
    # one app context, so `g` (and the locale Flask-Babel caches in it) is shared between
    # pages: set the language afresh and drop the cached locale on every request.
    g.site_lang = (values or {}).get("lang", "zh")
    refresh()


from portal.site import routes  # noqa: E402,F401
