"""Django settings, read from environment variables so one code base runs demo, CI and production.

Environment:
  GONGKAI_ENV=production   secure cookies, HSTS, SSL redirect, DEBUG off, secret key required
  GONGKAI_DATA_DIR         data directory (default ./data); holds the SQLite file and collected static
  DATABASE_URL             PostgreSQL (postgres://user:pass@host:port/name); SQLite when unset
  GONGKAI_SECRET_KEY       secret key (required in production; dev keeps a generated one in the data dir)
  GONGKAI_DEBUG=1          debug pages (never in production)
  GONGKAI_ALLOWED_HOSTS    comma-separated host names (required in production)
  GONGKAI_BEHIND_PROXY=1   trust X-Forwarded-Proto and X-Forwarded-For from a TLS-terminating reverse
                           proxy at one of GONGKAI_TRUSTED_PROXIES (default 127.0.0.1,::1)
  GONGKAI_CSRF_TRUSTED_ORIGINS  comma-separated origins (https://example.gov.cn) allowed to POST
  GONGKAI_STATIC_ROOT      collected static files (default DATA_DIR/static)
  GONGKAI_MEDIA_ROOT       uploaded files, shared by all servers (default DATA_DIR/media)
"""

from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(os.environ.get("GONGKAI_DATA_DIR", "data")).resolve()
PRODUCTION = os.environ.get("GONGKAI_ENV", "").strip().lower() == "production"


def _flag(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _secret_key() -> str:
    """Production must bring its own key; development keeps one per data dir so sessions survive restarts."""
    key = os.environ.get("GONGKAI_SECRET_KEY", "").strip()
    if key and PRODUCTION:
        _refuse_weak_secret_key(key)
    if key:
        return key
    if PRODUCTION:
        raise ImproperlyConfigured("生产环境（GONGKAI_ENV=production）必须设置 GONGKAI_SECRET_KEY")
    key_file = DATA_DIR / "secret_key"
    if key_file.exists():
        return key_file.read_text(encoding="utf-8").strip()
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    key_file.write_text(key, encoding="utf-8")
    key_file.chmod(0o600)
    return key


# Django's own bar for a secret key (check --deploy, security.W009), made a hard stop in production.
SECRET_KEY_MIN_LENGTH = 50
SECRET_KEY_MIN_UNIQUE = 5


def _refuse_weak_secret_key(key: str) -> None:
    """A short, repetitive or Django-generated "insecure" key stops start-up in production."""
    if (
        len(key) < SECRET_KEY_MIN_LENGTH
        or len(set(key)) < SECRET_KEY_MIN_UNIQUE
        or key.startswith("django-insecure-")
    ):
        raise ImproperlyConfigured(
            f"GONGKAI_SECRET_KEY 太弱：生产环境需要至少{SECRET_KEY_MIN_LENGTH}个字符、"
            f"至少{SECRET_KEY_MIN_UNIQUE}种不同字符的随机密钥（可用 "
            "python3 -c 'import secrets; print(secrets.token_urlsafe(50))' 生成）"
        )


def _networks(text: str) -> list:
    import ipaddress

    networks = []
    for item in (part.strip() for part in text.split(",")):
        if not item:
            continue
        try:
            networks.append(ipaddress.ip_network(item, strict=False))
        except ValueError as exc:
            raise ImproperlyConfigured(f"GONGKAI_TRUSTED_PROXIES 中的地址无效：{item}") from exc
    return networks


def _allowed_hosts() -> list[str]:
    hosts = [h.strip() for h in os.environ.get("GONGKAI_ALLOWED_HOSTS", "").split(",") if h.strip()]
    if hosts:
        return hosts
    if PRODUCTION:
        raise ImproperlyConfigured("生产环境（GONGKAI_ENV=production）必须设置 GONGKAI_ALLOWED_HOSTS")
    return ["127.0.0.1", "localhost", "[::1]", "testserver"]


def _database() -> dict:
    url = os.environ.get("DATABASE_URL", "").strip()
    if url:
        return dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    return {"ENGINE": "django.db.backends.sqlite3", "NAME": str(DATA_DIR / "gongkai.sqlite3")}


SECRET_KEY = _secret_key()
DEBUG = False if PRODUCTION else _flag("GONGKAI_DEBUG")
ALLOWED_HOSTS = _allowed_hosts()

INSTALLED_APPS = [
    "whitenoise.runserver_nostatic",
    "gongkai.apps.GongkaiAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "gongkai.axesconfig.AxesConfig",
    "pgtrigger",
    "gongkai.core",
    "gongkai.accounts",
    "gongkai.organs",
    "gongkai.audit",
    "gongkai.catalog",
    "gongkai.applications",
    "gongkai.reports",
    "gongkai.workspace",
    "gongkai.portal",
    # Background work: the tasks framework (backport) with its database backend; see docs/platform.md.
    "django_tasks",
    "django_tasks_db",
    "gongkai.ops",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # CSP, Permissions-Policy, no-store on staff pages, and 400 for non-UTF-8 form bodies.
    "gongkai.httpguards.HttpGuardsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "gongkai.workspace.sessions.AbsoluteSessionLifetimeMiddleware",
    # The client address and browser for the audit trail, set once per request.
    "gongkai.audit.context.AuditContextMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # django-axes must come last: it turns a lockout raised during authentication into a response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "gongkai.urls"
WSGI_APPLICATION = "gongkai.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "gongkai.core.context_processors.site_region",
            ],
        },
    },
]

DATABASES = {"default": _database()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# The organ the site is about (header, footer); the core's context processor asks this provider.
GONGKAI_SITE_REGION = "gongkai.organs.region.request_region"

# --- Shared state: nothing lives in one process, so any number of app servers can serve (docs/deploy.md) --
# Tasks are rows in the database; `gongkai manage db_worker` runs them (started by `gongkai serve`/`demo`).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# One cache for every server: Django's database cache (the table is created by every migrate).
CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "gongkai_cache"}}
# Sessions in the database (Django's default, stated): signed in on one server, signed in on all.
SESSION_ENGINE = "django.contrib.sessions.backends.db"

# --- Authentication -----------------------------------------------------------------------------
# Argon2 first: new and re-hashed passwords use it; the others only verify legacy hashes.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    # user.has_perm("app.action", obj) answered from the organ-scope core and each app's policy.
    "gongkai.organs.backends.OrganScopeBackend",
]
LOGIN_URL = "workspace:login"
LOGIN_REDIRECT_URL = "workspace:home"
LOGOUT_REDIRECT_URL = "workspace:login"

# Lockout: 5 failures for the same user name from the same address lock it for 30 minutes.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=30)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "workspace/locked_out.html"
# Failures and lockouts are rows in the database, so every app server counts the same attempts.
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
# No start-up banner on every command, and log lines carry only the lockout parameters.
AXES_VERBOSE = False
# One client address for lockouts and the audit trail (see gongkai.audit.services.client_ip).
GONGKAI_BEHIND_PROXY = _flag("GONGKAI_BEHIND_PROXY")
# The reverse proxies whose X-Forwarded-For is believed (addresses or networks); loopback by default, the
# usual nginx on the same host. The app port itself must not be reachable from outside.
GONGKAI_TRUSTED_PROXIES = _networks(os.environ.get("GONGKAI_TRUSTED_PROXIES", "127.0.0.1,::1"))
# Sign-in throttling beside axes' lockout (gongkai.workspace.throttle): per name with a doubling cool-off,
# per address against spraying. Counted in the database, so shared by every app server.
GONGKAI_SIGNIN_NAME_FREE = 10
GONGKAI_SIGNIN_NAME_WINDOW = timedelta(hours=24)
GONGKAI_SIGNIN_NAME_MAX_COOLOFF = timedelta(hours=1)
GONGKAI_SIGNIN_ADDRESS_LIMIT = 30
GONGKAI_SIGNIN_ADDRESS_WINDOW = timedelta(minutes=15)
GONGKAI_SIGNIN_ADDRESS_COOLOFF = timedelta(minutes=15)
# Failed sign-ins under names that are no account: at most this many audit events an hour, then one note.
GONGKAI_AUDIT_UNKNOWN_NAME_FAILURES_PER_HOUR = 100
AXES_CLIENT_IP_CALLABLE = "gongkai.audit.services.client_ip"

# Session timeout: 30 minutes idle (the expiry moves forward with every request).
SESSION_COOKIE_AGE = 30 * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# Absolute lifetime beside the idle timeout: a session ends 12 hours after sign-in however active it is
# (gongkai.workspace.sessions.AbsoluteSessionLifetimeMiddleware).
GONGKAI_SESSION_ABSOLUTE_AGE = timedelta(hours=12)

# --- Internationalisation -----------------------------------------------------------------------
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

# --- Static files (whitenoise; no separate web server needed) -----------------------------------
STATIC_URL = "/static/"
# Collected static files: per server by default (each `gongkai serve --prod` collects its own copy).
STATIC_ROOT = Path(os.environ.get("GONGKAI_STATIC_ROOT", "") or DATA_DIR / "static").resolve()
# Uploaded files (attachments, rendered documents): on storage every app server and worker shares.
MEDIA_ROOT = Path(os.environ.get("GONGKAI_MEDIA_ROOT", "") or DATA_DIR / "media").resolve()
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# Outside production static files are served straight from the apps, without collectstatic.
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = not PRODUCTION

# --- Security -----------------------------------------------------------------------------------
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Not HttpOnly (Django's default): API clients in the browser read the csrftoken cookie to send it back
# as X-CSRFToken. HttpOnly on this cookie protects nothing, since the token is in every form anyway.
CSRF_COOKIE_HTTPONLY = False
CSRF_FAILURE_VIEW = "gongkai.core.http.csrf_failure"
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("GONGKAI_CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]
if GONGKAI_BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = True
    # The reverse proxy and monitoring probe each app server over plain HTTP on the private network.
    SECURE_REDIRECT_EXEMPT = [r"^ops/health/$"]
    SECURE_HSTS_SECONDS = 365 * 24 * 3600
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# --- Logging: personal data (ID numbers, phones, addresses) is masked in every record -------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"mask_personal_data": {"()": "gongkai.logfilters.MaskPersonalDataFilter"}},
    "formatters": {"plain": {"format": "{asctime} {levelname} {name}: {message}", "style": "{"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["mask_personal_data"],
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("GONGKAI_LOG_LEVEL", "INFO")},
    "loggers": {"django": {"handlers": ["console"], "level": "INFO", "propagate": False}},
}

# --- E-mail (documents sent to applicants): the console outside production unless configured -------
EMAIL_BACKEND = os.environ.get(
    "GONGKAI_EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if PRODUCTION
    else "django.core.mail.backends.console.EmailBackend",
)
DEFAULT_FROM_EMAIL = os.environ.get("GONGKAI_FROM_EMAIL", "gongkai@localhost")
