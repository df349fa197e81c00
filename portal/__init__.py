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

    from portal.kernel import db, i18n, secret_key, template_filters
    from portal.kernel.config import Config

    app = Flask(__name__, instance_path=Config.INSTANCE_DIR)
    app.config.from_object(Config)
    if isinstance(config, type):
        app.config.from_object(config)
    elif config:
        app.config.from_mapping(config)
    secret_key.ensure_secret_key(app)
    import_models()

    db.init_app(app)
    i18n.init_app(app)
    template_filters.init_app(app)
    if app.config.get("PUBLIC_SITE_ONLY"):
        _register_public_site(app)
        return app
    from portal.kernel import errors, navigation, permissions, security_headers
    from portal.kernel.extensions import csrf, login_manager
    from portal.search import sync as search_sync

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


def import_models() -> None:
    """Import every feature's models, so Base.metadata holds every table and the mappers configure.

    The one list of model modules: Alembic's env.py calls it too.
    """
    from portal.accounts import models as _accounts  # noqa: F401
    from portal.applications import models as _applications  # noqa: F401
    from portal.audit import models as _audit  # noqa: F401
    from portal.holidays import models as _holidays  # noqa: F401
    from portal.notifications import models as _notifications  # noqa: F401
    from portal.panels import models as _panels  # noqa: F401
    from portal.privacy_rights import models as _privacy_rights  # noqa: F401
    from portal.publicity import models as _publicity  # noqa: F401
    from portal.review import models as _review  # noqa: F401
    from portal.sitebuild.admin import models as _publishing  # noqa: F401
    from portal.stations import models as _stations  # noqa: F401


def _register_public_site(app: Flask) -> None:
    """The static build's app: the public blueprint at the site root, nothing else."""
    from portal.site import bp as site_bp
    from portal.site.static_app import make_static
    from portal.sitebuild.render.freeze import vet_response

    make_static(app)
    if app.config.get("TEMPLATE_CACHE_DIR"):
        from jinja2 import FileSystemBytecodeCache

        os.makedirs(app.config["TEMPLATE_CACHE_DIR"], exist_ok=True)
        app.jinja_env.bytecode_cache = FileSystemBytecodeCache(app.config["TEMPLATE_CACHE_DIR"])
    app.register_blueprint(site_bp)
    app.after_request(vet_response)


def _register_blueprints(app: Flask) -> None:
    from portal.accounts import bp as auth_bp
    from portal.applications import bp as apply_bp
    from portal.home import bp as main_bp
    from portal.notifications import bp as notifications_bp
    from portal.notifications import delivery as notifications
    from portal.panels import bp as panels_bp
    from portal.privacy_rights.routes import bp as privacy_rights_bp
    from portal.publicity import bp as publicity_bp
    from portal.review import bp as review_bp
    from portal.search import bp as search_bp
    from portal.site import bp as site_bp
    from portal.sitebuild.admin import bp as site_admin_bp
    from portal.sitebuild.admin import preview as site_preview
    from portal.sitebuild.admin import runs as site_publish
    from portal.stations import bp as stations_bp

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
    site_publish.init_app(app, create_app)


def _register_cli(app: Flask) -> None:
    from portal import cli

    cli.init_app(app)
