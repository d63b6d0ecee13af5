"""The production shape's cache on a real Redis (CACHE_URL=redis://…): sessions read from
Redis and written through to the database, and what people see while Redis is down.

Marked `redis`: skipped where no Redis answers at TEST_REDIS_URL, unless REQUIRE_SERVICES
is set (as in .ci/run), see tests/services.py.
"""

import json
import subprocess
import sys
import time

import pytest
from django.conf import settings as django_settings
from django.contrib.sessions.models import Session
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.guidance.conftest import make_page  # noqa: F401
from tests.services import free_port

pytestmark = pytest.mark.redis

SHOW_SETTINGS = (
    "import django, json; django.setup(); from django.conf import settings as s; "
    "print(json.dumps([s.CACHES['default']['BACKEND'], s.SESSION_ENGINE]))"
)


def configured(**env) -> list[str]:
    import os

    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings", **env}
    result = subprocess.run(
        [sys.executable, "-c", SHOW_SETTINGS],
        cwd=django_settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(result.stdout)


def test_a_redis_cache_url_gives_djangos_redis_cache_and_sessions_on_it():
    assert configured(CACHE_URL="redis://127.0.0.1:6379/1") == [
        "django.core.cache.backends.redis.RedisCache",
        "accounts.sessions",
    ]


def test_the_embedded_default_needs_no_redis():
    assert configured(CACHE_URL="dbcache://django_cache") == [
        "django.core.cache.backends.db.DatabaseCache",
        "django.contrib.sessions.backends.db",
    ]


@pytest.fixture
def on_redis(settings, redis_cache):
    settings.SESSION_ENGINE = "accounts.sessions"
    return redis_cache


@pytest.fixture
def redis_down(settings, on_redis):
    """Redis stops answering: the cache points at a port nothing listens on."""

    def stop():
        nowhere = f"redis://127.0.0.1:{free_port()}/0"
        settings.CACHES = {
            alias: {**config, "LOCATION": nowhere} for alias, config in settings.CACHES.items()
        }

    return stop


def session_queries(client, path):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    return response, [q["sql"] for q in queries if "django_session" in q["sql"]]


def test_a_signed_in_page_reads_its_session_from_redis_not_the_database(
    on_redis, anon, alice, log_in
):
    assert log_in(anon, "alice@example.org").status_code == 302
    anon.get("/en/dashboard/")

    response, queries = session_queries(anon, "/en/dashboard/")

    assert response.status_code == 200
    assert queries == []
    key = anon.cookies[django_settings.SESSION_COOKIE_NAME].value
    assert Session.objects.filter(session_key=key).exists()  # written through


def test_a_session_evicted_from_redis_is_read_again_from_the_database(
    on_redis, anon, alice, log_in
):
    log_in(anon, "alice@example.org")
    anon.get("/en/dashboard/")  # the activity stamp of the first page is written
    on_redis.clear()

    response, queries = session_queries(anon, "/en/dashboard/")

    assert response.status_code == 200
    assert len(queries) == 1


def test_logging_out_ends_the_session_in_redis_and_the_database(on_redis, anon, alice, log_in):
    log_in(anon, "alice@example.org")
    key = anon.cookies[django_settings.SESSION_COOKIE_NAME].value
    stolen = Client()
    stolen.cookies[django_settings.SESSION_COOKIE_NAME] = key

    anon.post("/en/accounts/logout/")

    assert not Session.objects.filter(session_key=key).exists()
    assert stolen.get("/en/dashboard/").status_code == 302


def test_while_redis_is_down_public_pages_still_answer(make_page, redis_down, client):
    make_page()
    client.get("/en/guide/test-page/")  # cached while Redis was up
    redis_down()

    started = time.monotonic()
    for path in ("/en/", "/en/guide/test-page/", "/fr/guide/test-page/", "/healthz"):
        assert client.get(path).status_code == 200, path
    assert time.monotonic() - started < 10


def test_while_redis_is_down_a_signed_in_student_keeps_working_from_the_database(
    on_redis, redis_down, anon, alice, log_in
):
    log_in(anon, "alice@example.org")
    redis_down()

    for path in ("/en/dashboard/", "/en/documents/", "/en/dashboard/timeline/", "/en/messages/"):
        response = anon.get(path)
        assert response.status_code in (200, 302), path
        assert response.status_code == 200 or "/login/" not in response["Location"], path


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "Signing in and this action are unavailable for a moment"),
        ("fr", "La connexion et cette action sont indisponibles"),
    ],
)
def test_while_redis_is_down_sign_in_says_clearly_it_is_unavailable(
    redis_down, anon, alice, log_in, language, text
):
    redis_down()
    anon.raise_request_exception = False

    response = log_in(anon, "alice@example.org", language=language)

    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    assert text in response.content.decode()
    assert "ConnectionError" not in response.content.decode()
    assert "_auth_user_id" not in anon.session


def test_sign_in_works_again_as_soon_as_redis_is_back(
    settings, redis_down, anon, alice, log_in, redis_cache
):
    working = dict(settings.CACHES)
    redis_down()
    anon.raise_request_exception = False
    assert log_in(anon, "alice@example.org").status_code == 503

    settings.CACHES = working

    assert log_in(anon, "alice@example.org").status_code == 302
    assert anon.get("/en/dashboard/").status_code == 200


def test_a_guidance_edit_is_refused_while_redis_cannot_be_told(make_page, redis_down, client):
    # Otherwise the pages Redis still holds would be served as current once it is back.
    from guidance.models import PageTranslation
    from portal.cache import CACHE_UNAVAILABLE

    page = make_page()
    client.get("/en/guide/test-page/")
    redis_down()
    text = PageTranslation.objects.get(page=page, language="en")
    text.title = "Edited while Redis was down"

    with pytest.raises(CACHE_UNAVAILABLE), transaction.atomic():
        text.save()

    text.refresh_from_db()
    assert text.title == "Test page title en"


def test_while_redis_is_down_an_upload_is_refused_clearly_and_stores_nothing(
    on_redis, redis_down, anon, alice, log_in
):
    # The hourly upload limit cannot be counted: refused rather than let through unchecked.
    from django.core.files.uploadedfile import SimpleUploadedFile

    from documents.models import Document
    from tests.documents import files

    log_in(anon, "alice@example.org")
    redis_down()
    anon.raise_request_exception = False

    response = anon.post(
        "/en/documents/upload/passport-id/",
        {"files": [SimpleUploadedFile("scan.jpg", files.jpeg())]},
    )

    assert response.status_code == 503
    assert "unavailable for a moment" in response.content.decode()
    assert Document.objects.count() == 0


def test_while_redis_is_down_signing_out_is_refused_and_the_session_stays_whole(
    on_redis, redis_down, anon, alice, log_in
):
    # Ending the session in the database only would let Redis serve its copy again later.
    log_in(anon, "alice@example.org")
    key = anon.cookies[django_settings.SESSION_COOKIE_NAME].value
    redis_down()
    anon.raise_request_exception = False

    response = anon.post("/en/accounts/logout/")

    assert response.status_code == 503
    assert Session.objects.filter(session_key=key).exists()
