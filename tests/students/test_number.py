"""The public number helper: explains a number, stores nothing, logs nothing."""

import logging

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.students.conftest import DEFINITIVE, PROVISIONAL

URL = "/en/number/"


def test_it_is_public_and_explains_what_to_type(anon):
    response = anon.get(URL)

    assert response.status_code == 200
    assert "What does my number let me do?" in response.content.decode()


def test_a_provisional_number_in_the_address_is_explained(anon):
    response = anon.get(URL, {"number": "8 01 09 99 216 321 18"})

    content = response.content.decode()
    assert "This is a provisional number" in content
    assert "Create an ameli account or get a Carte Vitale" in content
    assert "treatment sheet" in content
    assert "Born abroad" in content


def test_a_definitive_number_is_explained(anon):
    content = anon.get(URL, {"number": DEFINITIVE}).content.decode()

    assert "This is a definitive number" in content
    assert "Create your ameli account" in content
    assert "médecin traitant" in content


@pytest.mark.parametrize(
    ("number", "message"),
    [
        (PROVISIONAL[:-2] + "19", "the key"),
        (PROVISIONAL[:-1], "you typed 14"),
        ("3" + PROVISIONAL[1:], "this one starts with 3"),
        ("8 01 09 99 2I6 321 18", "only digits"),
    ],
)
def test_a_wrong_number_is_explained(anon, number, message):
    response = anon.get(URL, {"number": number})

    content = response.content.decode()
    assert response.status_code == 200
    assert message in content
    assert "This is a" not in content


def test_a_number_can_be_typed_into_the_form(client):
    response = client.post(URL, {"number": PROVISIONAL})

    assert "This is a provisional number" in response.content.decode()


def test_it_stores_nothing(anon, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = anon.get(URL, {"number": PROVISIONAL})

    assert response.status_code == 200
    assert "sessionid" not in response.cookies


def test_it_asks_browsers_and_proxies_not_to_keep_the_page(anon):
    response = anon.get(URL, {"number": PROVISIONAL})

    assert "no-store" in response["Cache-Control"]


def test_the_number_does_not_reach_the_logs(anon, caplog):
    caplog.set_level(logging.DEBUG)

    anon.get(URL, {"number": PROVISIONAL})
    anon.get(URL, {"number": PROVISIONAL[:-2] + "19"})
    anon.post(URL, {"number": PROVISIONAL})

    assert PROVISIONAL not in caplog.text
    assert PROVISIONAL[:-2] not in caplog.text


def test_a_signed_in_student_gets_the_same_page_and_nothing_is_written(client, alice):
    client.force_login(alice)

    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL, {"number": PROVISIONAL})

    assert "This is a provisional number" in response.content.decode()
    writes = [
        q["sql"]
        for q in queries
        if not q["sql"].lstrip().upper().startswith(("SELECT", "SAVEPOINT", "RELEASE"))
    ]
    # At most the session's idle stamp is refreshed (once a minute, accounts.middleware).
    assert all('"django_session"' in sql for sql in writes)
    assert PROVISIONAL not in str(dict(client.session))


def test_it_explains_in_french(anon):
    content = anon.get("/fr/number/", {"number": PROVISIONAL}).content.decode()

    assert "numéro provisoire" in content
