"""Language choice: Simplified Chinese first, English second, picked by ?lang= or the session."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from flask import Flask, current_app, g, has_request_context, request, session

from portal.kernel.extensions import babel


def select_locale() -> str:
    """The language for this request: the URL's language on public-site pages, then an
    explicit ?lang=, then the session, then Chinese. Outside a request (CLI commands such
    as the review digests) the default language."""
    if not has_request_context():
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    languages = current_app.config["LANGUAGES"]
    if g.get("site_lang") in languages:
        return g.site_lang
    requested = request.args.get("lang")
    if requested in languages:
        session["lang"] = requested
        return requested
    chosen = session.get("lang")
    return chosen if chosen in languages else current_app.config["BABEL_DEFAULT_LOCALE"]


def translation_directories(app: Flask) -> str:
    """Every translations/ folder in the package: one per blueprint keeps catalogs small."""
    root = Path(app.root_path)
    folders = sorted(str(p) for p in root.glob("**/translations") if p.is_dir())
    return ";".join(folders)


def init_app(app: Flask) -> None:
    """Bind Flask-Babel with the locale selector and the per-blueprint catalogs."""
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", translation_directories(app))
    babel.init_app(app, locale_selector=select_locale)


def init_portal_templates(app: Flask) -> None:
    """Give the portal's own templates ``current_lang`` (the public site's have ``site_lang``)."""

    @app.context_processor
    def inject_language():
        from flask_babel import get_locale

        return _language_context(get_locale())


@lru_cache(maxsize=32)
def _language_context(locale) -> dict[str, str]:
    # The same few locales on every page: their names are worked out once.
    return {"current_lang": str(locale)}
