"""Settings of STO-beheer.

All values come from the environment through ``sto.env``; the defaults are the embedded demo
(SQLite file in ``var/``, Celery tasks run eagerly in-process, mail to the console).
"""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF

from .env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("STO_VAR_DIR", str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)  # the SQLite file and uploads live here

# DEBUG is off unless asked for; the demo command switches it on.
DEBUG = env_bool("DEBUG", False)
# A fixed key is only acceptable for local use (the demo, tests, management commands): the web
# server and the Celery worker refuse to start outside DEBUG without SECRET_KEY
# (``sto.startup.require_production_settings``).
STO_SECRET_KEY_IS_LOCAL = not env_str("SECRET_KEY", "")
SECRET_KEY = env_str("SECRET_KEY", "") or ("django-insecure-" + "sto-beheer-local-only-key" * 3)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "simple_history",
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    # The apps in their layers, lowest first (docs/architecture.md): an app imports only the
    # ones above it in this list.
    "sto",
    "regions",
    "cofinancing",
    "plans",
    "formula",
    "assessment",
    "compliance",
    "reporting",
    "overview",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "sto.middleware.PrivatePagesMiddleware",
    "sto.middleware.RequestSizeLimitMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "sto.middleware.RejectNullCharactersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "sto.middleware.IdleSessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "regions.middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "sto.urls"
WSGI_APPLICATION = "sto.wsgi.application"
ASGI_APPLICATION = "sto.asgi.application"

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
                "sto.navigation.navigation",
                "regions.context_processors.roles",
            ],
        },
    },
]

# DATABASE_URL: e.g. postgres://user:pass@host:5432/sto. Default: SQLite file var/sto.sqlite3.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", "") or f"sqlite:///{VAR_DIR / 'sto.sqlite3'}",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20
    DATABASES["default"]["TEST"] = {"NAME": env_str("STO_SQLITE_TEST_NAME", "") or None}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# django-axes first: it refuses a locked-out login before the password is even checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/accounts/login/"

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
MEDIA_URL = "/media/"  # never served directly: downloads go through access-checked views
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedStaticFilesStorage"
        )
    },
}

# Mail: console in the demo; SMTP through EMAIL_URL-like variables in production.
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "STO-beheer <noreply@sto-beheer.localhost>")

# Celery: REDIS_URL or CELERY_BROKER_URL; without one, tasks run eagerly in-process.
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", "") or env_str("REDIS_URL", "")
CELERY_RESULT_BACKEND = env_str("CELERY_RESULT_BACKEND", "") or CELERY_BROKER_URL or None
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
# Without a broker, run long jobs in a background thread rather than inside the request
# (sto/jobs.py); on by default in the DEBUG demo.
STO_EAGER_JOBS_IN_BACKGROUND = env_bool("STO_EAGER_JOBS_IN_BACKGROUND", DEBUG)
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = env_int("CELERY_TASK_TIME_LIMIT", 30 * 60)
CELERY_TASK_SOFT_TIME_LIMIT = env_int("CELERY_TASK_SOFT_TIME_LIMIT", 25 * 60)
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE: dict = {}
# The programme's rules (compliance/tasks.py, docs/rules.md): checks nightly, reminders each morning
# (crontab in CELERY_TIMEZONE, Europe/Amsterdam).
from celery.schedules import crontab  # noqa: E402

CELERY_BEAT_SCHEDULE["compliance-national-check"] = {
    "task": "compliance.tasks.run_national_check",
    "schedule": crontab(hour=2, minute=0),
}
CELERY_BEAT_SCHEDULE["compliance-reminders"] = {
    "task": "compliance.tasks.send_reminders",
    "schedule": crontab(hour=7, minute=0),
}

# Security: secure by default outside DEBUG; `manage.py check --deploy` is clean with
# DEBUG=false, a real SECRET_KEY and HTTPS in front.
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
# The redirect is on where HTTPS terminates in front of the app (docker-compose sets it);
# off by default so the embedded server and the test client speak plain HTTP.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
# X-Forwarded-Proto is believed only behind a reverse proxy that sets it and that is the only way
# to the app (docker-compose: Caddy); otherwise any client could claim HTTPS.
STO_BEHIND_PROXY = env_bool("STO_BEHIND_PROXY", False)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if STO_BEHIND_PROXY else None
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
# A session ends after this many minutes without a request (``sto.middleware.IdleSessionMiddleware``
# renews it at most every few minutes while the user works), and when the browser closes.
STO_SESSION_IDLE_MINUTES = env_int("STO_SESSION_IDLE_MINUTES", 60)
SESSION_COOKIE_AGE = STO_SESSION_IDLE_MINUTES * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# Content-Security-Policy (django-csp): only this site's own scripts, styles, images and fonts;
# an inline script needs the request's nonce (``{{ request.csp_nonce }}``). Nothing may frame
# the pages, and forms post only here.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# Browser features the pages never use are switched off (``sto.middleware.PrivatePagesMiddleware``).
STO_PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"
)

# Login hardening (docs/interfaces.md §7, docs/decisions/0013): after AXES_FAILURE_LIMIT failed
# logins with one username from one address, that combination is locked out for the cool-off
# time, even with the right password; a successful login clears the count.
AXES_FAILURE_LIMIT = env_int("STO_LOGIN_FAILURE_LIMIT", 10)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("STO_LOGIN_COOLOFF_MINUTES", 30))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# No banner on every start: management commands print JSON that other tools read.
AXES_VERBOSE = False
# Behind the reverse proxy the client's address is the last one it added to X-Forwarded-For.
AXES_IPWARE_META_PRECEDENCE_ORDER = (
    ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"] if STO_BEHIND_PROXY else ["REMOTE_ADDR"]
)
AXES_IPWARE_PROXY_COUNT = 1 if STO_BEHIND_PROXY else None
# Two-factor login (django-otp, TOTP and recovery codes): required for reviewers and
# administrators when on; on by default outside DEBUG, off where STO_REQUIRE_2FA=false.
STO_REQUIRE_2FA = env_bool("STO_REQUIRE_2FA", not DEBUG)
OTP_TOTP_ISSUER = "STO-beheer"
# An invitation link is valid this many days; a password reset link PASSWORD_RESET_TIMEOUT seconds.
STO_INVITATION_DAYS = env_int("STO_INVITATION_DAYS", 7)
PASSWORD_RESET_TIMEOUT = env_int("STO_PASSWORD_RESET_HOURS", 24) * 3600

# Workbook import limits (an .xlsx is a zip: these guard against zip bombs).
STO_WORKBOOK_MAX_UNCOMPRESSED_BYTES = env_int(
    "STO_WORKBOOK_MAX_UNCOMPRESSED_BYTES", 200 * 1024 * 1024
)
STO_WORKBOOK_MAX_ZIP_ENTRIES = env_int("STO_WORKBOOK_MAX_ZIP_ENTRIES", 500)
STO_WORKBOOK_MAX_ROWS = env_int("STO_WORKBOOK_MAX_ROWS", 1_000_000)
# Uploaded annual report PDFs may be at most this many bytes.
STO_ANNUAL_REPORT_MAX_BYTES = env_int("STO_ANNUAL_REPORT_MAX_BYTES", 20 * 1024 * 1024)
# A whole upload request (file and form) may be at most this many bytes; larger ones are refused
# from their Content-Length before the body is read (``sto.middleware.RequestSizeLimitMiddleware``).
STO_MAX_UPLOAD_BYTES = env_int("STO_MAX_UPLOAD_BYTES", STO_ANNUAL_REPORT_MAX_BYTES + 1024 * 1024)
# Other request bodies (forms without a file) stay under Django's 2.5 MB default; an uploaded
# file above 2.5 MB is streamed to a temporary file instead of memory.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

# Rules: the warning window before a deadline, and the techniekarm threshold.
STO_WARNING_WINDOW_DAYS = env_int("STO_WARNING_WINDOW_DAYS", 30)
STO_REMINDER_DAYS = [int(d) for d in env_list("STO_REMINDER_DAYS", ["30", "7"])]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
}
