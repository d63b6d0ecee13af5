"""Personas and the test environment shared by every test.

alice: a verified student (English), charlie: another verified student, bob: office staff,
eve: staff without the relevant permission, anon: a visitor who has not signed in.

Staff reach the admin and the document views only with a second factor (office/mfa.py):
`log_in_with_mfa(client, user)` signs a staff member in as allauth does after the password
and a TOTP code (see tests/staff/conftest.py).
"""

import re
from pathlib import Path
from urllib.parse import urlsplit

import polib
import pytest
from allauth.account.internal.flows.login import record_authentication
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.conf import settings as django_settings
from django.core.cache import cache, caches
from django.test import Client, RequestFactory, override_settings
from django.utils import translation

from accounts.models import User

PASSWORD = "correct-horse-battery-staple"
# The TOTP key of every staff member in the tests (base32).
TOTP_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"


def cache_queries(count: int) -> int:
    """What `count` reads of the default cache cost in SQL queries: one each for the
    database cache, none for Redis (CACHE_URL=redis://…, as in CI's PostgreSQL run)."""
    from django.core.cache import caches
    from django.core.cache.backends.db import DatabaseCache

    return count if isinstance(caches["default"], DatabaseCache) else 0


def make_verified_user(*, email: str, language: str = "en", **extra) -> User:
    user = User.objects.create_user(
        email=email, password=PASSWORD, preferred_language=language, **extra
    )
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def give_totp(user: User) -> Authenticator:
    """An activated authenticator app (TOTP) for the user, as after MFA enrolment."""
    existing = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
    return existing or TOTP.activate(user, TOTP_SECRET).instance


def log_in_with_mfa(client: Client, user: User) -> Client:
    """Sign `user` in as allauth does after the password and a TOTP code.

    The user gets an authenticator app; the session is logged in and holds allauth's
    authentication records for both steps ("password", then "mfa"), written by allauth's
    own `record_authentication`, which is what the admin's MFA check reads.
    """
    authenticator = give_totp(user)
    client.force_login(user)
    request = RequestFactory().get("/")
    request.session = client.session
    request.user = user
    record_authentication(request, user, "password", email=user.email)
    record_authentication(request, user, "mfa", id=authenticator.pk, type="totp")
    request.session.save()
    return client


@pytest.fixture(scope="session", autouse=True)
def compiled_translations(tmp_path_factory):
    """Serve the .po catalogues as they are in the tree, compiled into a temporary folder.

    The .mo files are build artefacts (git-ignored); compiling here keeps the French pages
    under test in step with the source catalogue without writing into locale/.
    """
    target = tmp_path_factory.mktemp("locale")
    for source in django_settings.LOCALE_PATHS:
        source = Path(source)
        for po_path in sorted(source.glob("*/LC_MESSAGES/*.po")):
            mo_path = target / po_path.relative_to(source).with_suffix(".mo")
            mo_path.parent.mkdir(parents=True, exist_ok=True)
            polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
    # override_settings sends setting_changed, which empties Django's translation cache.
    with override_settings(LOCALE_PATHS=[target]):
        yield target


@pytest.fixture(autouse=True)
def private_files_in_a_temporary_folder(settings, tmp_path):
    """No test writes into the project's private-media folder (demo data uploads files)."""
    root = tmp_path / "private-media"
    root.mkdir(mode=0o700)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(root), "base_url": None},
        },
    }


@pytest.fixture(autouse=True)
def english_between_tests():
    """A French page leaves French active in the test thread; start each test in English."""
    yield
    translation.activate("en")


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def empty_cache(db):
    """Rate-limit counters live in the `ratelimit` cache: no test inherits another's attempts."""
    cache.clear()
    caches["ratelimit"].clear()
    yield
    cache.clear()
    caches["ratelimit"].clear()


@pytest.fixture
def alice(db) -> User:
    return make_verified_user(email="alice@example.org", language="en")


@pytest.fixture
def charlie(db) -> User:
    return make_verified_user(email="charlie@example.org", language="en")


@pytest.fixture
def bob(db) -> User:
    return make_verified_user(email="bob@example.org", language="en", is_staff=True)


@pytest.fixture
def eve(db) -> User:
    """Staff without the permission a page needs."""
    return make_verified_user(email="eve@example.org", language="en", is_staff=True)


@pytest.fixture
def anon() -> Client:
    return Client()


@pytest.fixture
def password() -> str:
    """The password every persona logs in with."""
    return PASSWORD


@pytest.fixture
def log_in():
    """Submit the login form as a person would; returns the response (not followed)."""

    def submit(client: Client, email: str, password: str = PASSWORD, *, language="en"):
        return client.post(f"/{language}/accounts/login/", {"login": email, "password": password})

    return submit


@pytest.fixture
def link_in_mail():
    """The path of the first link in a mail body that matches a path pattern."""

    def find(message, path_pattern: str) -> str:
        for url in re.findall(r"https?://\S+", message.body):
            path = urlsplit(url).path
            if re.search(path_pattern, path):
                return path
        raise AssertionError(f"no link matching {path_pattern!r} in:\n{message.body}")

    return find


@pytest.fixture(scope="session")
def s3_server(tmp_path_factory):
    """moto's S3 server on 127.0.0.1, one for the whole run (tests/services.py)."""
    from tests.services import S3Server, free_port

    server = S3Server(free_port(), tmp_path_factory.mktemp("s3") / "moto.log")
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def s3_storage(settings, private_files_in_a_temporary_folder, s3_server):
    """Private documents in a fresh bucket of the S3 endpoint, as STORAGE_BACKEND=s3 does."""
    import uuid

    bucket = f"private-{uuid.uuid4().hex[:12]}"
    client = s3_server.client()
    client.create_bucket(
        Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": "eu-west-3"}
    )
    settings.STORAGES = {**settings.STORAGES, "default": s3_server.storage_settings(bucket)}
    from types import SimpleNamespace

    def keys() -> list[str]:
        listing = client.list_objects_v2(Bucket=bucket)
        return sorted(item["Key"] for item in listing.get("Contents", []))

    return SimpleNamespace(bucket=bucket, client=client, keys=keys, server=s3_server)


@pytest.fixture
def redis_cache(settings):
    """The default cache (and so sessions' cached copies, rate limits, the page cache) on a
    real Redis, emptied before and after; skipped only where Redis is missing and
    REQUIRE_SERVICES is not set (tests/services.py)."""
    from django.core.cache import caches

    from tests.services import redis_cache_settings, require_redis

    require_redis()
    # The production shape: the rate-limit store on Redis too (its own server there; here
    # the same one under a key prefix of its own).
    settings.CACHES = {
        **settings.CACHES,
        "default": redis_cache_settings(),
        "ratelimit": {**redis_cache_settings(), "KEY_PREFIX": "ratelimit"},
    }
    redis = caches["default"]
    redis.clear()
    yield redis
    redis.clear()  # this one, even if a test pointed the cache elsewhere meanwhile
