"""/<lang>/documents/<uuid>/replace/: new files become a new version, checked again."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from documents.models import DocumentVersion, VersionStatus
from documents.services import document_accept
from tests.documents import files
from tests.documents.conftest import logged_in, stored_files


def url_of(document):
    return f"/en/documents/{document.uuid}/replace/"


def test_it_shows_the_form_for_this_document(alice_client, alice_passport):
    page = alice_client.get(url_of(alice_passport)).content.decode()

    assert "Passport or national ID card" in page
    assert "replace the current ones" in page


def test_it_stores_a_new_version_and_removes_the_old_files_after_commit(
    alice_client, alice_passport, private_storage, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = alice_client.post(
            url_of(alice_passport), {"files": SimpleUploadedFile("new.jpg", files.jpeg())}
        )

    assert response.status_code == 302
    alice_passport.refresh_from_db()
    assert alice_passport.current_version.number == 2
    assert alice_passport.current_version.status == VersionStatus.PENDING
    new_page = alice_passport.current_version.pages.get()
    assert stored_files(private_storage.root) == [new_page.file.name]
    assert DocumentVersion.objects.get(number=1).status == VersionStatus.REPLACED


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("persona", ["charlie", "bob", "eve"])
def test_it_is_a_404_for_anyone_but_the_owner(
    request, alice_passport, private_storage, persona, method
):
    client = logged_in(request.getfixturevalue(persona))
    before = stored_files(private_storage.root)

    response = getattr(client, method)(
        url_of(alice_passport), {"files": SimpleUploadedFile("evil.pdf", files.pdf())}
    )

    assert response.status_code == 404
    assert stored_files(private_storage.root) == before
    assert alice_passport.versions.count() == 1


def test_anon_is_sent_to_the_login_page(anon, alice_passport):
    assert anon.post(url_of(alice_passport)).status_code == 302


def test_an_accepted_document_cannot_be_replaced(
    alice_client, alice_passport, bob, nothing_stored_after
):
    document_accept(version=alice_passport.current_version, by=bob)
    check = nothing_stored_after()

    response = alice_client.post(
        url_of(alice_passport), {"files": SimpleUploadedFile("new.pdf", files.pdf())}, follow=True
    )

    assert "can no longer be changed" in response.content.decode()
    check()
