"""Settings of the portal, read from the environment.

With nothing set, the portal runs on a laptop: SQLite in the project folder,
Celery tasks run eagerly in-process, mail printed to the console, DEBUG off
unless DEBUG=1. Production sets DATABASE_URL, CELERY_BROKER_URL, EMAIL_URL,
SECRET_KEY and ALLOWED_HOSTS (see README.md and .env.example).
"""

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from portal.env import env_bool, env_int, env_list, env_secret, env_str
from portal.logs import logging_config

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_secret(
    "SECRET_KEY", required=not DEBUG, fallback="insecure-development-key-only-for-debug"
)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# The portal's name (navigation bar, mail): unset, "Conference portal" in each
# language; SITE_NAME_PT_BR, SITE_NAME_ES ... name it per language (portal.site).
SITE_NAME = env_str("SITE_NAME", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.orcid",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_countries",
    "csp",
    "portal",
    "portal.mail",
    "submissions",
    "reviews",
    # Conferences and calls run by their organisers and chairs: above the three apps.
    "calls",
    # The demo and the benchmark's generator: above the three apps, importing from all of them.
    "sampledata",
]

MIDDLEWARE = [
    "portal.health.HealthCheckMiddleware",
    "portal.logs.RequestIdMiddleware",
    # A request past REQUEST_TIMEOUT gets the portal's 503 page (portal/errors.py).
    "portal.errors.RequestTimeoutMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Before every middleware that reads or changes the body; static files come precompressed from WhiteNoise.
    "portal.middleware.TextGZipMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "portal.middleware.UserPreferencesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "allauth.account.middleware.AccountMiddleware",
]
# Benchmarks only: each response says how many SQL queries it ran (X-Query-Count).
# Off, the middleware is not in the chain at all.
BENCH_QUERY_COUNT = env_bool("BENCH_QUERY_COUNT", False)
if BENCH_QUERY_COUNT:
    MIDDLEWARE.insert(0, "portal.middleware.QueryCountHeaderMiddleware")

# Seconds a request may run before it is stopped with the portal's 503 page;
# below gunicorn's GUNICORN_TIMEOUT (gunicorn.conf.py checks it), so that the
# worker is not killed and the user does not get gunicorn's page. 0: no limit.
REQUEST_TIMEOUT = env_int("REQUEST_TIMEOUT", 50, minimum=0)

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.tz",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.context_processors.navigation",
                "submissions.context_processors.navigation",
                "reviews.context_processors.navigation",
            ],
        },
    },
]

# Database: SQLite in the project folder unless DATABASE_URL names another.
DATABASE_URL = env_str("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)}
    if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        # An unreachable server fails a request (and /healthz) in seconds instead of hanging it.
        DATABASES["default"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 5)
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": BASE_DIR / "db.sqlite3",
            "OPTIONS": {"timeout": 20, "transaction_mode": "IMMEDIATE"},
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "portal.User"
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
LOGIN_REDIRECT_URL = "home"

# Accounts (django-allauth): the email address is the login.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "portal.forms.SignupForm"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = env_str("EMAIL_SUBJECT_PREFIX", "")
ACCOUNT_ADAPTER = "portal.adapters.AccountAdapter"
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if not DEBUG else "http"
# allauth's own rate limits (login failures, sign-ups, mails) stay at its defaults;
# they use the cache, which is Redis in production. Failed log-ins are counted per
# account ("key": the address typed) and per client address, so one person's wrong
# passwords lock neither another account nor another address.
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
}
# The client's address behind a proxy: the proxies that append to X-Forwarded-For
# and are ours to trust (the address the outermost one saw is taken), or a header
# one of them sets to the client's address (X-Real-IP). With neither, every user
# behind a proxy would share the proxy's address, and its rate limits.
ALLAUTH_TRUSTED_PROXY_COUNT = env_int("ALLAUTH_TRUSTED_PROXY_COUNT", 0, minimum=0)
ALLAUTH_TRUSTED_CLIENT_IP_HEADER = env_str("ALLAUTH_TRUSTED_CLIENT_IP_HEADER") or None
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = env_str("MFA_TOTP_ISSUER", "Conference portal")

# ORCID sign-in switches on only when its credentials are in the environment.
ORCID_CLIENT_ID = env_str("ORCID_CLIENT_ID")
ORCID_CLIENT_SECRET = env_str("ORCID_CLIENT_SECRET")
SOCIALACCOUNT_PROVIDERS = {}
if ORCID_CLIENT_ID and ORCID_CLIENT_SECRET:
    SOCIALACCOUNT_PROVIDERS["orcid"] = {
        "APPS": [{"client_id": ORCID_CLIENT_ID, "secret": ORCID_CLIENT_SECRET, "key": ""}],
        "BASE_DOMAIN": env_str("ORCID_BASE_DOMAIN", "orcid.org"),
        "MEMBER_API": env_bool("ORCID_MEMBER_API", False),
    }
SOCIALACCOUNT_ADAPTER = "portal.adapters.SocialAccountAdapter"
SOCIALACCOUNT_EMAIL_VERIFICATION = "mandatory"

# Languages: English source, Brazilian Portuguese and Spanish catalogues.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("pt-br", _("Portuguese (Brazil)")),
    ("es", _("Spanish")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
SITE_NAMES = {
    code: name for code, _name in LANGUAGES if (name := env_str("SITE_NAME_" + code.upper().replace("-", "_"), ""))
}
# Where Django's date formats differ from the language's usage (pt-BR months in lower case).
FORMAT_MODULE_PATH = ["portal.formats"]
USE_I18N = True
TIME_ZONE = "UTC"
USE_TZ = True

# Static files are served by WhiteNoise; Bootstrap and scripts live in static/vendor.
STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]

# Uploaded papers are private: they live outside any public URL and are
# served only through views that check permission (portal.files). They are
# kept on the local file system, or in an S3-compatible bucket (MEDIA_STORAGE=s3,
# which needs the `s3` extra: pip install '.[s3]').
PRIVATE_MEDIA_ROOT = Path(env_str("PRIVATE_MEDIA_ROOT", str(BASE_DIR / "private-media")))
MEDIA_STORAGE = env_str("MEDIA_STORAGE", "filesystem")
# How a permitted download leaves: "" streamed by Django; "nginx" (X-Accel-Redirect)
# or "apache" (X-Sendfile) through the front proxy; "redirect" to a signed URL of the bucket.
PRIVATE_FILES_SERVER = env_str("PRIVATE_FILES_SERVER", "")
PRIVATE_FILES_INTERNAL_URL = env_str("PRIVATE_FILES_INTERNAL_URL", "/protected/")
PRIVATE_FILES_URL_SECONDS = env_int("PRIVATE_FILES_URL_SECONDS", 60, minimum=5)
if MEDIA_STORAGE == "filesystem":
    MEDIA_BACKEND = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": None},
    }
elif MEDIA_STORAGE == "s3":
    MEDIA_BACKEND = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env_str("S3_BUCKET"),
            # Left empty, boto3 finds credentials, region and endpoint the usual way (IAM role, ~/.aws).
            "endpoint_url": env_str("S3_ENDPOINT_URL") or None,
            "region_name": env_str("S3_REGION") or None,
            "access_key": env_str("S3_ACCESS_KEY_ID") or None,
            "secret_key": env_str("S3_SECRET_ACCESS_KEY") or None,
            "location": env_str("S3_PREFIX", ""),
            "addressing_style": env_str("S3_ADDRESSING_STYLE") or None,  # "path" for most self-hosted stores
            "signature_version": "s3v4",
            "default_acl": None,  # the bucket stays private; objects inherit its policy
            "querystring_auth": True,
            "querystring_expire": PRIVATE_FILES_URL_SECONDS,
            "file_overwrite": False,
        },
    }
    if not MEDIA_BACKEND["OPTIONS"]["bucket_name"]:
        raise ImproperlyConfigured("S3_BUCKET is not set; MEDIA_STORAGE=s3 needs the name of the bucket.")
else:
    raise ImproperlyConfigured(f"MEDIA_STORAGE must be 'filesystem' or 's3'; got {MEDIA_STORAGE!r}.")
if PRIVATE_FILES_SERVER not in {"", "nginx", "apache", "redirect"}:
    raise ImproperlyConfigured(
        f"PRIVATE_FILES_SERVER must be empty, 'nginx', 'apache' or 'redirect'; got {PRIVATE_FILES_SERVER!r}."
    )
if PRIVATE_FILES_SERVER == "apache" and MEDIA_STORAGE != "filesystem":
    raise ImproperlyConfigured("PRIVATE_FILES_SERVER=apache (X-Sendfile) needs MEDIA_STORAGE=filesystem.")
if PRIVATE_FILES_SERVER == "redirect" and MEDIA_STORAGE != "s3":
    raise ImproperlyConfigured("PRIVATE_FILES_SERVER=redirect needs MEDIA_STORAGE=s3 (a store that signs URLs).")
STORAGES = {
    "default": MEDIA_BACKEND,
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if not DEBUG
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        ),
    },
}
MEDIA_ROOT = PRIVATE_MEDIA_ROOT
FILE_UPLOAD_PERMISSIONS = 0o640
# Anything larger than a panel's PDF limit is refused by the form; this is
# only the ceiling above which Django refuses the request body outright.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# The budget of an uploaded PDF's check (submissions.pdf): a child process with
# this much CPU time and memory, and ceilings on what the file may unpack to.
PDF_CHECK_SECONDS = env_int("PDF_CHECK_SECONDS", 1, minimum=1)
PDF_CHECK_MEMORY_MB = env_int("PDF_CHECK_MEMORY_MB", 256, minimum=64)
PDF_MAX_STREAM_MB = env_int("PDF_MAX_STREAM_MB", 16, minimum=1)
PDF_MAX_DECOMPRESSED_MB = env_int("PDF_MAX_DECOMPRESSED_MB", 32, minimum=1)
PDF_MAX_OPERATORS_PER_PAGE = env_int("PDF_MAX_OPERATORS_PER_PAGE", 50_000, minimum=1000)
PDF_MAX_OPERATORS = env_int("PDF_MAX_OPERATORS", 100_000, minimum=1000)

# The cache, Celery, the outbox and SMTP (portal.settings_services).
from portal.settings_services import *  # noqa: E402, F401, F403

# Security: production defaults, relaxed only by DEBUG.
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SESSION_COOKIE_HTTPONLY = True
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if env_bool("SECURE_PROXY_SSL_HEADER", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Content Security Policy (django-csp): everything comes from this site, no
# inline script or style. data: images are allowed for Bootstrap's CSS icons
# and allauth's TOTP QR code (an SVG data URI). Signing in with ORCID submits
# a form that redirects to ORCID, which form-action must allow.
_FORM_TARGETS = ["'self'"]
if "orcid" in SOCIALACCOUNT_PROVIDERS:
    _FORM_TARGETS.append(f"https://{SOCIALACCOUNT_PROVIDERS['orcid']['BASE_DOMAIN']}")
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": _FORM_TARGETS,
        "frame-ancestors": ["'none'"],
    },
}

# Logs: one JSON object per line on stdout (LOG_FORMAT=text for a terminal).
LOG_FORMAT = env_str("LOG_FORMAT", "text" if DEBUG else "json")
if LOG_FORMAT not in {"json", "text"}:
    raise ImproperlyConfigured(f"LOG_FORMAT must be 'json' or 'text'; got {LOG_FORMAT!r}.")
LOG_LEVEL = env_str("LOG_LEVEL", "INFO").upper()
if LOG_LEVEL not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
    raise ImproperlyConfigured(f"LOG_LEVEL must be DEBUG, INFO, WARNING, ERROR or CRITICAL; got {LOG_LEVEL!r}.")
LOGGING = logging_config(level=LOG_LEVEL, json=LOG_FORMAT == "json")
