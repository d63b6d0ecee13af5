"""/<lang>/documents/<uuid>/: one document with its history of versions and decisions."""

import pytest

from documents.models import RejectionReason
from documents.services import document_reject
from tests.documents import files
from tests.documents.conftest import logged_in


def url_of(document):
    return f"/en/documents/{document.uuid}/"


def test_it_shows_the_files_and_the_history(alice, alice_client, alice_passport, bob, upload):
    document_reject(
        version=alice_passport.current_version,
        by=bob,
        reasons=[RejectionReason.objects.get(code="cut-off")],
    )
    upload(alice, contents=[("retake.jpg", files.jpeg())])

    page = alice_client.get(url_of(alice_passport)).content.decode()

    assert "Version 2, uploaded on" in page
    assert "Version 1, uploaded on" in page
    assert "retake.jpg" in page
    assert "passport.pdf" in page and "file deleted" in page
    assert "Part of the document is cut off" in page
    assert "piece-identite.pdf" in page


@pytest.mark.parametrize("persona", ["charlie", "bob", "eve"])
def test_it_is_only_for_the_owner(request, alice_passport, persona):
    response = logged_in(request.getfixturevalue(persona)).get(url_of(alice_passport))

    assert response.status_code == 404
    assert b"passport.pdf" not in response.content


def test_anon_is_sent_to_the_login_page(anon, alice_passport):
    assert anon.get(url_of(alice_passport)).status_code == 302


def test_an_unknown_uuid_is_a_404(alice_client):
    assert (
        alice_client.get("/en/documents/8a3b1bde-50ff-4a43-9a5f-2b7e5f0b1c11/").status_code == 404
    )
