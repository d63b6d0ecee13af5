"""/<lang>/account/my-data/: the page explains (GET), the button sends a ZIP of everything (POST).

SECURITY.md row 42 (GDPR Art. 15 and 20) and row 13 (it needs a recent password).
"""

import io
import json
import zipfile
from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from tests.privacy.conftest import reauthenticate
from tests.students.conftest import DEFINITIVE, PROVISIONAL

URL = "/en/account/my-data/"


def archive_of(response) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def data_in(archive: zipfile.ZipFile) -> dict:
    return json.loads(archive.read("my-data.json"))


def test_it_sends_anon_to_the_login_page(anon):
    for method in (anon.get, anon.post):
        response = method(URL)

        assert response.status_code == 302
        assert response["Location"].startswith("/en/accounts/login/")


def test_it_explains_the_archive_and_offers_a_button(alice, signed_in):
    response = signed_in(alice).get(URL)

    page = response.content.decode()
    assert response.status_code == 200
    assert "my-data.json" in page
    assert 'method="post"' in page
    assert "Download my data (ZIP)" in page
    assert "no-store" in response["Cache-Control"]


def test_it_is_in_french_on_the_french_address(alice, signed_in):
    response = signed_in(alice).get("/fr/account/my-data/")

    assert "Télécharger mes données" in response.content.decode()


def test_it_refuses_other_methods(alice, signed_in):
    assert signed_in(alice).put(URL).status_code == 405


def test_it_asks_for_the_password_again_when_it_was_typed_long_ago(alice, log_in, password):
    client = Client()
    with time_machine.travel(timezone.now(), tick=False) as clock:
        log_in(client, alice.email, password)
        assert reauthenticate(client, password).status_code == 302
        clock.shift(timedelta(minutes=6))

        response = client.post(URL)

    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/reauthenticate/")


def test_after_the_password_the_download_it_asked_for_is_sent(alice, log_in, password):
    client = Client()
    log_in(client, alice.email, password)
    asked = client.post(URL)["Location"]
    assert asked == "/en/accounts/reauthenticate/?next=%2Fen%2Faccount%2Fmy-data%2F"

    response = client.post(asked, {"password": password, "next": URL})

    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert data_in(archive_of(response))["account"]["email"] == "alice@example.org"


def test_it_sends_a_zip_of_alices_data_and_files(alice, alice_file, signed_in):
    response = signed_in(alice).post(URL)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith('attachment; filename="my-data-')
    assert "no-store" in response["Cache-Control"]
    archive = archive_of(response)
    data = data_in(archive)
    assert data["account"]["email"] == "alice@example.org"
    assert data["profile"]["legal_surname"] == "Liddell"
    registration = data["registrations"][0]
    assert registration["provisional_number"] == PROVISIONAL
    assert registration["definitive_number"] == DEFINITIVE
    names = archive.namelist()
    assert sorted(names) == sorted(
        [
            "my-data.json",
            "files/passport-id/version-1/01-passport.pdf",
            "files/passport-id/version-1/02-visa page.jpg",
            "files/rib/version-1/01-my bank.jpg",
        ]
    )
    assert archive.read("files/passport-id/version-1/01-passport.pdf").startswith(b"%PDF-")


def test_it_holds_nothing_of_another_student(alice, alice_file, charlie, charlie_file, signed_in):
    response = signed_in(alice).post(URL)

    archive = archive_of(response)
    everything = b"".join(archive.read(name) for name in archive.namelist())
    assert b"charlie" not in everything.lower()
    assert str(charlie.uuid).encode() not in everything
    assert len([name for name in archive.namelist() if name.startswith("files/")]) == 3


@pytest.mark.parametrize("language", ["en", "fr"])
def test_it_works_without_a_profile_or_documents(alice, signed_in, language):
    response = signed_in(alice).post(f"/{language}/account/my-data/")

    data = data_in(archive_of(response))
    assert data["profile"] is None
    assert data["documents"] == []
    assert data["registrations"] == []
