"""Where photos are kept, as the environment says: folders, or a bucket."""

import json
import subprocess
import sys
from urllib.parse import urlsplit

import pytest
from storages.backends.s3 import S3Storage

from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import ContentFile
from django.core.files.storage import storages

from newsroom.storage import media_origins, media_storages, object_store_storages

from ..production import PRODUCTION_ENV, ROOT, only, run_python

BUCKET = {"MEDIA_BUCKET": "newsroom-media"}


def test_without_a_bucket_renditions_get_a_folder_of_their_own_under_media_root(
    media_root,
):
    assert set(media_storages({})) == {"default", "renditions"}
    renditions = storages["renditions"]
    name = renditions.save("ab/5f0c9e.webp", ContentFile(b"RIFF"))
    assert (media_root / "renditions" / "ab" / "5f0c9e.webp").read_bytes() == b"RIFF"
    assert renditions.url(name) == "/media/renditions/ab/5f0c9e.webp"
    assert storages["default"].path("photos/a.jpg") == str(media_root / "photos/a.jpg")


@pytest.mark.parametrize("name", ["MEDIA_BUCKET", "AWS_STORAGE_BUCKET_NAME"])
def test_naming_a_bucket_keeps_originals_private_and_renditions_public(name):
    found = media_storages({name: "newsroom-media"})
    originals = found["default"]["OPTIONS"]
    renditions = found["renditions"]["OPTIONS"]
    assert found["default"]["BACKEND"] == "storages.backends.s3.S3Storage"
    assert originals["bucket_name"] == renditions["bucket_name"] == "newsroom-media"
    assert originals["querystring_auth"] and originals["default_acl"] is None
    assert originals["file_overwrite"] is False
    assert renditions["querystring_auth"] is False
    assert renditions["location"] == "renditions"
    assert renditions["object_parameters"]["CacheControl"] == (
        "public, max-age=31536000, immutable"
    )


def test_renditions_may_have_a_bucket_a_cdn_and_an_acl_of_their_own():
    found = object_store_storages(
        {
            **BUCKET,
            "MEDIA_RENDITIONS_BUCKET": "newsroom-public",
            "MEDIA_CUSTOM_DOMAIN": "media.example.org",
            "MEDIA_RENDITIONS_ACL": "public-read",
            "MEDIA_SIGNED_URL_SECONDS": "120",
        }
    )
    renditions = found["renditions"]["OPTIONS"]
    assert renditions["bucket_name"] == "newsroom-public"
    assert renditions["custom_domain"] == "media.example.org"
    assert renditions["default_acl"] == "public-read"
    originals = found["default"]["OPTIONS"]
    # The CDN is for readers: the desk's signed links go to the bucket.
    assert originals["bucket_name"] == "newsroom-media"
    assert "custom_domain" not in originals
    assert originals["querystring_expire"] == 120


@pytest.mark.parametrize(
    "name, value",
    [
        ("AWS_S3_ENDPOINT_URL", "minio.internal:9000"),
        ("AWS_S3_ENDPOINT_URL", "ftp://minio.internal"),
        ("MEDIA_CUSTOM_DOMAIN", "https://media.example.org"),
        ("MEDIA_CUSTOM_DOMAIN", "media.example.org/photos"),
        ("AWS_S3_ADDRESSING_STYLE", "sideways"),
        ("MEDIA_SIGNED_URL_SECONDS", "ten minutes"),
        ("MEDIA_SIGNED_URL_SECONDS", "0"),
        ("MEDIA_SIGNED_URL_SECONDS", "9999999"),
        ("MEDIA_RENDITIONS_ACL", "public-read-write"),
    ],
)
def test_a_bad_storage_variable_is_named_in_a_clear_message(name, value):
    with pytest.raises(ImproperlyConfigured, match=name):
        media_storages({**BUCKET, name: value})


def test_without_a_bucket_the_object_store_variables_change_nothing():
    assert media_storages({"AWS_S3_ENDPOINT_URL": "nonsense"}) == media_storages({})


ENVIRONMENTS = {
    "aws": {},
    "aws-region": {"AWS_S3_REGION_NAME": "eu-west-3"},
    "aws-path": {"AWS_S3_ADDRESSING_STYLE": "path", "AWS_DEFAULT_REGION": "eu-west-3"},
    "self-hosted": {"AWS_S3_ENDPOINT_URL": "https://s3.example.net:9000"},
    "self-hosted-virtual": {
        "AWS_S3_ENDPOINT_URL": "https://s3.example.net",
        "AWS_S3_ADDRESSING_STYLE": "virtual",
    },
    "cdn": {"MEDIA_CUSTOM_DOMAIN": "media.example.org"},
}


@pytest.mark.parametrize("env", ENVIRONMENTS.values(), ids=ENVIRONMENTS.keys())
def test_the_pages_image_policy_allows_every_address_the_storages_hand_out(env):
    found = object_store_storages({**BUCKET, **env})
    allowed = media_origins(found)
    for alias, name in [("default", "photos/a.jpg"), ("renditions", "ab/c.webp")]:
        storage = S3Storage(
            **found[alias]["OPTIONS"], access_key="testing", secret_key="testing"
        )
        parts = urlsplit(storage.url(name))
        assert f"{parts.scheme}://{parts.netloc}" in allowed, alias


SETTINGS_CODE = (
    "import json; from django.conf import settings as s; print(json.dumps(["
    "s.SERVE_MEDIA, s.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src'], "
    "s.STORAGES['renditions']['BACKEND']]))"
)


def test_with_a_bucket_the_site_stops_serving_media_and_allows_its_images():
    env = {**PRODUCTION_ENV, **BUCKET, "MEDIA_CUSTOM_DOMAIN": "media.example.org"}
    result = run_python(SETTINGS_CODE, env)
    assert result.returncode == 0, result.stderr
    serve_media, img_src, backend = json.loads(result.stdout)
    assert serve_media is False
    assert "https://newsroom-media.s3.amazonaws.com" in img_src
    assert "https://media.example.org" in img_src
    assert backend == "storages.backends.s3.S3Storage"


@pytest.mark.slow
def test_deploy_check_stays_clean_with_a_bucket():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=only(
            {"DJANGO_SETTINGS_MODULE": "newsroom.settings", **PRODUCTION_ENV, **BUCKET}
        ),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout
