"""The staff preview of the public site under /site/: open to staff only, and every response
vetted by the same privacy guard as a static publish, so nothing is served here that a
publish would refuse."""
from __future__ import annotations

from flask import Flask, Response, abort, render_template, request
from flask_babel import gettext as _
from flask_login import current_user

from portal.accounts.staff import may_preview_site
from portal.kernel.extensions import login_manager
from portal.sitebuild.check.privacy import PrivacyGuard, PrivacyHit, mask
from portal.sitebuild.check.privacy_terms import forbidden_terms, published_mobiles

REFUSED_STATUS = 451  # Unavailable For Legal Reasons: the page holds personal data
_VETTED_TYPES = ("text/", "application/json", "application/xml", "application/rss+xml", "application/atom+xml",
                 "application/javascript", "image/svg+xml")


def init_app(app: Flask) -> None:
    """Guard the site blueprint as the portal mounts it (the static build registers its own hook)."""
    app.before_request(_staff_only)
    app.after_request(_vet)
    app.add_template_global(kind_label, "privacy_kind_label")


def kind_label(kind: str) -> str:
    """What kind of personal data a hit is, in the user's language."""
    return {"id_number": _("身份证号码"), "phone": _("手机号码"), "email": _("电子邮箱"),
            "name": _("未同意公示人员的姓名")}.get(kind, kind)


def _in_preview() -> bool:
    return request.blueprint == "site"


def _staff_only():
    if not _in_preview():
        return None
    if not current_user.is_authenticated:
        return login_manager.unauthorized()
    if not may_preview_site(current_user):
        abort(403)
    return None


def vet_text(text: str, where: str) -> list[PrivacyHit]:
    """What the publish's privacy guard would find in `text` (masked), for the page at `where`."""
    guard = PrivacyGuard(forbidden_terms(), published_mobiles())
    return [PrivacyHit(where, t.kind, mask(t.kind, t.value), t.label) for t in guard.scan_text(text)]


def _vet(response: Response) -> Response:
    if not _in_preview() or response.direct_passthrough or response.is_streamed:
        return response
    if not (response.mimetype or "").startswith(_VETTED_TYPES):
        return response
    hits = vet_text(response.get_data(as_text=True), request.path)
    if not hits:
        return response
    refused = Response(render_template("site_admin/preview_refused.html", hits=hits, path=request.path),
                       status=REFUSED_STATUS, mimetype="text/html")
    refused.headers["Cache-Control"] = "no-store"
    return refused
