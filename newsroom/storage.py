"""Where photos are kept: under MEDIA_ROOT, or in an S3-compatible object store.

Two storages, because the two kinds of file have opposite audiences.
``default`` holds the originals as uploaded: the desk's, full size, with
whatever the file carried, so never public. ``renditions`` holds the sized
copies readers are sent, under content-hashed names, so public and cached for
a year. On one machine both live under MEDIA_ROOT (renditions in a folder of
their own) and the site serves them (newsroom/media.py). Several app servers
need one shared store instead: setting ``MEDIA_BUCKET`` keeps both in a
bucket, originals private behind short-lived signed URLs, renditions public
(README, "Deploying"; docs/photos.md, "Storage").

The functions here read a mapping of environment variables and import no
settings, so newsroom/settings.py can call them and tests can try any
environment in-process.
"""

import os
from collections.abc import Mapping
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.files.storage import FileSystemStorage
from django.utils.deconstruct import deconstructible
from django.utils.functional import cached_property

# Renditions' own folder (under MEDIA_ROOT) or key prefix (in the bucket): a
# bucket policy or a proxy rule can make exactly these public.
RENDITIONS_FOLDER = "renditions"
YEAR = 365 * 24 * 3600
# Renditions never change under their name, so browsers and CDNs keep them.
RENDITION_CACHE_CONTROL = f"public, max-age={YEAR}, immutable"
# A signed link to an original is for the editor looking at it now.
DEFAULT_SIGNED_URL_SECONDS = 600
ADDRESSING_STYLES = {"path", "virtual"}
# Canned ACLs a store without bucket policies may need to make renditions public.
RENDITION_ACLS = {"public-read"}


@deconstructible(path="newsroom.storage.RenditionFileStorage")
class RenditionFileStorage(FileSystemStorage):
    """Renditions on the file system, in their own folder under MEDIA_ROOT.

    Kept apart from the originals by where they are, not by how they are
    named, so a rendition's name can never reach or reveal an original. The
    folder follows MEDIA_ROOT and MEDIA_URL when they change, as the default
    storage does.
    """

    @cached_property
    def base_location(self):
        return self._value_or_setting(
            self._location, os.path.join(settings.MEDIA_ROOT, RENDITIONS_FOLDER)
        )

    @cached_property
    def base_url(self):
        if self._base_url is not None and not self._base_url.endswith("/"):
            self._base_url += "/"
        return self._value_or_setting(
            self._base_url, f"{settings.MEDIA_URL}{RENDITIONS_FOLDER}/"
        )


FILE_SYSTEM_STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "renditions": {"BACKEND": "newsroom.storage.RenditionFileStorage"},
}


def _value(env: Mapping[str, str], *names: str) -> str:
    """The first of ``names`` set to something other than blanks, stripped."""
    for name in names:
        value = env.get(name, "").strip()
        if value:
            return value
    return ""


def media_bucket(env: Mapping[str, str]) -> str:
    """The bucket originals are kept in, or "" for the file system."""
    return _value(env, "MEDIA_BUCKET", "AWS_STORAGE_BUCKET_NAME")


def _endpoint(env: Mapping[str, str]) -> str:
    endpoint = _value(env, "AWS_S3_ENDPOINT_URL")
    if endpoint:
        parts = urlsplit(endpoint)
        if parts.scheme not in {"http", "https"} or not parts.netloc:
            raise ImproperlyConfigured(
                "AWS_S3_ENDPOINT_URL must be the object store's address, such as "
                f"https://s3.example.net, not {endpoint!r}."
            )
    return endpoint


def _custom_domain(env: Mapping[str, str]) -> str:
    domain = _value(env, "MEDIA_CUSTOM_DOMAIN")
    if domain and ("/" in domain or any(char.isspace() for char in domain)):
        raise ImproperlyConfigured(
            "MEDIA_CUSTOM_DOMAIN must be a host name only, such as "
            f"media.example.org (no https://, no path), not {domain!r}."
        )
    return domain


def _addressing_style(env: Mapping[str, str], endpoint: str) -> str:
    # Virtual-hosted names are AWS's rule for new buckets; other stores
    # (MinIO, moto, most self-hosted ones) answer on one host, by path.
    style = _value(env, "AWS_S3_ADDRESSING_STYLE").lower()
    if not style:
        return "path" if endpoint else "virtual"
    if style not in ADDRESSING_STYLES:
        raise ImproperlyConfigured(
            f"AWS_S3_ADDRESSING_STYLE must be path or virtual, not {style!r}."
        )
    return style


def _signed_url_seconds(env: Mapping[str, str]) -> int:
    value = _value(env, "MEDIA_SIGNED_URL_SECONDS")
    if not value:
        return DEFAULT_SIGNED_URL_SECONDS
    if not value.isdigit() or not 0 < int(value) <= 7 * 24 * 3600:
        raise ImproperlyConfigured(
            "MEDIA_SIGNED_URL_SECONDS must be a whole number of seconds between "
            f"1 and 604800 (a week, S3's limit), such as 600, not {value!r}."
        )
    return int(value)


def _rendition_acl(env: Mapping[str, str]) -> str | None:
    acl = _value(env, "MEDIA_RENDITIONS_ACL")
    if acl and acl not in RENDITION_ACLS:
        raise ImproperlyConfigured(
            f"MEDIA_RENDITIONS_ACL may only be public-read (or unset), not {acl!r}."
        )
    return acl or None


def object_store_storages(env: Mapping[str, str]) -> dict[str, dict]:
    """STORAGES' default and renditions entries for the bucket ``env`` names.

    Keys come from the standard AWS variables (AWS_ACCESS_KEY_ID,
    AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN) or the machine's role, read by
    django-storages and boto3 themselves, so no secret sits in settings.
    """
    bucket = media_bucket(env)
    endpoint = _endpoint(env)
    common = {
        "endpoint_url": endpoint or None,
        "region_name": _value(env, "AWS_S3_REGION_NAME", "AWS_DEFAULT_REGION") or None,
        "addressing_style": _addressing_style(env, endpoint),
        "signature_version": "s3v4",
    }
    originals = {
        **common,
        "bucket_name": bucket,
        # No ACL at all: the bucket's own (private) rules apply, and stores
        # that refuse ACLs (AWS's default since 2023) accept the upload.
        "default_acl": None,
        "querystring_auth": True,
        "querystring_expire": _signed_url_seconds(env),
        # Two uploads called IMG_0001.jpg are two pictures, not one replaced.
        "file_overwrite": False,
        "object_parameters": {"CacheControl": "private, max-age=600"},
    }
    renditions = {
        **common,
        "bucket_name": _value(env, "MEDIA_RENDITIONS_BUCKET") or bucket,
        "location": RENDITIONS_FOLDER,
        "default_acl": _rendition_acl(env),
        "querystring_auth": False,
        "custom_domain": _custom_domain(env) or None,
        # A name is its content's hash: writing it again writes the same
        # bytes, and S3 replaces an object whole, so skip the existence check.
        "file_overwrite": True,
        "object_parameters": {"CacheControl": RENDITION_CACHE_CONTROL},
    }
    backend = "storages.backends.s3.S3Storage"
    return {
        "default": {"BACKEND": backend, "OPTIONS": originals},
        "renditions": {"BACKEND": backend, "OPTIONS": renditions},
    }


def media_storages(env: Mapping[str, str]) -> dict[str, dict]:
    """STORAGES' default and renditions entries: a bucket if one is named."""
    if media_bucket(env):
        return object_store_storages(env)
    return dict(FILE_SYSTEM_STORAGES)


def renditions_bucket_policy(bucket: str) -> dict:
    """The bucket policy that lets anyone read renditions and nothing else.

    Originals stay private: no statement grants them, and the site reaches
    them with its keys only. README's "Deploying" prints it for operators.
    """
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "ReadersSeeRenditions",
                "Effect": "Allow",
                "Principal": "*",
                "Action": "s3:GetObject",
                "Resource": f"arn:aws:s3:::{bucket}/{RENDITIONS_FOLDER}/*",
            }
        ],
    }


def _bucket_origins(options: Mapping) -> list[str]:
    bucket, endpoint = options["bucket_name"], options["endpoint_url"]
    region = options["region_name"]
    if endpoint:
        parts = urlsplit(endpoint)
        if options["addressing_style"] == "path":
            return [f"{parts.scheme}://{parts.netloc}"]
        return [f"{parts.scheme}://{bucket}.{parts.netloc}"]
    hosts = ["s3.amazonaws.com"] + ([f"s3.{region}.amazonaws.com"] if region else [])
    if options["addressing_style"] == "virtual":
        hosts = [f"{bucket}.{host}" for host in hosts]
    return [f"https://{host}" for host in hosts]


def media_origins(storages: Mapping[str, dict]) -> list[str]:
    """The origins images come from besides the site, for its CSP's img-src.

    Readers' pages load renditions from the CDN or the bucket, and the desk
    sees originals and thumbnails through signed bucket URLs.
    """
    origins: list[str] = []
    for alias in ("default", "renditions"):
        options = storages[alias].get("OPTIONS", {})
        if "bucket_name" not in options:
            continue
        if options.get("custom_domain"):
            found = [f"https://{options['custom_domain']}"]
        else:
            found = _bucket_origins(options)
        origins.extend(origin for origin in found if origin not in origins)
    return origins
