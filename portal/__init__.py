"""The Fuxin Talent portal: application factory."""
from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any, Mapping

if TYPE_CHECKING:
    from flask import Flask


def create_app(config: Mapping[str, Any] | type | None = None) -> Flask:
    """Build the app from Config, then `config` (a mapping or a Config subclass) on top."""
    # Imported here, not at the top: importing a light module of the package (the content
    # reader, say) must not pull in the web stack, so the static build can start reading
    # content while the web stack is still being imported (see portal.content.preload).
    from flask import Flask

    from portal import db, i18n, secret_key, template_filters
    from portal.config import Config

    app = Flask(__name__, instance_path=Config.INSTANCE_DIR)
    app.config.from_object(Config)
    if isinstance(config, type):
        app.config.from_object(config)
    elif config:
        app.config.from_mapping(config)
    secret_key.ensure_secret_key(app)

    db.init_app(app)
    i18n.init_app(app)
    template_filters.init_app(app)
    if app.config.get("PUBLIC_SITE_ONLY"):
        _register_public_site(app)
        return app
    from portal import errors, navigation, permissions, search_sync, security_headers
    from portal.extensions import csrf, login_manager

    i18n.init_portal_templates(app)
    csrf.init_app(app)
    login_manager.init_app(app)
    permissions.init_login_manager()
    errors.init_app(app)
    navigation.init_app(app)
    security_headers.init_app(app)
    search_sync.init_app(app)
    _register_blueprints(app)
    _register_cli(app)
    return app


def _register_public_site(app: Flask) -> None:
    """The static build's app: the public blueprint at the site root, nothing else."""
    from portal.freeze import vet_response
    from portal.site import bp as site_bp
    from portal.site.static_app import make_static

    make_static(app)
    if app.config.get("TEMPLATE_CACHE_DIR"):
        from jinja2 import FileSystemBytecodeCache

        os.makedirs(app.config["TEMPLATE_CACHE_DIR"], exist_ok=True)
        app.jinja_env.bytecode_cache = FileSystemBytecodeCache(app.config["TEMPLATE_CACHE_DIR"])
    app.register_blueprint(site_bp)
    app.after_request(vet_response)


def _register_blueprints(app: Flask) -> None:
    from portal.apply import bp as apply_bp
    from portal.auth import bp as auth_bp
    from portal.main import bp as main_bp
    from portal.search_pages import bp as search_bp
    from portal.stations import bp as stations_bp
    from portal.panels import bp as panels_bp
    from portal.notifications import bp as notifications_bp
    from portal.publicity import bp as publicity_bp
    from portal.review import bp as review_bp
    from portal.services import notifications
    from portal.site import bp as site_bp
    from portal.services import site_publish
    from portal.site_admin import bp as site_admin_bp
    from portal.site_admin import preview as site_preview
    from portal.privacy_rights.routes import bp as privacy_rights_bp

    app.register_blueprint(main_bp)
    app.register_blueprint(search_bp)
    app.register_blueprint(auth_bp)
    app.register_blueprint(apply_bp, url_prefix="/apply")
    app.register_blueprint(stations_bp, url_prefix="/stations")
    app.register_blueprint(panels_bp)
    app.register_blueprint(review_bp, url_prefix="/review")
    app.register_blueprint(publicity_bp, url_prefix="/gongshi")
    app.register_blueprint(notifications_bp, url_prefix="/notifications")
    notifications.init_app(app)
    # Staff preview of the public site; the static build mounts it at "/" instead.
    app.register_blueprint(site_bp, url_prefix="/site")
    site_preview.init_app(app)
    app.register_blueprint(site_admin_bp)
    app.register_blueprint(privacy_rights_bp)
    site_publish.init_app(app)


def _register_cli(app: Flask) -> None:
    from portal import cli

    cli.init_app(app)
