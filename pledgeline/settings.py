"""Pledgeline settings: one module, read from the environment (see the README's table)."""

import os
from pathlib import Path
from typing import Final
from urllib.parse import parse_qs, unquote, urlparse

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


TRUE_WORDS = ("1", "true", "yes", "on")
FALSE_WORDS = ("0", "false", "no", "off")


def env(name, default=""):
    return os.environ.get(name, default)


def _set(name):
    """The variable's value, or None when it is unset or empty (both mean "the default")."""
    value = os.environ.get(name, "").strip()
    return value or None


def env_bool(name, default=False):
    # A typo (DEBUG=ture) stops start-up rather than silently meaning "off".
    value = _set(name)
    if value is None:
        return default
    if value.lower() in TRUE_WORDS:
        return True
    if value.lower() in FALSE_WORDS:
        return False
    raise ImproperlyConfigured(
        f"{name}={value!r} is not understood: write {' / '.join(TRUE_WORDS)} to turn it on, "
        f"{' / '.join(FALSE_WORDS)} to turn it off, or leave it unset for the default."
    )


def env_int(name, default):
    value = _set(name)
    if value is None:
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(
            f"{name}={value!r} is not a whole number: write digits only, such as {name}={default}."
        ) from None


def env_float(name, default):
    value = _set(name)
    if value is None:
        return default
    try:
        return float(value)
    except ValueError:
        raise ImproperlyConfigured(
            f"{name}={value!r} is not a number: write digits with an optional decimal point, "
            f"such as {name}={default}."
        ) from None


def env_list(name, default=""):
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


VAR_DIR = Path(env("PLEDGELINE_VAR_DIR", str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = env_bool("DEBUG", False)
# The fallback key is for development and tests only; `manage.py check --deploy` flags it.
DEV_SECRET_KEY = "django-insecure-development-key-set-SECRET_KEY-in-production"  # noqa: S105
SECRET_KEY = env("SECRET_KEY") or DEV_SECRET_KEY

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = env("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
SITE_NAME = env("SITE_NAME", "Pledgeline")

INSTALLED_APPS = [
    "pledgeline.apps.StaffAdminConfig",  # django.contrib.admin with the staff site
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_tasks",
    "django_tasks_db",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "altcha_django",
    "csp",
    "django_htmx",
    "lib",
    "campaigns",
    "institutions",
    "pledges",
    "signatures",
    "organizers",
    "api",
    "webhooks",
    "deliveries",
    "reports",
    "sharing",
    "actions",
    "tabling",
    "posters",
    "sources",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "lib.i18n.FirstVisitLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "lib.middleware.RateLimitMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "pledgeline.urls"
WSGI_APPLICATION = "pledgeline.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "lib.context_processors.site",
                "lib.context_processors.languages",
            ],
        },
    }
]

# Database: SQLite under var/ unless DATABASE_URL says otherwise. Connections are kept
# open between requests: opening one per request costs several times the work of a sign.
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'pledgeline.sqlite3'}",
        conn_max_age=env_int("CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE takes the write lock at BEGIN, so concurrent writers wait (timeout)
    # instead of failing with "database is locked" half-way through a transaction.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
# An optional read replica for public pages (lib/db_router.py; docs/deploy.md).
REPLICA_DATABASE_URL = env("REPLICA_DATABASE_URL")
if REPLICA_DATABASE_URL:
    DATABASES["replica"] = dj_database_url.parse(
        REPLICA_DATABASE_URL, conn_max_age=env_int("CONN_MAX_AGE", 60), conn_health_checks=True
    )
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["lib.db_router.PublicReadsToReplica"]
    MIDDLEWARE.insert(1, "lib.db_router.PinToPrimaryAfterWrite")
# After a visitor's own change, how long their reads stay on the primary (read-your-writes).
REPLICA_PIN_SECONDS = env_int("REPLICA_PIN_SECONDS", 10)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: local memory unless REDIS_URL is set (then shared by every app server).
REDIS_URL = env("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", "pledgeline"),
        }
    }
else:
    # One process only: several app server processes need REDIS_URL, or each keeps its
    # own copy of cached pages and sees other processes' invalidations only on expiry.
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Whole public pages served from the cache before Django runs (lib/pagecache.py); 0 = off.
PAGE_CACHE_ALIAS = "default"
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 60)
PAGE_CACHE_LOCAL_SECONDS = env_float("PAGE_CACHE_LOCAL_SECONDS", 1.0)
PAGE_CACHE_PREFIXES = ["/c/", "/es/c/"]

# Background work: Django's Tasks API, database queue by default. With
# TASKS_BACKEND=django_tasks_rq.RQBackend the queues live in Redis (RQ_URL) and
# `manage.py rqworker --with-scheduler --job-class django_tasks_rq.Job default mail`
# runs the workers (docs/deploy.md).
TASKS = {
    "default": {
        "BACKEND": env("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default", "mail"],
    }
}
# A worker started with `manage.py task_worker` renews a lease every third of this; a task
# left RUNNING by a worker whose lease ran out (killed mid-task) is queued again.
TASK_LEASE_SECONDS = float(env("TASK_LEASE_SECONDS", "30"))
# Queued mail and webhooks must never be evicted: in production RQ_URL names a Redis with
# maxmemory-policy noeviction, apart from the cache's (allkeys-lru). It falls back to
# REDIS_URL, which is fine only where that Redis evicts nothing.
RQ_URL = env("RQ_URL") or REDIS_URL or "redis://127.0.0.1:6379/0"
if TASKS["default"]["BACKEND"].startswith("django_tasks_rq"):
    INSTALLED_APPS += ["django_rq", "django_tasks_rq"]
    RQ_QUEUES = {
        name: {"URL": RQ_URL, "DEFAULT_TIMEOUT": 300} for name in TASKS["default"]["QUEUES"]
    }


SMTP_DEFAULT_PORTS = {"smtp": 25, "submission": 587, "smtps": 465}


def _email_settings(url):
    """EMAIL_URL: smtp://user:pass@host:port, submission://… (STARTTLS, port 587), smtps://…
    (TLS, port 465), console:, file:///absolute/path or file:relative/path (to the project)."""
    parsed = urlparse(url)
    query = parse_qs(parsed.query)
    if parsed.scheme in SMTP_DEFAULT_PORTS:
        port = parsed.port or SMTP_DEFAULT_PORTS[parsed.scheme]
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": parsed.hostname or "localhost",
            "EMAIL_PORT": port,
            "EMAIL_HOST_USER": unquote(parsed.username or ""),
            "EMAIL_HOST_PASSWORD": unquote(parsed.password or ""),
            "EMAIL_USE_SSL": parsed.scheme == "smtps",
            "EMAIL_USE_TLS": parsed.scheme == "submission" or "tls" in query,
            "EMAIL_TIMEOUT": 10,
            "EMAIL_DESCRIPTION": f"SMTP server {parsed.hostname or 'localhost'}:{port}",
        }
    if parsed.scheme == "console":
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend",
            "EMAIL_DESCRIPTION": "the worker's console output",
        }
    if parsed.scheme == "file":
        # file://var/mail would make "var" a host name: take host + path as a relative path.
        written = unquote(parsed.netloc + parsed.path)
        path = BASE_DIR / written if written else VAR_DIR / "mail"
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "EMAIL_FILE_PATH": str(path),
            "EMAIL_DESCRIPTION": f"files in {path}",
        }
    raise ValueError(f"EMAIL_URL scheme not understood: {url!r}")


_email = _email_settings(env("EMAIL_URL") or f"file://{VAR_DIR / 'mail'}")
EMAIL_BACKEND = _email["EMAIL_BACKEND"]
EMAIL_HOST = _email.get("EMAIL_HOST", "localhost")
EMAIL_PORT = _email.get("EMAIL_PORT", 25)
EMAIL_HOST_USER = _email.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = _email.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_SSL = _email.get("EMAIL_USE_SSL", False)
EMAIL_USE_TLS = _email.get("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = _email.get("EMAIL_TIMEOUT", 10)
EMAIL_FILE_PATH = _email.get("EMAIL_FILE_PATH", str(VAR_DIR / "mail"))
EMAIL_DESCRIPTION = _email["EMAIL_DESCRIPTION"]
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Pledgeline <pledges@pledgeline.invalid>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Mail delivery: failed sends are tried again with exponential back-off, then recorded
# as a failed task (visible in the admin) rather than dropped.
MAIL_MAX_ATTEMPTS = env_int("MAIL_MAX_ATTEMPTS", 6)
MAIL_RETRY_BASE_SECONDS = env_int("MAIL_RETRY_BASE_SECONDS", 30)

# Webhooks: each failed delivery is tried again after 30 s, 60 s, 120 s, … until
# WEBHOOK_MAX_ATTEMPTS; receivers should reject signatures older than the tolerance.
WEBHOOK_MAX_ATTEMPTS = env_int("WEBHOOK_MAX_ATTEMPTS", 8)
WEBHOOK_RETRY_BASE_SECONDS = env_int("WEBHOOK_RETRY_BASE_SECONDS", 30)
WEBHOOK_TIMEOUT_SECONDS = env_int("WEBHOOK_TIMEOUT_SECONDS", 10)
WEBHOOK_TOLERANCE_SECONDS = env_int("WEBHOOK_TOLERANCE_SECONDS", 300)
# Delivery bodies hold signers' public names: the retention sweep empties them after this.
WEBHOOK_DELIVERY_BODY_DAYS = env_int("WEBHOOK_DELIVERY_BODY_DAYS", 30)
# Hosts webhooks may reach although they resolve to an internal address (a receiver on
# this machine in development); every other internal address is refused (webhooks/egress.py).
WEBHOOK_ALLOWED_INTERNAL_HOSTS = env_list("WEBHOOK_ALLOWED_INTERNAL_HOSTS")

# Signing
# How long a process remembers the pledge a sign form is for (pledges.selectors.
# pledge_for_signing); a status change elsewhere shows on the sign path within this time.
PLEDGE_LOOKUP_CACHE_SECONDS = env_float("PLEDGE_LOOKUP_CACHE_SECONDS", 2.0)
SIGNATURE_CONFIRM_MAX_AGE_DAYS = env_int("SIGNATURE_CONFIRM_MAX_AGE_DAYS", 14)
SIGNATURE_MAX_CONFIRMATION_SENDS = env_int("SIGNATURE_MAX_CONFIRMATION_SENDS", 3)

# Organizers: emailed links instead of passwords.
ORGANIZER_LOGIN_LINK_MINUTES = env_int("ORGANIZER_LOGIN_LINK_MINUTES", 30)
ORGANIZER_INVITE_DAYS = env_int("ORGANIZER_INVITE_DAYS", 7)
PLEDGE_CONFIRM_DAYS = env_int("PLEDGE_CONFIRM_DAYS", 7)
# Each organizer update is emailed to every signer who opted in: at most this many per
# pledge in any 24 hours, so a rogue or taken-over organizer account cannot flood them.
ORGANIZER_UPDATES_PER_DAY = env_int("ORGANIZER_UPDATES_PER_DAY", 3)
# Where organizer sign-ups and pledges awaiting review are announced; empty: no mail.
STAFF_NOTIFY_EMAIL = env("STAFF_NOTIFY_EMAIL")

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# English pages keep their addresses; Spanish ones live under /es/ (pledgeline/urls.py).
# A first visit to an English address from a browser that prefers Spanish is sent to the
# Spanish page (lib/i18n.py). Catalogues: locale/ (README, "Translations").
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("es", "Español")]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Spanish as US and Mexican readers write numbers (3,000) rather than 3.000.
FORMAT_MODULE_PATH = ["pledgeline.formats"]
LANGUAGE_COOKIE_NAME = "language"
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LANGUAGE_COOKIE_SAMESITE: Final = "Lax"  # Final: the type checker reads "Lax", not any str
TIME_ZONE = env("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
# Staff uploads (campaign resources); served as downloads by campaigns.views.resource_file.
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            # Hashed, compressed files need `collectstatic` first: production sets it.
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if env_bool("STATIC_MANIFEST")
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = not env_bool("STATIC_MANIFEST")

# Personal data and abuse signals (docs/privacy.md). The hash key defaults to SECRET_KEY;
# set it separately so rotating SECRET_KEY does not break duplicate detection.
PERSONAL_DATA_HASH_KEY = env("PERSONAL_DATA_HASH_KEY")
ABUSE_HASH_ROTATION_HOURS = env_int("ABUSE_HASH_ROTATION_HOURS", 24)
ABUSE_DATA_RETENTION_DAYS = env_int("ABUSE_DATA_RETENTION_DAYS", 30)
SIGNATURE_EMAIL_DEDUPE_DAYS = env_int("SIGNATURE_EMAIL_DEDUPE_DAYS", 30)
SIGNATURE_MANAGE_MAX_AGE_DAYS = env_int("SIGNATURE_MANAGE_MAX_AGE_DAYS", 730)
# RSVPs to a local action (names, addresses) are deleted this many days after it ends.
RSVP_KEEP_DAYS = env_int("RSVP_KEEP_DAYS", 7)
PRUNE_INTERVAL_MINUTES = env_int("PRUNE_INTERVAL_MINUTES", 60)
# Number of reverse proxies in front of the app that append to X-Forwarded-For (and set
# X-Forwarded-Proto). 0: trust neither header.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)

# Rate limits, "N/period" (s, m, h, d). Campus Wi-Fi puts many signers behind one IP, so
# the per-IP limit on signing is generous; bursts beyond it meet the proof-of-work check.
# 300/10m: a crowd of 100 on one campus network, each asked for the check once and each
# mistyping once, still fits (docs/security.md, "Campus networks and tabling").
RATE_LIMIT_SIGN_PER_IP = env("RATE_LIMIT_SIGN_PER_IP", "300/10m")
RATE_LIMIT_SIGN_PER_DOMAIN = env("RATE_LIMIT_SIGN_PER_DOMAIN", "300/10m")
# A browser without JavaScript cannot solve the proof of work: while the check is on it may
# still sign, under these much stricter limits (per hashed IP, and per pledge for everyone).
RATE_LIMIT_SIGN_NOSCRIPT_PER_IP = env("RATE_LIMIT_SIGN_NOSCRIPT_PER_IP", "3/1h")
RATE_LIMIT_SIGN_NOSCRIPT_PER_PLEDGE = env("RATE_LIMIT_SIGN_NOSCRIPT_PER_PLEDGE", "10/10m")
# RSVPs to a local action mail whatever address is typed: limited like signing.
RATE_LIMIT_RSVP_PER_IP = env("RATE_LIMIT_RSVP_PER_IP", "30/10m")
RATE_LIMIT_RSVP_PER_DOMAIN = env("RATE_LIMIT_RSVP_PER_DOMAIN", "300/10m")
RATE_LIMIT_LOGIN_PER_IP = env("RATE_LIMIT_LOGIN_PER_IP", "20/15m")
RATE_LIMIT_LOGIN_PER_DOMAIN = env("RATE_LIMIT_LOGIN_PER_DOMAIN", "60/15m")
RATE_LIMIT_ORGANIZER_SIGNUP_PER_IP = env("RATE_LIMIT_ORGANIZER_SIGNUP_PER_IP", "10/1h")
RATE_LIMIT_ORGANIZER_SIGNUP_PER_DOMAIN = env("RATE_LIMIT_ORGANIZER_SIGNUP_PER_DOMAIN", "30/1h")
# Co-organizer invitations send mail to an address the inviter types: limited per hashed IP
# and per the invited address's domain.
RATE_LIMIT_ORGANIZER_INVITE_PER_IP = env("RATE_LIMIT_ORGANIZER_INVITE_PER_IP", "20/1h")
RATE_LIMIT_ORGANIZER_INVITE_PER_DOMAIN = env("RATE_LIMIT_ORGANIZER_INVITE_PER_DOMAIN", "30/1h")
# Signatures a CRM records through OSDI arrive from its server, not from the signer:
# limited per API key, and per email domain on a counter of its own (so a CRM syncing one
# campus cannot lock its students out of the web form), instead of per IP.
RATE_LIMIT_OSDI_PER_KEY = env("RATE_LIMIT_OSDI_PER_KEY", "600/10m")
STAFF_LOGIN_MAX_FAILURES = env("STAFF_LOGIN_MAX_FAILURES", "5/15m")

# Proof of work (ALTCHA, self-hosted): always on for campaigns that ask for it, and on for
# POW_BURST_HOLD_MINUTES on a pledge that receives POW_BURST_PER_MINUTE signatures in a minute.
POW_BURST_PER_MINUTE = env_int("POW_BURST_PER_MINUTE", 30)
POW_BURST_HOLD_MINUTES = env_int("POW_BURST_HOLD_MINUTES", 30)

# Tabling sessions (an organizer's kiosk at a stall): signatures made through one skip the
# per-IP limit, but a session takes at most this many an hour, and stops taking any after
# TABLING_SESSION_HOURS even if nobody ends it.
TABLING_SIGNATURES_PER_HOUR = env_int("TABLING_SIGNATURES_PER_HOUR", 300)
TABLING_SESSION_HOURS = env_int("TABLING_SESSION_HOURS", 8)
# Rows on one paper-batch form, and batches an organizer may enter a day.
PAPER_BATCH_MAX_ROWS = env_int("PAPER_BATCH_MAX_ROWS", 50)
RATE_LIMIT_PAPER_BATCHES_PER_ORGANIZER = env("RATE_LIMIT_PAPER_BATCHES_PER_ORGANIZER", "30/1d")
ALTCHA_HMAC_SECRET = env("ALTCHA_HMAC_SECRET") or f"altcha:{SECRET_KEY}"
ALTCHA_WIDGET_JS_SOURCE = "vendored"  # our static files; no third-party server
ALTCHA_CHALLENGE = {"cost": env_int("ALTCHA_COST", 5000), "expires_seconds": 1200}
# Without REDIS_URL the cache is per process: fine for one development server. The same
# warning for production comes from our own deploy check (pledgeline.W001).
SILENCED_SYSTEM_CHECKS = [] if REDIS_URL else ["altcha.W001"]

# Staff (admin) sign-in needs a TOTP code; STAFF_REQUIRE_OTP=0 only for local experiments.
STAFF_REQUIRE_OTP = env_bool("STAFF_REQUIRE_OTP", True)
OTP_TOTP_ISSUER = SITE_NAME

# HTTPS: everything below follows SITE_URL's scheme unless set explicitly.
SERVED_OVER_HTTPS = SITE_URL.startswith("https://")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", SERVED_OVER_HTTPS)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", SERVED_OVER_HTTPS)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", SERVED_OVER_HTTPS)
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000 if SERVED_OVER_HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", SERVED_OVER_HTTPS)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", SERVED_OVER_HTTPS)
if TRUSTED_PROXY_COUNT:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
if SERVED_OVER_HTTPS:
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Content-Security-Policy: scripts and styles only from our own static files. The nonce
# lets the proof-of-work widget add its one <style> element; its worker runs from a blob.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "worker-src": [SELF, "blob:"],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "loggers": {
        "pledgeline": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
        "django.security": {"handlers": ["console"], "level": "WARNING"},
        "django_tasks": {"handlers": ["console"], "level": "INFO"},
    },
}
