"""Production's environment for tests that start the project in a subprocess."""

import os
import socket
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# A key as `secrets.token_urlsafe(50)` makes one: long and varied enough for
# Django's deploy check.
PRODUCTION_ENV = {
    "DJANGO_SECRET_KEY": "tests-deploy-" + "k2V9q_x7ZrT4mWb8LpYc3Hs6NdJf1GaE5uQo0Ri",
    "DJANGO_ALLOWED_HOSTS": "news.example.org,testserver",
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/newsroom",
    "CACHE_URL": "redis://127.0.0.1:6379/0",
}


def only(env: dict[str, str]) -> dict[str, str]:
    """The machine's basics plus ``env``: no DJANGO_* or other setting leaks in."""
    basics = {k: os.environ[k] for k in ("PATH", "HOME", "LANG") if k in os.environ}
    return {**basics, **env}


def run_python(code: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=only({"DJANGO_SETTINGS_MODULE": "newsroom.settings", **env}),
        capture_output=True,
        text=True,
        timeout=60,
    )


def closed_port() -> int:
    """A loopback port nothing listens on (bound, then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
