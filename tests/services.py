"""Real services some tests need: Redis, an S3 HTTP endpoint (moto's server), free ports.

Tests that need Redis or PostgreSQL are marked (`redis`, `postgres`). On a machine without
them they are skipped, so a plain `make test` on SQLite passes anywhere; with
REQUIRE_SERVICES=1 (set by .ci/run) a missing service fails the test instead, so CI can
never pass by skipping them. The S3 endpoint needs nothing but moto, a dev dependency: it
is started here, on 127.0.0.1, and always runs.

- TEST_REDIS_URL: the Redis database the tests may empty (default redis://127.0.0.1:6379/15).
- TEST_PORTS: the ports test servers may listen on (default 8150-8159), e.g. "8140-8159".
"""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import closing
from pathlib import Path

import pytest

TEST_REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def unavailable(reason: str):
    """Skip, unless CI asked for every service (then a missing one is a failure)."""
    if os.environ.get("REQUIRE_SERVICES"):
        pytest.fail(f"{reason} (REQUIRE_SERVICES is set)")
    pytest.skip(reason)


def redis_cache_settings(url: str = TEST_REDIS_URL) -> dict:
    return {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": url,
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 1.0},
    }


def require_redis(url: str = TEST_REDIS_URL) -> None:
    import redis

    try:
        redis.Redis.from_url(url, socket_connect_timeout=0.5).ping()
    except redis.exceptions.RedisError:
        unavailable(f"Redis is not reachable at {url}")


def _port_range() -> range:
    first, _, last = os.environ.get("TEST_PORTS", "8150-8159").partition("-")
    return range(int(first), int(last or first) + 1)


def free_port(taken: set[int] | None = None) -> int:
    """A port of TEST_PORTS nothing listens on (and not in `taken`)."""
    for port in _port_range():
        if taken and port in taken:
            continue
        with closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"no free port in TEST_PORTS ({os.environ.get('TEST_PORTS')})")


def wait_for_http(url: str, timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310 - a local URL
                return
        except OSError as error:
            # An HTTP error status still means the server answers.
            if getattr(error, "code", None):
                return
            if time.monotonic() > deadline:
                raise RuntimeError(f"{url} did not answer within {timeout} s") from error
            time.sleep(0.2)


def stop(process: subprocess.Popen) -> None:
    """Stop a server started here (its own process group), waiting a bounded time."""
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, 15)
        process.wait(timeout=10)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        os.killpg(process.pid, 9)
        process.wait(timeout=5)


class S3Server:
    """moto's standalone S3 server on 127.0.0.1: a real HTTP endpoint speaking S3."""

    def __init__(self, port: int, log: Path):
        self.port = port
        self.endpoint_url = f"http://127.0.0.1:{port}"
        binary = Path(sys.executable).with_name("moto_server")
        command = [str(binary) if binary.exists() else shutil.which("moto_server")]
        self._log = log.open("wb")
        self.process = subprocess.Popen(  # noqa: S603 - fixed command
            [*command, "-H", "127.0.0.1", "-p", str(port)],
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        wait_for_http(f"{self.endpoint_url}/moto-api/")

    def client(self):
        import boto3

        return boto3.client(
            "s3",
            endpoint_url=self.endpoint_url,
            region_name="eu-west-3",
            aws_access_key_id="testing",
            aws_secret_access_key="testing",  # noqa: S106 - moto's dummy credentials
        )

    def storage_settings(self, bucket: str) -> dict:
        """STORAGES["default"] as settings.py builds it for STORAGE_BACKEND=s3."""
        return {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": bucket,
                "endpoint_url": self.endpoint_url,
                "region_name": "eu-west-3",
                "access_key": "testing",
                "secret_key": "testing",
                "default_acl": "private",
                "querystring_auth": True,
                "file_overwrite": False,
            },
        }

    def stop(self) -> None:
        stop(self.process)
        self._log.close()
