"""/<lang>/documents/<uuid>/delete/: a confirmation page, then the files go (history stays)."""

import pytest

from documents.models import VersionStatus
from documents.services import document_accept
from tests.documents.conftest import logged_in, stored_files


def url_of(document):
    return f"/en/documents/{document.uuid}/delete/"


def test_it_asks_for_confirmation_first(alice_client, alice_passport, private_storage):
    response = alice_client.get(url_of(alice_passport))

    assert response.status_code == 200
    assert "Delete “Passport or national ID card”?" in response.content.decode()
    assert len(stored_files(private_storage.root)) == 2


def test_it_deletes_the_files_after_commit_and_keeps_the_history(
    alice_client, alice_passport, private_storage, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = alice_client.post(url_of(alice_passport))

    assert response.status_code == 302
    assert response["Location"] == "/en/documents/"
    assert stored_files(private_storage.root) == []
    alice_passport.refresh_from_db()
    assert alice_passport.current_version is None
    assert alice_passport.versions.get().status == VersionStatus.WITHDRAWN


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("persona", ["charlie", "bob", "eve"])
def test_it_is_a_404_for_anyone_but_the_owner(
    request, alice_passport, private_storage, persona, method
):
    client = logged_in(request.getfixturevalue(persona))

    response = getattr(client, method)(url_of(alice_passport))

    assert response.status_code == 404
    assert len(stored_files(private_storage.root)) == 2
    alice_passport.refresh_from_db()
    assert alice_passport.current_version is not None


def test_anon_is_sent_to_the_login_page(anon, alice_passport):
    assert anon.post(url_of(alice_passport)).status_code == 302


def test_an_accepted_document_cannot_be_deleted(alice_client, alice_passport, bob, private_storage):
    document_accept(version=alice_passport.current_version, by=bob)

    response = alice_client.post(url_of(alice_passport), follow=True)

    assert "can no longer be changed" in response.content.decode()
    assert len(stored_files(private_storage.root)) == 2


def test_it_needs_a_csrf_token(alice, alice_passport, private_storage):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)

    assert client.post(url_of(alice_passport)).status_code == 403
    assert len(stored_files(private_storage.root)) == 2
