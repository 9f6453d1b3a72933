"""Settings for Gode eksempler, read from the environment.

With nothing set, a fresh checkout runs on a SQLite file with DEBUG on, a
local-memory cache, console e-mail and a local media folder. Production sets
DATABASE_URL, SECRET_KEY, ALLOWED_HOSTS, DEBUG=false and friends.
"""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_bool(name, *, default):
    value = os.environ.get(name)
    if value is None:
        return default
    if value.strip().lower() in _TRUE:
        return True
    if value.strip().lower() in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def env_list(name, *, default):
    value = os.environ.get(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = env_bool("DEBUG", default=True)
# For development only: refused below when DEBUG is off.
_LOCAL_SECRET_KEY = "django-insecure-local-only-never-in-production"  # nosec B105
SECRET_KEY = os.environ.get("SECRET_KEY", _LOCAL_SECRET_KEY)
# The fallback key is public (it is in this file): anyone could sign sessions with it.
if not DEBUG and SECRET_KEY.strip() in {"", _LOCAL_SECRET_KEY}:
    raise ImproperlyConfigured(
        "SECRET_KEY must be set to a long random value when DEBUG is false, e.g. "
        "python -c 'import secrets; print(secrets.token_urlsafe(50))'"
    )
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")
# Where visitors write to the editors; shown on the contact and accessibility pages.
CONTACT_EMAIL = os.environ.get("CONTACT_EMAIL", "")
# Proxies in front that append the client to X-Forwarded-For (1 behind nginx):
# rate limits count clients, not the proxy (portal/lib/clients.py).
NUM_PROXIES = int(os.environ.get("NUM_PROXIES", "0"))
# Who publishes the open data, as the DCAT-AP-DK catalogue record names them.
DATA_PUBLISHER = os.environ.get("DATA_PUBLISHER", "Gode eksempler")
# The accessibility act asks for a phone number as well as a written channel.
CONTACT_PHONE = os.environ.get("CONTACT_PHONE", "")
# The statement published in Digitaliseringsstyrelsen's WAS-Tool (was.digst.dk/…),
# where /was leads; the portal's own statement page when unset.
ACCESSIBILITY_STATEMENT_URL = os.environ.get("ACCESSIBILITY_STATEMENT_URL", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "bootstrap",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "django_htmx",
    "template_partials",
    "simple_history",
    "django_tasks",
    "django_tasks_db",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "accounts",
    "partnerships",
    "initiatives",
    "opendata",
    "alerts",
    "adoptions",
    "portal",
]

MIDDLEWARE = [
    # First, so that every log line of the request, errors included, carries its id.
    "portal.observability.RequestIdMiddleware",
    # Before anything reads the body (the request id reads only headers): 413
    # for bodies over MAX_REQUEST_BODY, see portal/limits.py.
    "portal.limits.RequestBodyLimitMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "portal.security.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Anonymous pages from the portal's cache, before session or database.
    "portal.middleware.PageCacheMiddleware",
    "portal.middleware.CacheControlMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "portal.middleware.DanishFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "accounts.middleware.SecondFactorForStaffMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"
ASGI_APPLICATION = "portal.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "portal.context_processors.portal",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
        }
    }
elif DEBUG:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
else:
    # Rate limits count in the cache: in production every worker must see the
    # same counts, so without Redis the database keeps them (a migration of
    # the portal app creates the table), never one process's memory.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "portal_cache",
        }
    }

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"

# allauth: e-mail is the login, and it must be verified before anything is submitted.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
# Confirming the address in the same browser signs the new contributor in.
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Gode eksempler] "
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
# Sign-up, login and password reset are rate-limited by allauth (in the shared
# cache); sign-ups tighter than its default, since each sends an e-mail.
ACCOUNT_RATE_LIMITS = {"signup": "10/h/ip"}
# Sign-up and password reset answer alike whether or not an address has an account.
ACCOUNT_PREVENT_ENUMERATION = True
# Curators and staff log in with a second factor (accounts.middleware requires it
# before the admin): an authenticator app, with recovery codes for a lost phone.
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Gode eksempler"
# (count, seconds) per contributor, counted in the shared cache: enough for a
# busy afternoon, too few for a script (each send e-mails every curator). The
# writing help checks the form's text at each pause in typing: one every two
# seconds for ten minutes on end is more than anyone types.
SUBMISSION_RATE_LIMITS = {
    "new_example": (20, 3600),
    "send_for_review": (10, 3600),
    "writing_check": (300, 600),
}

# People log in with their e-mail address; the username is allauth's bookkeeping.
ACCOUNT_USER_DISPLAY = "accounts.models.user_display"

# The history is the record of who changed what; a change goes through the
# forms (and for an example's state, the workflow), never back through it.
SIMPLE_HISTORY_REVERT_DISABLED = True

# How long a shared cache may keep a page an anonymous visitor saw.
PUBLIC_CACHE_SECONDS = int(os.environ.get("PUBLIC_CACHE_SECONDS", "60"))
# How long the portal keeps such a page itself (0: not at all). Any change to
# what a public page shows makes every kept page stale at once, so this only
# bounds the memory it takes (portal/lib/pagecache.py).
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600"))

LANGUAGE_CODE = "da"
LANGUAGES = [("da", _("Danish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# The largest request body, in bytes: one 10 MB attachment and the form around
# it. Larger bodies are refused with 413 before they are read (portal.limits);
# the proxy should refuse the same (nginx: client_max_body_size 12m).
MAX_REQUEST_BODY = int(os.environ.get("MAX_REQUEST_BODY", str(12 * 1024 * 1024)))
# Form fields without the files: the submission form's text is far below this.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
# Uploads above this go to a temporary file instead of memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
# The attachment rows of one form (max_num of the formset).
DATA_UPLOAD_MAX_NUMBER_FILES = 20
# Uploads go to an S3-compatible object store when a bucket is named (install
# the `s3` extra), so that several app servers share them; else to MEDIA_ROOT.
# The bucket stays private: the portal's view hands files out, never a link.
# Keys come from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, read by boto3.
if os.environ.get("AWS_STORAGE_BUCKET_NAME"):
    _MEDIA_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["AWS_STORAGE_BUCKET_NAME"],
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "location": os.environ.get("AWS_LOCATION", ""),
            "default_acl": "private",
            "file_overwrite": False,
        },
    }
else:
    _MEDIA_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
STORAGES = {
    "default": _MEDIA_STORAGE,
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=False)
EMAIL_TIMEOUT = 10  # seconds; a mail server that never answers must not hold a worker
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Gode eksempler <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Background work (the moderation e-mails) goes through django-tasks. With
# nothing set, a task runs at once in the process that enqueues it, so `make run`
# and the tests need no worker. In production set TASKS_BACKEND=database and run
# `manage.py db_worker` (make worker), which retries while the mail server is down.
TASKS_BACKENDS = {
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
}
TASKS_BACKEND = os.environ.get("TASKS_BACKEND", "immediate")
if TASKS_BACKEND not in TASKS_BACKENDS:
    raise ImproperlyConfigured(
        f"TASKS_BACKEND must be immediate or database, not {TASKS_BACKEND!r}"
    )
TASKS = {"default": {"BACKEND": TASKS_BACKENDS[TASKS_BACKEND]}}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# HTTPS ends at the proxy, which must set (never pass on) X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=not DEBUG)
# A load balancer's health check speaks plain HTTP to the app server.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
# A year, as hstspreload.org asks; start lower (3600) when first moving a host to HTTPS.
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=True)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
# Only the portal's own files: no inline scripts or styles, no other origins.
# Bootstrap draws its form controls with data: SVG images.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# Features no page uses, switched off for the page and anything it embeds.
PERMISSIONS_POLICY = {
    "camera": [],
    "microphone": [],
    "geolocation": [],
    "payment": [],
    "usb": [],
}
CSRF_FAILURE_VIEW = "portal.views.csrf_failure"

# Django's default "django" logger prints to the console and propagates to root,
# so each 404 and 403 was printed twice: root alone prints now. The rest repeats
# Django's DEFAULT_LOGGING, which configuring "django" resets.
# Everything goes to stdout; in production (LOG_FORMAT=json, the default with DEBUG
# off) as one JSON object a line with the request's id, for the log collector.
LOG_FORMAT = os.environ.get("LOG_FORMAT", "text" if DEBUG else "json")
if LOG_FORMAT not in {"text", "json"}:
    raise ImproperlyConfigured(f"LOG_FORMAT must be text or json, not {LOG_FORMAT!r}")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "require_debug_false": {"()": "django.utils.log.RequireDebugFalse"},
        "request_id": {"()": "portal.observability.RequestIdFilter"},
    },
    "formatters": {
        "django.server": {
            "()": "django.utils.log.ServerFormatter",
            "format": "[{server_time}] {message}",
            "style": "{",
        },
        "json": {"()": "portal.observability.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "filters": ["request_id"],
            **({"formatter": "json"} if LOG_FORMAT == "json" else {}),
        },
        "django.server": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "filters": ["request_id"],
            "formatter": LOG_FORMAT if LOG_FORMAT == "json" else "django.server",
        },
        "mail_admins": {
            "level": "ERROR",
            "filters": ["require_debug_false"],
            "class": "django.utils.log.AdminEmailHandler",
        },
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django": {"handlers": ["mail_admins"], "level": "INFO"},
        "django.server": {"handlers": ["django.server"], "level": "INFO", "propagate": False},
    },
}

# The benchmark's yardstick (benchmarks/default_admin.py): Django's default
# admin for good examples at /bench-default-admin/. Only `make bench` sets it.
BENCHMARK_DEFAULT_ADMIN = env_bool("PORTAL_BENCHMARK_DEFAULT_ADMIN", default=False)

# Error tracking (Sentry or a compatible service) only when a DSN is given;
# without one sentry_sdk is not even imported.
SENTRY_DSN = os.environ.get("SENTRY_DSN", "")
if SENTRY_DSN:
    from portal.observability import init_sentry

    init_sentry(SENTRY_DSN)

# The read-only API under /api/v1/ (opendata/api.py): anonymous, so no session is
# read and no CSRF token is needed; every client address gets API_THROTTLE_RATE
# requests, counted in the default cache. Behind a proxy that appends the client
# to X-Forwarded-For, NUM_PROXIES=1 counts that client instead of the proxy.
REST_FRAMEWORK = {
    # The API's own views use a BrowsableAPIRenderer without inline style (the CSP).
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_THROTTLE_CLASSES": ["rest_framework.throttling.AnonRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"anon": os.environ.get("API_THROTTLE_RATE", "120/minute")},
    "NUM_PROXIES": NUM_PROXIES,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    # `format` is a filter of the examples list, not DRF's choice of renderer.
    "URL_FORMAT_OVERRIDE": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Gode eksempler API",
    "DESCRIPTION": (
        "Read-only open data from Gode eksempler, the Danish portal of good examples of "
        "library initiatives: published examples, the organisations and partnerships "
        "behind them, and the categories, target groups and municipalities they are "
        "filed under. The examples list takes the same parameters as the list page on "
        "the portal and gives the same examples in the same order. Lists are paged "
        "(`page`, `page_size` up to 200). Anonymous; every client address may make a "
        "limited number of requests a minute (429 with Retry-After beyond that). Any "
        "site may call it from a browser (CORS). No personal data. The content is "
        "shared under CC BY 4.0: credit Gode eksempler."
    ),
    "VERSION": "1",
    "LICENSE": {"name": "CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/"},
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    # Swagger UI and Redoc from the drf-spectacular-sidecar package: no CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # No badge from the online validator: the CSP allows no other origin.
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "validatorUrl": None},
    # What Django's <slug:…> converter accepts, so the description says which addresses exist.
    "PATH_CONVERTER_OVERRIDES": {"slug": {"type": "string", "pattern": "^[-a-zA-Z0-9_]+$"}},
    # Names for choice sets that share a field name or are used by several fields.
    "ENUM_NAME_OVERRIDES": {
        "ExampleStatusEnum": "initiatives.models.Initiative.Status",
        "PartnershipStatusEnum": "partnerships.models.Partnership.Status",
        "KnowledgeLevelEnum": "initiatives.knowledge.Level",
    },
}
