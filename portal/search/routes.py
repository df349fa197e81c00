"""GET /search?q=...: results with snippets, facets, pages, suggestions and a helpful empty state."""
from __future__ import annotations

from flask import current_app, render_template, request
from flask_login import current_user

import search_index
from portal.accounts.staff import may_preview_site
from portal.search import bp
from portal.search.facets import FACET_FIELDS, active_filters, facet_links, kind_label, page_url

PER_PAGE = 10
MAX_QUERY = 100


@bp.get("/search")
def search():
    """Search the published content (never applications: that index is separate and staff-only)."""
    text = (request.args.get("q") or "").strip()[:MAX_QUERY]
    page = max(1, request.args.get("page", 1, type=int) or 1)
    filters = active_filters(request.args)
    result = None
    if text:
        result = search_index.query_index(current_app.config["SEARCH_INDEX_DIR"], "public", text, page=page,
                                          per_page=PER_PAGE, filters=filters or None)
    return render_template("search_pages/search.html", q=text, result=result, filters=filters,
                           facets=facet_links(result, filters) if result else [], page_url=page_url,
                           facet_fields=FACET_FIELDS, per_page=PER_PAGE, kind_label=kind_label)


@bp.app_template_global()
def public_page_url(path: str) -> str:
    """Where a search hit links to: the staff preview under /site/ for staff, the published site
    (SITE_BASE_URL) for everyone else, since the preview is staff only."""
    if may_preview_site(current_user):
        return current_app.config["PUBLIC_SITE_PREFIX"] + path
    return current_app.config["SITE_BASE_URL"].rstrip("/") + path
