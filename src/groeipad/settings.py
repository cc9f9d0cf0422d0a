"""Groeipad settings, read from the environment (see .env.example)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import dj_database_url

from groeipad.lib.env import env_bool, env_int, env_list, env_str
from groeipad.lib.secrets import load_or_create_secret_key

PACKAGE_DIR = Path(__file__).resolve().parent
HOME = Path(env_str("GROEIPAD_HOME", "var") or "var").resolve()

DEBUG = env_bool("GROEIPAD_DEBUG", False)
SECRET_KEY = env_str("GROEIPAD_SECRET_KEY") or load_or_create_secret_key(HOME)
ALLOWED_HOSTS = env_list("GROEIPAD_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("GROEIPAD_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "groeipad.notifications",
    "groeipad.people",
    "groeipad.accounts",
    "groeipad.skills",
    "groeipad.plans",
    "groeipad.feedback",
    "groeipad.privacy",
    "groeipad.budgets",
    "groeipad.learning",
    "groeipad.surveys",
    "groeipad.mentoring",
    "groeipad.mobility",
    "groeipad.coaching",
    "groeipad.insights",
    "groeipad.web",
    "groeipad.api",
    "groeipad.cli",
    # django-ninja's own templates and static files: Swagger UI from the installed
    # package instead of a CDN.
    "ninja",
    "csp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    # Before anything reads the body (sessions, CSRF, views): over the limit is a 413.
    # After the two above only so that the 413 carries the security headers too.
    "groeipad.web.security.BodyLimitMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "groeipad.web.middleware.DutchFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "groeipad.web.middleware.SessionLimitsMiddleware",
    "groeipad.web.middleware.ViewerMiddleware",
    "groeipad.web.middleware.NoStoreMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: it turns a lock-out into a response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "groeipad.urls"
WSGI_APPLICATION = "groeipad.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "groeipad.web.context_processors.navigation",
            ],
        },
    },
]


def _database() -> dict:
    url = env_str("DATABASE_URL")
    if url:
        config = dj_database_url.parse(url, conn_max_age=env_int("GROEIPAD_DB_CONN_MAX_AGE", 60))
        config["CONN_HEALTH_CHECKS"] = True
        return dict(config)
    # SQLite tuned for a web server and a task worker side by side: WAL lets readers
    # go on during a write, IMMEDIATE transactions take the write lock up front
    # (no deadlock on lock upgrade), and the timeout waits instead of failing.
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": HOME / "groeipad.sqlite3",
        "OPTIONS": {
            "timeout": 30,
            "transaction_mode": "IMMEDIATE",
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
            ),
        },
    }


DATABASES = {"default": _database()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "people.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "groeipad.lib.hashers.GroeipadArgon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "web:login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "web:login"

# Lock an account for a while after repeated failures. Per account rather than per
# address: a whole office often shares one public IP.
AXES_FAILURE_LIMIT = env_int("GROEIPAD_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("GROEIPAD_LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "groeipad.people.auth.lockout_username"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "web/locked_out.html"
AXES_VERBOSE = False
# axes.W006 asks for the IP address in the lock-out key; we lock per account on
# purpose (see above), and an attacker cannot dodge a per-account lock by
# changing address or browser.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands"), ("en", "English")]
LOCALE_PATHS = [HOME / "locale", PACKAGE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
# The NL/EN choice is remembered for a year, not only for the browser session.
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
USE_I18N = True
USE_TZ = True
# Per-language date formats that differ from Django's (see formats/nl/formats.py).
FORMAT_MODULE_PATH = ["groeipad.formats"]

STATIC_URL = "static/"
STATIC_ROOT = HOME / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Serve straight from the apps when collectstatic has not run (tests, development).
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG

SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
# Security headers and limits (docs/security.md). Served over HTTPS (GROEIPAD_BASE_URL
# starts with https://), cookies are secure and HSTS is on unless turned off.
_SERVED_OVER_HTTPS = (env_str("GROEIPAD_BASE_URL", "") or "").startswith("https://")
SESSION_COOKIE_SECURE = env_bool("GROEIPAD_SECURE_COOKIES", _SERVED_OVER_HTTPS)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = env_int("GROEIPAD_HSTS_SECONDS", 31_536_000 if _SERVED_OVER_HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("GROEIPAD_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("GROEIPAD_HSTS_PRELOAD", False)
if not SECURE_HSTS_PRELOAD:
    # security.W021 asks for the preload flag; the preload lists take registered domains
    # (the apex, all its subdomains), a choice for the organisation, not for Groeipad
    # on one subdomain of it.
    SILENCED_SYSTEM_CHECKS = [*SILENCED_SYSTEM_CHECKS, "security.W021"]
# Behind a reverse proxy that terminates TLS: trust its X-Forwarded-Proto (and
# `groeipad serve` trusts its X-Forwarded-For/-Proto from GROEIPAD_PROXY_ADDRESS only).
GROEIPAD_TRUST_PROXY = env_bool("GROEIPAD_TRUST_PROXY", False)
GROEIPAD_PROXY_ADDRESS = env_str("GROEIPAD_PROXY_ADDRESS", "127.0.0.1")
if GROEIPAD_TRUST_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Redirect http:// to https://; by default only where the proxy's scheme is trusted
# (without it every request looks like plain HTTP and would redirect forever).
SECURE_SSL_REDIRECT = env_bool("GROEIPAD_SSL_REDIRECT", _SERVED_OVER_HTTPS and GROEIPAD_TRUST_PROXY)
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Scripts only from Groeipad's own static files. Styles also inline: the pages draw
# bars with style="width: N%", pygal's SVG charts carry a <style> element, Swagger UI
# and Django's admin set style attributes. form-action also allows the SSO provider:
# the "sign in with" button is a plain link (not limited by the CSP), but a form post
# that ends in a redirect to the provider (a log-out there) would be.
_OIDC_ISSUER = env_str("GROEIPAD_OIDC_ISSUER", "") or ""
_FORM_ACTION = ["'self'"]
if _OIDC_ISSUER.startswith(("https://", "http://")):
    _FORM_ACTION.append("/".join(_OIDC_ISSUER.split("/", 3)[:3]))
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": _FORM_ACTION,
        "frame-ancestors": ["'none'"],
    }
}
# Request bodies (Content-Length) over these are refused with 413 before they are read
# (groeipad.web.security.BodyLimitMiddleware); uploads: the import pages' multipart forms.
GROEIPAD_MAX_BODY_MB = env_int("GROEIPAD_MAX_BODY_MB", 10)
GROEIPAD_MAX_UPLOAD_MB = env_int("GROEIPAD_MAX_UPLOAD_MB", 50)
# A form without a valid CSRF token: the product's own 403 page, not Django's English one.
CSRF_FAILURE_VIEW = "groeipad.web.errors.csrf_failure"

# Sessions end after GROEIPAD_SESSION_IDLE_MINUTES without a request, and after
# GROEIPAD_SESSION_MAX_HOURS whatever happens (groeipad.web.middleware.SessionLimitsMiddleware).
GROEIPAD_SESSION_IDLE_MINUTES = env_int("GROEIPAD_SESSION_IDLE_MINUTES", 30)
GROEIPAD_SESSION_MAX_HOURS = env_int("GROEIPAD_SESSION_MAX_HOURS", 12)
SESSION_COOKIE_AGE = GROEIPAD_SESSION_MAX_HOURS * 3600

# Passwords, reset and API tokens (docs/sessions-and-tokens.md). Password login itself
# (GROEIPAD_PASSWORD_LOGIN; off: no password change or reset pages) is in the SSO block.
# A reset link works once, for this many minutes.
GROEIPAD_PASSWORD_RESET_MINUTES = env_int("GROEIPAD_PASSWORD_RESET_MINUTES", 60)
PASSWORD_RESET_TIMEOUT = GROEIPAD_PASSWORD_RESET_MINUTES * 60
# A new API token's lifetime when its creator does not choose one (1-365 days).
GROEIPAD_API_TOKEN_DAYS = env_int("GROEIPAD_API_TOKEN_DAYS", 90)

# Form fields (files not counted) and JSON bodies larger than this are refused (400)
# before they are parsed; larger bodies get 413 first (GROEIPAD_MAX_BODY_MB above).
DATA_UPLOAD_MAX_MEMORY_SIZE = int(2.5 * 1024 * 1024)
FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
# The largest import file (CSV or XLSX), checked before it is parsed.
GROEIPAD_IMPORT_MAX_MB = env_int("GROEIPAD_IMPORT_MAX_MB", 20)

# Accounts and invitations: how many days an invitation link (to set one's first
# password) works; a new invitation voids the older ones (groeipad.accounts).
GROEIPAD_INVITATION_DAYS = env_int("GROEIPAD_INVITATION_DAYS", 14)

EMAIL_HOST = env_str("GROEIPAD_SMTP_HOST", "localhost")
EMAIL_PORT = env_int("GROEIPAD_SMTP_PORT", 25)
EMAIL_HOST_USER = env_str("GROEIPAD_SMTP_USER", "") or ""
EMAIL_HOST_PASSWORD = env_str("GROEIPAD_SMTP_PASSWORD", "") or ""
EMAIL_USE_TLS = env_bool("GROEIPAD_SMTP_STARTTLS", False)
DEFAULT_FROM_EMAIL = env_str("GROEIPAD_FROM_EMAIL", "groeipad@localhost")
# Seconds before an unresponsive SMTP server counts as down (the worker must not hang).
EMAIL_TIMEOUT = env_int("GROEIPAD_SMTP_TIMEOUT", 30)
# Where `groeipad mailcatcher` (the demo's local SMTP server) keeps the mail it catches.
DEMO_MAIL_DIR = HOME / "mail"
# Where people reach Groeipad: e-mails and calendar invitations link back to it.
BASE_URL = (env_str("GROEIPAD_BASE_URL", "http://localhost:8000") or "").rstrip("/")

# Background work (reminders, e-mail) through django-tasks, queued in the database
# itself: no extra server. `groeipad worker` runs the queue. The id function lets a
# periodic job be enqueued once per time slot however many workers run.
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "OPTIONS": {"id_function": "groeipad.lib.tasks.task_id"},
    }
}
# The anonymity threshold k per instrument (specs/anonymity.md); never below 3.
GROEIPAD_ANONYMITY_K = {
    "feedback": env_int("GROEIPAD_K_FEEDBACK", 3),
    "survey": env_int("GROEIPAD_K_SURVEY", 5),
    "learning_evaluation": env_int("GROEIPAD_K_LEARNING_EVALUATION", 3),
    "mentoring": env_int("GROEIPAD_K_MENTORING", 3),
    "coaching": env_int("GROEIPAD_K_COACHING", 3),
}
# Days after a person's leave date that each kind of data is kept (privacy.registry).
GROEIPAD_RETENTION_DAYS = {
    "development": env_int("GROEIPAD_RETENTION_DEVELOPMENT_DAYS", 730),
    "employment": env_int("GROEIPAD_RETENTION_EMPLOYMENT_DAYS", 2555),
    "audit": env_int("GROEIPAD_RETENTION_AUDIT_DAYS", 2555),
}
# PostgreSQL: the application's own role when migrations run as the tables' owner; the
# migration revokes UPDATE, DELETE and TRUNCATE on the audit log from it (privacy.db).
GROEIPAD_DB_APP_ROLE = env_str("GROEIPAD_DB_APP_ROLE")
# The organisation's own mail domains: aliases of an address there (case, dots,
# +tags) are the same person when 360 raters are checked.
GROEIPAD_ORGANISATION_DOMAINS = env_list("GROEIPAD_ORGANISATION_DOMAINS")
# How often `groeipad worker` looks for overdue actions and check-ins.
REMINDER_SCAN_MINUTES = env_int("GROEIPAD_REMINDER_SCAN_MINUTES", 15)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("GROEIPAD_LOG_LEVEL", "WARNING")},
}

# Single sign-on (OpenID Connect): Microsoft Entra ID or any standard provider
# (docs/sso.md). On when issuer, client id and secret are all set; the provider's
# endpoints come from {issuer}/.well-known/openid-configuration on first use.
GROEIPAD_OIDC_ISSUER = (env_str("GROEIPAD_OIDC_ISSUER", "") or "").rstrip("/")
GROEIPAD_OIDC_CLIENT_ID = env_str("GROEIPAD_OIDC_CLIENT_ID", "") or ""
GROEIPAD_OIDC_CLIENT_SECRET = env_str("GROEIPAD_OIDC_CLIENT_SECRET", "") or ""
# The claim holding the work e-mail address; Entra ID: preferred_username (or upn).
GROEIPAD_OIDC_EMAIL_CLAIM = env_str("GROEIPAD_OIDC_EMAIL_CLAIM", "email") or "email"
# Only verified addresses: email_verified true, or an address in one of
# GROEIPAD_ORGANISATION_DOMAINS that the provider did not call unverified.
GROEIPAD_OIDC_REQUIRE_VERIFIED_EMAIL = env_bool("GROEIPAD_OIDC_REQUIRE_VERIFIED_EMAIL", True)
GROEIPAD_OIDC_BUTTON_LABEL = env_str("GROEIPAD_OIDC_BUTTON_LABEL", "Microsoft") or "Microsoft"
GROEIPAD_OIDC_TIMEOUT_SECONDS = env_int("GROEIPAD_OIDC_TIMEOUT_SECONDS", 10)
# False: passwords are refused (SSO only); ignored, with a warning, while SSO is off.
GROEIPAD_PASSWORD_LOGIN = env_bool("GROEIPAD_PASSWORD_LOGIN", True)
# Both backends decide at run time: the password one refuses while passwords are off,
# the SSO one does nothing while SSO is off.
AUTHENTICATION_BACKENDS = [
    "groeipad.accounts.oidc.PasswordBackend"
    if backend == "django.contrib.auth.backends.ModelBackend"
    else backend
    for backend in AUTHENTICATION_BACKENDS
] + ["groeipad.accounts.oidc.SsoBackend"]
