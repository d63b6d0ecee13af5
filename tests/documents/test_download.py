"""/<lang>/documents/<uuid>/files/<page uuid>/: one stored file, to its owner and reviewers."""

import pytest

from documents.models import AccessAction, DocumentAccessLog
from tests.documents import files
from tests.documents.conftest import logged_in


def url_of(document, page):
    return f"/en/documents/{document.uuid}/files/{page.uuid}/"


@pytest.fixture
def pdf_page(alice_passport):
    return alice_passport.current_version.pages.get(position=1)


def body_of(response) -> bytes:
    return b"".join(response.streaming_content)


@pytest.mark.parametrize(
    ("persona", "status"),
    [("alice", 200), ("bob", 200), ("charlie", 404), ("eve", 404)],
)
def test_only_the_owner_and_reviewers_can_download(
    request, alice_passport, pdf_page, persona, status
):
    client = logged_in(request.getfixturevalue(persona))

    response = client.get(url_of(alice_passport, pdf_page))

    assert response.status_code == status
    if status == 200:
        assert body_of(response) == pdf_page.file.open("rb").read()
    else:
        assert b"%PDF" not in response.content


def test_anon_is_sent_to_the_login_page(anon, alice_passport, pdf_page):
    response = anon.get(url_of(alice_passport, pdf_page))

    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/")


def test_the_file_is_an_attachment_the_browser_will_not_sniff_cache_or_run(
    alice_client, alice_passport, pdf_page
):
    response = alice_client.get(url_of(alice_passport, pdf_page))

    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="passport.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"


def test_a_photo_is_served_as_the_jpeg_it_was_checked_to_be(alice_client, alice_passport):
    photo = alice_passport.current_version.pages.get(position=2)

    response = alice_client.get(url_of(alice_passport, photo))

    assert response["Content-Type"] == "image/jpeg"
    assert response["Content-Disposition"] == 'attachment; filename="visa page.jpg"'


def test_an_unusual_name_gives_a_well_formed_header(alice, alice_client, upload):
    document = upload(alice, kind="rib", contents=[("🛂 relevé\u202e.pdf", files.pdf())]).document
    page = document.current_version.pages.get()

    response = alice_client.get(url_of(document, page))

    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment; filename*=utf-8''")
    assert "\r" not in disposition and "\n" not in disposition
    assert "%E2%80%AE" not in disposition


def test_every_staff_download_is_logged_without_content(bob, alice_passport, pdf_page):
    logged_in(bob).get(url_of(alice_passport, pdf_page))

    entry = DocumentAccessLog.objects.get()
    assert entry.actor == bob
    assert entry.action == AccessAction.DOWNLOAD
    assert entry.document_uuid == alice_passport.uuid
    assert entry.page_uuid == pdf_page.uuid


def test_the_owners_own_downloads_are_not_logged(alice_client, alice_passport, pdf_page):
    alice_client.get(url_of(alice_passport, pdf_page))

    assert not DocumentAccessLog.objects.filter(action=AccessAction.DOWNLOAD).exists()


def test_a_refused_attempt_is_logged(charlie, alice_passport, pdf_page):
    logged_in(charlie).get(url_of(alice_passport, pdf_page))

    entry = DocumentAccessLog.objects.get()
    assert (entry.actor, entry.action) == (charlie, AccessAction.DENIED)


def test_a_page_of_another_document_is_a_404(alice, alice_client, alice_passport, upload):
    rib = upload(alice, kind="rib").document
    rib_page = rib.current_version.pages.get()

    assert alice_client.get(url_of(alice_passport, rib_page)).status_code == 404


def test_a_removed_file_is_a_404(alice, alice_client, alice_passport, pdf_page, upload):
    upload(alice)  # replaces the passport: the old pages lose their files

    assert alice_client.get(url_of(alice_passport, pdf_page)).status_code == 404


def test_the_private_storage_has_no_public_address(alice_client, anon, pdf_page):
    assert anon.get(f"/media/{pdf_page.file.name}").status_code == 404
    assert anon.get(f"/{pdf_page.file.name}").status_code == 404
    assert alice_client.get(f"/media/{pdf_page.file.name}").status_code == 404
    assert alice_client.get(f"/static/{pdf_page.file.name}").status_code == 404


def test_the_access_log_cannot_be_changed_or_deleted(bob, alice_passport, pdf_page):
    logged_in(bob).get(url_of(alice_passport, pdf_page))
    entry = DocumentAccessLog.objects.get()

    with pytest.raises(ValueError):
        entry.save()
    with pytest.raises(ValueError):
        entry.delete()
