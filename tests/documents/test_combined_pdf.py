"""/<lang>/documents/<uuid>/pdf/: one ready-to-upload PDF per official slot."""

import io

import pytest
from pypdf import PdfReader

from documents.models import AccessAction, DocumentAccessLog
from tests.documents import files
from tests.documents.conftest import logged_in


def url_of(document):
    return f"/en/documents/{document.uuid}/pdf/"


def pdf_of(response) -> PdfReader:
    return PdfReader(io.BytesIO(b"".join(response.streaming_content)))


def test_it_combines_every_page_and_photo_in_order(alice_client, alice_passport):
    # A two-page PDF and one photo.
    response = alice_client.get(url_of(alice_passport))

    assert response.status_code == 200
    reader = pdf_of(response)
    assert len(reader.pages) == 3
    assert not reader.is_encrypted


def test_photos_are_placed_on_a4_in_their_orientation(alice, alice_client, upload):
    document = upload(
        alice,
        kind="ehic",
        contents=[
            ("front.jpg", files.jpeg(size=(1600, 1000))),
            ("back.png", files.png(size=(600, 900))),
        ],
    ).document

    reader = pdf_of(alice_client.get(url_of(document)))

    landscape, portrait = (page.mediabox for page in reader.pages)
    assert (round(landscape.width), round(landscape.height)) == (842, 595)
    assert (round(portrait.width), round(portrait.height)) == (595, 842)


def test_it_is_named_for_the_official_slot_and_served_safely(alice_client, alice_passport):
    response = alice_client.get(url_of(alice_passport))

    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="piece-identite.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"


def test_it_stays_small_for_a_phone_photo(alice, alice_client, upload):
    document = upload(
        alice, kind="rib", contents=[("rib.jpg", files.jpeg(size=(4000, 3000)))]
    ).document

    response = alice_client.get(url_of(document))

    assert len(b"".join(response.streaming_content)) < 1024 * 1024


@pytest.mark.parametrize(
    ("persona", "status"),
    [("alice", 200), ("bob", 200), ("charlie", 404), ("eve", 404)],
)
def test_only_the_owner_and_reviewers_get_it(request, alice_passport, persona, status):
    response = logged_in(request.getfixturevalue(persona)).get(url_of(alice_passport))

    assert response.status_code == status


def test_anon_is_sent_to_the_login_page(anon, alice_passport):
    assert anon.get(url_of(alice_passport)).status_code == 302


def test_a_staff_download_is_logged(bob, alice_passport):
    logged_in(bob).get(url_of(alice_passport))

    entry = DocumentAccessLog.objects.get()
    assert (entry.actor, entry.action) == (bob, AccessAction.DOWNLOAD_COMBINED)


def test_a_document_without_files_has_no_pdf(
    alice_client, alice_passport, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        alice_client.post(f"/en/documents/{alice_passport.uuid}/delete/")

    assert alice_client.get(url_of(alice_passport)).status_code == 404
