"""`make serve`: check the environment, migrate, collect static files, run gunicorn.

Production on one machine, DEBUG off. Run as ``python -m newsroom.serve``;
the README ("Deploying") documents the variables.
"""

import os
import subprocess
import sys
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from newsroom.storage import media_bucket, media_storages, object_store_storages

BASE_DIR = Path(__file__).resolve().parent.parent

REQUIRED = {
    "DJANGO_SECRET_KEY": "a long random value, such as the output of "
    "`python3 -c 'import secrets; print(secrets.token_urlsafe(50))'`",
    "DJANGO_ALLOWED_HOSTS": "the site's host names, comma-separated, "
    "such as news.example.org",
    "DATABASE_URL": "the PostgreSQL database, such as "
    "postgres://newsroom:PASSWORD@127.0.0.1:5432/newsroom",
    "CACHE_URL": "the Redis server, such as redis://127.0.0.1:6379/0",
}


def environment_problems(env: dict[str, str]) -> list[str]:
    """What stops the site from starting, one sentence each naming the variable."""
    problems = [
        f"{name} is not set: give it {meaning}."
        for name, meaning in REQUIRED.items()
        if not env.get(name, "").strip()
    ]
    database = env.get("DATABASE_URL", "").strip()
    if database and not database.startswith(("postgres://", "postgresql://")):
        problems.append(
            "DATABASE_URL must name a PostgreSQL database (postgres://...): "
            "SQLite is for one person's local copy (make run)."
        )
    cache = env.get("CACHE_URL", "").strip()
    if cache and not cache.startswith(("redis://", "rediss://", "unix://")):
        problems.append("CACHE_URL must name a Redis server (redis://...).")
    try:
        media_storages(env)
    except ImproperlyConfigured as error:
        problems.append(str(error))
    for name in ("PORT", "WEB_CONCURRENCY"):
        value = env.get(name, "").strip()
        if value and not (value.isdigit() and int(value) > 0):
            problems.append(f"{name} must be a positive whole number, not {value!r}.")
    return problems


def unreachable_services(env: dict[str, str]) -> list[str]:
    """Say which of PostgreSQL and Redis does not answer, rather than a traceback."""
    import psycopg
    import redis

    problems = []
    try:
        psycopg.connect(env["DATABASE_URL"], connect_timeout=5).close()
    except psycopg.Error as error:
        reason = str(error).strip().splitlines()[0]
        problems.append(f"DATABASE_URL: PostgreSQL does not answer ({reason}).")
    try:
        redis.Redis.from_url(env["CACHE_URL"], socket_connect_timeout=5).ping()
    except (redis.RedisError, ValueError) as error:
        problems.append(f"CACHE_URL: Redis does not answer ({error}).")
    return problems + bucket_problems(env)


def bucket_problems(env: dict[str, str]) -> list[str]:
    """Say which configured bucket the site cannot reach with its keys.

    Keys come from the process's environment, as boto3 and django-storages
    read them; every app server must reach the store before it serves.
    """
    if not media_bucket(env):
        return []
    import boto3
    from botocore.config import Config
    from botocore.exceptions import BotoCoreError, ClientError

    problems = []
    storages = object_store_storages(env)
    variables = {"default": "MEDIA_BUCKET", "renditions": "MEDIA_RENDITIONS_BUCKET"}
    checked = set()
    for alias, variable in variables.items():
        options = storages[alias]["OPTIONS"]
        if options["bucket_name"] in checked:
            continue
        checked.add(options["bucket_name"])
        client = boto3.client(
            "s3",
            endpoint_url=options["endpoint_url"],
            region_name=options["region_name"],
            config=Config(
                s3={"addressing_style": options["addressing_style"]},
                connect_timeout=5,
                read_timeout=5,
                retries={"max_attempts": 1},
            ),
        )
        try:
            client.head_bucket(Bucket=options["bucket_name"])
        except ClientError as error:
            code = error.response.get("Error", {}).get("Code", "")
            reason = {
                "404": "no such bucket",
                "NoSuchBucket": "no such bucket",
                "403": "the keys may not use it",
            }.get(code, code or str(error))
            problems.append(
                f"{variable}: bucket {options['bucket_name']!r} cannot be used "
                f"({reason})."
            )
        except BotoCoreError as error:
            problems.append(
                f"{variable}: the object store does not answer for bucket "
                f"{options['bucket_name']!r} ({error})."
            )
    return problems


def serve_environment(env: dict[str, str]) -> dict[str, str]:
    """The environment migrate, collectstatic and gunicorn run with."""
    return {
        **env,
        "DJANGO_DEBUG": "0",
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
        # Keep connections between requests; each is checked before reuse, so
        # a PostgreSQL restart costs the requests in flight, not a site restart.
        "DATABASE_CONN_MAX_AGE": env.get("DATABASE_CONN_MAX_AGE", "600"),
    }


def main() -> int:
    problems = environment_problems(os.environ) or unreachable_services(os.environ)
    if problems:
        sys.stderr.write("make serve cannot start the site:\n")
        for problem in problems:
            sys.stderr.write(f"  {problem}\n")
        sys.stderr.write("See README.md, section Deploying.\n")
        return 2
    env = serve_environment(os.environ)
    manage = [sys.executable, str(BASE_DIR / "manage.py")]
    for command in (["migrate", "--no-input"], ["collectstatic", "--no-input"]):
        done = subprocess.run([*manage, *command, "--verbosity", "0"], env=env)
        if done.returncode:
            return done.returncode
    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    os.chdir(BASE_DIR)
    os.execve(
        gunicorn,
        [gunicorn, "--config", "python:newsroom.gunicorn_conf", "newsroom.wsgi"],
        env,
    )


if __name__ == "__main__":
    sys.exit(main())
