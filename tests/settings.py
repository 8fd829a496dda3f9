"""Test settings: the project's settings plus what only a test run needs."""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "tests-only-not-a-secret")

from newsroom.settings import *  # noqa: E402, F403

# Hashing passwords slowly protects real accounts; test users need no protection.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
# The test client and the browser tests' live server speak plain HTTP;
# tests/test_deploy.py checks production's HTTPS settings themselves.
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
# pytest shows captured output of failures; one JSON line per request would bury it.
REQUEST_LOG = False

# Serve static files from the source folders; tests never run collectstatic.
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Production's manifest storage needs collectstatic first; tests use the sources.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# A page making missing renditions does so before it renders, not in a
# thread the test database would not see.
RENDITIONS_ON_VIEW = "inline"
