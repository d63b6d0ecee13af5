from unittest import mock

from django.db import OperationalError
from django.test import Client


def test_it_answers_ok_when_the_database_answers(anon):
    response = anon.get("/healthz")

    assert response.status_code == 200
    assert response.json()["status"] == "ok"


def test_it_answers_503_when_the_database_fails(anon):
    with mock.patch("portal.views.connection") as connection:
        connection.cursor.side_effect = OperationalError("connection refused")
        response = anon.get("/healthz")

    assert response.status_code == 503
    assert response.json()["status"] != "ok"


def test_it_sets_no_session_cookie(anon):
    response = anon.get("/healthz")

    assert "sessionid" not in response.cookies
    assert not response.cookies


def test_it_is_never_cached(anon):
    response = anon.get("/healthz")

    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_it_works_without_login_and_without_a_language_prefix(anon):
    response = anon.get("/healthz")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"


def test_it_answers_plain_http_while_everything_else_is_sent_to_https(settings):
    # Load balancers probe over plain HTTP inside the network.
    settings.SECURE_SSL_REDIRECT = True
    client = Client()

    assert client.get("/healthz").status_code == 200
    page = client.get("/en/")
    assert page.status_code == 301
    assert page["Location"].startswith("https://")


def test_it_rejects_post(anon):
    assert anon.post("/healthz").status_code == 405
