"""When the database is unreachable, people get a clear 503 page, not a traceback."""

import time
from unittest import mock

import pytest
from django.db import OperationalError, connection


@pytest.fixture
def database_down():
    with mock.patch("portal.views.render", side_effect=OperationalError("could not connect")):
        yield


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ("/en/", "Service temporarily unavailable"),
        ("/fr/", "Service momentanément indisponible"),
    ],
)
def test_it_answers_503_in_the_page_language(client, database_down, path, text):
    client.raise_request_exception = False

    response = client.get(path)

    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    body = response.content.decode()
    assert text in body
    assert "OperationalError" not in body
    assert "could not connect" not in body


def test_other_errors_still_give_the_generic_500_page(client):
    client.raise_request_exception = False
    with mock.patch("portal.views.render", side_effect=ValueError("secret detail")):
        response = client.get("/en/")

    assert response.status_code == 500
    assert "secret detail" not in response.content.decode()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_real_outage_answers_503_fast_and_the_portal_recovers_without_a_restart(client):
    if connection.vendor != "postgresql":
        pytest.skip("needs a PostgreSQL server to take away")
    client.raise_request_exception = False
    settings_dict = connection.settings_dict
    port = settings_dict["PORT"]
    connection.close()
    settings_dict["PORT"] = "9"  # nothing listens there: the database is "down"
    try:
        started = time.monotonic()
        response = client.get("/fr/guide/")
        elapsed = time.monotonic() - started
    finally:
        connection.close()
        settings_dict["PORT"] = port

    assert response.status_code == 503
    assert "Service momentanément indisponible" in response.content.decode()
    assert elapsed < 5

    assert client.get("/fr/guide/").status_code == 200
