"""When the database is unreachable, people get a clear 503 page, not a traceback."""

from unittest import mock

import pytest
from django.db import OperationalError


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
