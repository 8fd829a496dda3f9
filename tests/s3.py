"""A local S3 server for tests: moto's server mode, on loopback, from PyPI.

The fixtures in tests/conftest.py use it: ``s3_server`` starts one server
per test process, ``s3_storages`` gives a test a fresh bucket and points
``storages["default"]`` and ``storages["renditions"]`` at it, configured by
the same function production uses (newsroom/storage.py). boto3 talks to it
over HTTP as it would to a real store, signatures included.
"""

import json
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from email.message import Message
from urllib.request import ProxyHandler, Request, build_opener

from newsroom.storage import renditions_bucket_policy

# moto accepts any key; these only let boto3 sign its requests.
TEST_KEYS = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing"}
REGION = "us-east-1"
# Whatever the machine has, the tests' boto3 reads none of it.
HOST_VARIABLES = [
    "AWS_PROFILE",
    "AWS_SESSION_TOKEN",
    "AWS_SECURITY_TOKEN",
    "AWS_S3_SESSION_PROFILE",
    "AWS_DEFAULT_REGION",
    "AWS_ENDPOINT_URL",
    "AWS_ENDPOINT_URL_S3",
]


def use_test_keys(monkeypatch) -> None:
    """Give boto3 the test keys, and none of the machine's AWS settings."""
    for name in HOST_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    for name, value in TEST_KEYS.items():
        monkeypatch.setenv(name, value)


def run_s3_server() -> Iterator[str]:
    """Run moto's S3 on a free loopback port until resumed; yield its address."""
    # Imported here: a test run that needs no bucket does not pay for moto.
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    try:
        host, port = server.get_host_and_port()
        yield f"http://{host}:{port}"
    finally:
        server.stop()


@dataclass(frozen=True)
class Bucket:
    """A test's bucket: its name, the server's address and a client to look in."""

    name: str
    endpoint: str
    client: object

    @property
    def env(self) -> dict[str, str]:
        """The environment that configures the site for this bucket."""
        return {
            "MEDIA_BUCKET": self.name,
            "AWS_S3_ENDPOINT_URL": self.endpoint,
            "AWS_S3_REGION_NAME": REGION,
        }

    def keys(self) -> list[str]:
        listed = self.client.list_objects_v2(Bucket=self.name)
        return sorted(entry["Key"] for entry in listed.get("Contents", []))

    def head(self, key: str) -> dict:
        return self.client.head_object(Bucket=self.name, Key=key)

    def empty(self) -> None:
        for key in self.keys():
            self.client.delete_object(Bucket=self.name, Key=key)


def new_bucket(endpoint: str) -> Bucket:
    """Create a bucket with a name of its own on the server at ``endpoint``."""
    import boto3

    client = boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name=REGION,
        aws_access_key_id=TEST_KEYS["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=TEST_KEYS["AWS_SECRET_ACCESS_KEY"],
    )
    name = f"newsroom-{uuid.uuid4().hex[:12]}"
    client.create_bucket(Bucket=name)
    # As README's "Deploying" asks: renditions public, the rest private.
    client.put_bucket_policy(
        Bucket=name, Policy=json.dumps(renditions_bucket_policy(name))
    )
    return Bucket(name, endpoint, client)


def fetch(url: str, method: str = "GET") -> tuple[int, Message, bytes]:
    """What a browser with no credentials gets from ``url``."""
    # Straight to loopback, whatever proxy the machine's environment names.
    opener = build_opener(ProxyHandler({}))
    with opener.open(Request(url, method=method), timeout=10) as response:
        return response.status, response.headers, response.read()
