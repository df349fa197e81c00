"""Configuration classes. Secrets and paths come from the environment, never from the repo."""
from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

PACKAGE_ROOT = Path(__file__).resolve().parent.parent
PROJECT_ROOT = PACKAGE_ROOT.parent
_INSTANCE = Path(os.environ.get("PORTAL_INSTANCE_DIR", PROJECT_ROOT / "instance"))


def _default_database_url() -> str:
    return f"sqlite:///{_INSTANCE / 'portal.sqlite3'}"


class Config:
    """Production-safe defaults; every path and secret can be overridden from the environment."""

    @classmethod
    def as_dict(cls) -> dict:
        """Every setting of this class (and its bases) by name: what ``create_app`` takes as a mapping."""
        return {key: getattr(cls, key) for key in dir(cls) if key.isupper()}

    SECRET_KEY = os.environ.get("SECRET_KEY")  # filled from instance/secret_key when unset
    DATABASE_URL = os.environ.get("DATABASE_URL") or _default_database_url()
    INSTANCE_DIR = str(_INSTANCE)
    UPLOAD_DIR = os.environ.get("UPLOAD_DIR") or str(_INSTANCE / "uploads")
    MAIL_OUTBOX_DIR = os.environ.get("MAIL_OUTBOX_DIR") or str(_INSTANCE / "outbox")
    MAIL_SERVER = os.environ.get("MAIL_SERVER")  # SMTP is used only when this is set
    MAIL_PORT = int(os.environ.get("MAIL_PORT", "25"))
    MAIL_USERNAME = os.environ.get("MAIL_USERNAME")
    MAIL_PASSWORD = os.environ.get("MAIL_PASSWORD")
    MAIL_USE_TLS = os.environ.get("MAIL_USE_TLS", "") == "1"
    MAIL_SENDER = os.environ.get("MAIL_SENDER", "阜新英才 <no-reply@talent.fuxin.example>")
    PORTAL_BASE_URL = os.environ.get("PORTAL_BASE_URL", "")  # for links in mail sent from the CLI
    SEARCH_INDEX_DIR = os.environ.get("SEARCH_INDEX_DIR") or str(_INSTANCE / "search")
    SEARCH_SYNC = True  # index applications after each commit
    PUBLIC_SITE_PREFIX = os.environ.get("PUBLIC_SITE_PREFIX", "/site")  # where staff's search results link to
    REFERENCE_DATA_DIR = os.environ.get("REFERENCE_DATA_DIR") or str(PACKAGE_ROOT / "data")

    MAX_UPLOAD_BYTES = int(os.environ.get("MAX_UPLOAD_BYTES", str(10 * 1024 * 1024)))
    # Whole-request ceiling: one upload plus form fields.
    MAX_CONTENT_LENGTH = MAX_UPLOAD_BYTES + 1024 * 1024

    PASSWORD_HASH_METHOD = "scrypt"  # werkzeug's default cost: n=2**15, r=8, p=1
    PASSWORD_RESET_MAX_AGE = 3600
    # Throttling: past the threshold each further try waits 2**(n - threshold) seconds after the
    # last failure, at most LOGIN_MAX_DELAY_SECONDS; failures older than the window are forgotten.
    LOGIN_MAX_FAILURES = 5
    LOGIN_MAX_FAILURES_PER_IP = 30
    LOGIN_MAX_DELAY_SECONDS = 15 * 60
    LOGIN_WINDOW_SECONDS = 24 * 3600
    LOGIN_CODE_MAX_AGE = 5 * 60  # seconds between the password step and the authenticator code
    REQUIRE_STAFF_TOTP = os.environ.get("REQUIRE_STAFF_TOTP", "") == "1"  # staff must set up two-factor
    TOTP_ISSUER = "阜新英才 Fuxin Talent"

    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = os.environ.get("SESSION_COOKIE_SECURE", "") == "1"
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_SECURE = SESSION_COOKIE_SECURE
    REMEMBER_COOKIE_DURATION = timedelta(days=30)
    PREFERRED_URL_SCHEME = "https" if SESSION_COOKIE_SECURE else "http"

    BABEL_DEFAULT_LOCALE = "zh"
    BABEL_DEFAULT_TIMEZONE = "Asia/Shanghai"
    LANGUAGES = ("zh", "en")
    WTF_CSRF_TIME_LIMIT = None  # tokens live as long as the session

    # The public static site (build.py, `flask publish-site`, the admin publish button).
    CONTENT_DIR = os.environ.get("CONTENT_DIR") or str(PROJECT_ROOT / "content")
    SITE_OUTPUT_DIR = os.environ.get("SITE_OUTPUT_DIR") or str(PROJECT_ROOT / "_site")
    # Office mobile numbers the public site may show besides the stations' (comma-separated):
    # the privacy guard refuses every other mainland mobile number it finds.
    PRIVACY_PUBLISHED_MOBILES = tuple(filter(None, (n.strip() for n in
                                                   os.environ.get("PRIVACY_PUBLISHED_MOBILES", "").split(","))))
    # Where the published site lives: an origin plus an optional subpath.
    SITE_BASE_URL = os.environ.get("SITE_BASE_URL", "https://talent.fuxin.example/")
    PUBLIC_SITE_ONLY = False  # True: only the public blueprint, mounted at "/" (the static build)
    # Publish the public site after a request changes what it shows (公示, stations, panels).
    SITE_PUBLISH_ON_CHANGE = os.environ.get("SITE_PUBLISH_ON_CHANGE", "1") == "1"


class TestConfig(Config):
    """Used by the test suite; the fixtures pass the database URL and folders in."""

    TESTING = True
    SECRET_KEY = "test-only-secret"
    # Same KDF, lower cost, so hundreds of test sign-ins stay quick. Production uses the default.
    PASSWORD_HASH_METHOD = "scrypt:1024:8:1"
    SITE_PUBLISH_ON_CHANGE = False  # tests that want it turn it on
    # Index writes after every commit would slow hundreds of unrelated tests; the search tests
    # switch it on.
    SEARCH_SYNC = False


class BuildConfig(Config):
    """Used by build.py when freezing the public site: the public blueprint alone, at "/"."""

    SERVER_NAME = None  # Frozen-Flask's FREEZER_BASE_URL supplies host and subpath
    PUBLIC_SITE_ONLY = True
    FREEZER_REMOVE_EXTRA_FILES = False  # the build removes orphans itself, from recorded state
    FREEZER_REDIRECT_POLICY = "error"
    FREEZER_IGNORE_MIMETYPE_WARNINGS = True
    PROPAGATE_EXCEPTIONS = True  # a view that fails stops the build with its real traceback
    # Compiled templates kept between runs (Jinja checks each against its source): a
    # one-page build need not compile the site's templates again in every new process.
    TEMPLATE_CACHE_DIR = str(_INSTANCE / "template-cache")
