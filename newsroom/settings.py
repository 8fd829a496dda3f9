"""Settings for the newsroom project.

One module for every environment: a few environment variables, documented in
the README, override defaults that are safe and need nothing installed
(SQLite, an in-process cache, DEBUG off).
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF

from django.core.exceptions import ImproperlyConfigured

from newsroom.storage import media_bucket, media_origins, media_storages

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    """Read a yes/no environment variable ("1", "true", "yes", "on" mean yes)."""
    value = os.environ.get(name)
    if value is None or not value.strip():
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    """Read a comma-separated environment variable as a list."""
    return [
        item.strip()
        for item in os.environ.get(name, default).split(",")
        if item.strip()
    ]


def env_seconds(name: str, default: int) -> int:
    """Read a whole number of seconds from an environment variable."""
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    if not value.isdigit():
        raise ImproperlyConfigured(
            f"{name} must be a whole number of seconds, such as 60, not {value!r}."
        )
    return int(value)


DEBUG = env_bool("DJANGO_DEBUG")

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY must be set when DEBUG is off. Set DJANGO_DEBUG=1 for "
            "local development, or give DJANGO_SECRET_KEY a long random value."
        )
    # Only for local development: DEBUG is on, so nothing here is public.
    SECRET_KEY = "django-insecure-local-development-only"

ALLOWED_HOSTS = env_list(
    "DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else ""
)
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "taggit",
    "simple_history",
    "csp",
    "axes",
    "articles.apps.ArticlesConfig",
]

MIDDLEWARE = [
    # First, so its duration covers everything below, cached pages included.
    "newsroom.request_log.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    # Before anything reads the Host header or the cache: see the module.
    "newsroom.health.HealthCheckMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "articles.page_cache.PageCacheMiddleware",
    # Feeds and sitemaps send Last-Modified; this answers a reader or crawler
    # that already has them with a 304 (pages answer conditional requests
    # themselves, with their own ETags).
    "django.middleware.http.ConditionalGetMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Records the signed-in user on every article change, admin actions included.
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes requires: turns a locked-out sign-in into its message.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    # Refuses any sign-in, a correct password included, while locked out.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "newsroom.urls"

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
                "articles.context_processors.navigation",
                "articles.context_processors.site",
            ],
        },
    },
]

WSGI_APPLICATION = "newsroom.wsgi.application"


SUPPORTED_DATABASES = {
    "django.db.backends.postgresql",
    "django.db.backends.sqlite3",
}


def database_from_url(url: str) -> dict:
    """Read ``DATABASE_URL``: blank means the embedded SQLite database."""
    url = url.strip() or f"sqlite:///{BASE_DIR / 'db.sqlite3'}"
    try:
        database = dj_database_url.parse(
            url,
            # Keeping connections open saves PostgreSQL a connection per
            # request, but the development server (make run) starts a thread
            # per request, so there every request left its connection open:
            # under load hundreds piled up and SQLite requests stalled for its
            # 20 s lock timeout. Hence closed after each request unless asked
            # for (set it where a WSGI server such as gunicorn runs the site).
            conn_max_age=env_seconds("DATABASE_CONN_MAX_AGE", 0),
            conn_health_checks=True,
        )
    except ValueError as error:
        raise ImproperlyConfigured(
            f"DATABASE_URL is not a database address ({error}). Use "
            "postgres://USER:PASSWORD@HOST:5432/NAME, or leave it unset for SQLite."
        ) from error
    if database["ENGINE"] not in SUPPORTED_DATABASES:
        raise ImproperlyConfigured(
            "DATABASE_URL must name a PostgreSQL (postgres://) or SQLite "
            "(sqlite:///) database: Newsroom runs on those two only."
        )
    if not database["NAME"]:
        raise ImproperlyConfigured(
            "DATABASE_URL names no database: end it with the database's name, "
            "as in postgres://postgres@127.0.0.1:5432/newsroom."
        )
    return database


DATABASES = {"default": database_from_url(os.environ.get("DATABASE_URL", ""))}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        # Readers keep reading while an import writes (write-ahead log), and a
        # commit waits for the disk only at checkpoints: safe against crashes
        # of the site, at the risk of the last commits on a power cut.
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        # Take the write lock when a transaction starts, so two writers wait
        # their turn instead of failing with "database is locked".
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        **DATABASES["default"].get("OPTIONS", {}),
    }

if cache_url := os.environ.get("CACHE_URL", ""):
    if not cache_url.startswith(("redis://", "rediss://", "unix://")):
        raise ImproperlyConfigured(
            f"CACHE_URL must be a redis:// URL, not {cache_url!r}."
        )
    CACHES = {
        "default": {
            # Django's Redis backend, reusing its client objects.
            "BACKEND": "articles.redis_cache.RedisCache",
            "LOCATION": cache_url,
            "KEY_PREFIX": "newsroom",
            # A Redis that stops answering must not hold pages up: they are
            # served uncached instead (articles/page_cache.py).
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 1},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

_VALIDATORS = "django.contrib.auth.password_validation"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"{_VALIDATORS}.UserAttributeSimilarityValidator"},
    {"NAME": f"{_VALIDATORS}.MinimumLengthValidator"},
    {"NAME": f"{_VALIDATORS}.CommonPasswordValidator"},
    {"NAME": f"{_VALIDATORS}.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
# Times are stored in UTC; TIME_ZONE is only how they are shown.
TIME_ZONE = os.environ.get("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
# One storage for every run: collectstatic (make run or make serve) writes hashed,
# compressed copies and their manifest, which whitenoise serves with a year's
# caching when DEBUG is off. With DEBUG on the manifest storage hands out the
# unhashed names and whitenoise serves them from the source folders, so a
# checkout collected by either target works both ways.
STORAGES = {
    # "default" keeps the originals, as uploaded: the desk's, never linked from
    # a reader's page. "renditions" keeps the sized copies readers are sent,
    # under content-hashed names. Both under MEDIA_ROOT, or in a bucket when
    # MEDIA_BUCKET names one (newsroom/storage.py).
    **media_storages(os.environ),
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# On one machine the site serves uploads itself (renditions to everyone,
# originals to the desk only); a reverse proxy that serves /media/ (README,
# "Deploying") or an object store makes this unnecessary.
SERVE_MEDIA = env_bool("DJANGO_SERVE_MEDIA", not media_bucket(os.environ))

# How a reader's page that meets a picture without renditions gets them made
# (articles/images/on_demand.py): "thread", "inline" or "off".
RENDITIONS_ON_VIEW = os.environ.get("RENDITIONS_ON_VIEW", "thread")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The publication's name in page titles, feeds, sitemaps and structured data.
SITE_NAME = os.environ.get("SITE_NAME", "Newsroom")

TAGGIT_CASE_INSENSITIVE = True

# What the photo library takes (docs/photos.md, "Uploads"): the largest file,
# the most pixels (a decompression bomb is refused from its header), and the
# width below which a picture is accepted with a warning that it is small.
PHOTO_MAX_UPLOAD_BYTES = 40 * 1024 * 1024
PHOTO_MAX_PIXELS = 80_000_000
PHOTO_MIN_USEFUL_WIDTH = 1000

# Safe by default: with DEBUG off nothing here needs setting (manage.py check
# --deploy passes); the site is meant to sit behind a TLS-terminating proxy.
if not DEBUG:
    # The proxy on loopback says which requests came over HTTPS. Without a
    # proxy (gunicorn facing the network) set DJANGO_TLS_PROXY=0: a client
    # could otherwise claim HTTPS with the header.
    if env_bool("DJANGO_TLS_PROXY", True):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SSL_REDIRECT", True)
    # Load balancers probe over plain HTTP.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_HSTS_SECONDS = env_seconds("DJANGO_HSTS_SECONDS", 365 * 24 * 3600)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
# Django's defaults, stated because the README promises them.
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Only this site's own files: no inline script or style, no frames, no plugins.
# The readers' pages and the admin (Django 5.2) both keep to it; a browser test
# (tests/browser/test_csp.py) fails on any violation.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        # With an object store, pictures come from the bucket or its CDN.
        "img-src": [SELF, "data:", *media_origins(STORAGES)],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# Admin sign-in throttling (django-axes): five failed passwords for one account,
# or from one address, lock further tries for 15 minutes, a correct password
# included. `manage.py axes_reset` unlocks everyone (README, "Deploying").
AXES_FAILURE_LIMIT = 5
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_CLIENT_IP_CALLABLE = "newsroom.signin.client_address"
AXES_LOCKOUT_CALLABLE = "newsroom.signin.locked_out"
AXES_RESET_ON_SUCCESS = True
# One line per request is the request log's job (newsroom/request_log.py).
AXES_VERBOSE = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "newsroom.request_log.JsonFormatter"}},
    "handlers": {
        # Errors and warnings, with their tracebacks.
        "console": {"class": "logging.StreamHandler"},
        "requests": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "json",
        },
    },
    "loggers": {
        "newsroom.requests": {
            "handlers": ["requests"],
            "level": "INFO",
            "propagate": False,
        },
    },
    "root": {"handlers": ["console"], "level": "WARNING"},
}
# One JSON line per request on stdout; on by default where DEBUG is off
# (runserver prints its own lines).
REQUEST_LOG = env_bool("DJANGO_REQUEST_LOG", not DEBUG)

if SENTRY_DSN := os.environ.get("SENTRY_DSN", "").strip():
    import sentry_sdk

    # The Django integration is switched on by itself; no personal data is sent.
    sentry_sdk.init(
        dsn=SENTRY_DSN,
        environment=os.environ.get("SENTRY_ENVIRONMENT", "production"),
        send_default_pii=False,
    )
