"""/<lang>/documents/upload/<kind>/: a student uploads the files of one document."""

import os
import re
import uuid

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from documents.models import Document, DocumentPage, VersionStatus
from tests.documents import files

URL = "/en/documents/upload/passport-id/"
FORMATS = "Accepted formats: PDF, JPEG, PNG (max 10 MB)."
STORED_NAME = re.compile(r"^[0-9a-f]{32}\.(pdf|jpg|png)$")


def multipart(parts: list[tuple[str, bytes]], content_type="application/pdf") -> tuple[bytes, str]:
    """A body with raw file names, as a hostile client would send them."""
    boundary = uuid.uuid4().hex
    body = b""
    for name, data in parts:
        body += (
            (
                f"--{boundary}\r\n"
                f'Content-Disposition: form-data; name="files"; filename="{name}"\r\n'
                f"Content-Type: {content_type}\r\n\r\n"
            ).encode()
            + data
            + b"\r\n"
        )
    body += f"--{boundary}--\r\n".encode()
    return body, f"multipart/form-data; boundary={boundary}"


def post_raw(client: Client, parts, url=URL, **kwargs):
    body, content_type = multipart(parts, **kwargs)
    return client.generic("POST", url, body, content_type=content_type)


def post_files(client: Client, *uploads, url=URL):
    return client.post(url, {"files": list(uploads)})


def errors_of(response) -> str:
    return response.content.decode()


def test_it_shows_the_form_with_what_the_document_must_show(alice_client):
    response = alice_client.get(URL)

    assert response.status_code == 200
    page = response.content.decode()
    assert "Passport or national ID card" in page
    assert 'enctype="multipart/form-data"' in page
    assert "Accepted formats: PDF, JPEG, PNG (max 10 MB)." in page


def test_it_sends_anon_to_the_login_page(anon):
    response = anon.get(URL)

    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/")


def test_it_answers_404_for_an_unknown_kind(alice_client):
    assert alice_client.get("/en/documents/upload/tax-return/").status_code == 404


def test_it_stores_a_pdf_and_a_photo_as_one_document_waiting_for_review(
    alice, alice_client, private_storage
):
    response = post_files(
        alice_client,
        SimpleUploadedFile("passport.pdf", files.pdf(pages=2), "application/pdf"),
        SimpleUploadedFile("back.jpg", files.jpeg(), "image/jpeg"),
    )

    assert response.status_code == 302
    assert response["Location"] == "/en/documents/"
    document = Document.objects.get(owner=alice)
    assert document.kind == "passport-id"
    version = document.current_version
    assert version.status == VersionStatus.PENDING
    pages = list(version.pages.order_by("position"))
    assert [p.original_name for p in pages] == ["passport.pdf", "back.jpg"]
    assert [p.file_type for p in pages] == ["pdf", "jpg"]
    assert pages[0].page_count == 2
    for page in pages:
        folder, name = page.file.name.split("/")
        assert folder == str(alice.uuid)
        assert STORED_NAME.match(name)
        path = private_storage.root / page.file.name
        assert path.read_bytes() and len(path.read_bytes()) == page.size
        assert os.stat(path).st_mode & 0o777 == 0o600
        assert os.stat(path.parent).st_mode & 0o777 == 0o700
    assert os.listdir(private_storage.temp) == []


def test_it_ignores_the_fields_a_student_must_not_set(alice, alice_client, charlie):
    response = alice_client.post(
        URL,
        {
            "files": SimpleUploadedFile("passport.pdf", files.pdf()),
            "status": "accepted",
            "owner": charlie.pk,
            "decided_by": charlie.pk,
        },
    )

    assert response.status_code == 302
    document = Document.objects.get()
    assert document.owner == alice
    assert document.current_version.status == VersionStatus.PENDING


@pytest.mark.parametrize(
    "name",
    [
        "x.php",
        "x.html",
        "x.svg",
        "x.exe",
        "x.docx",
        "x.zip",
        "passport.pdf.php",
        "passport.php%00.jpg",
        "x.pdf.",
    ],
)
def test_it_refuses_names_outside_the_allow_list_and_stores_nothing(
    alice_client, nothing_stored, name
):
    response = post_raw(alice_client, [(name, files.pdf())])

    assert response.status_code == 200
    assert FORMATS in errors_of(response)
    nothing_stored()


HOSTILE = [
    ("passport.pdf", files.PHP, "The file content is not a valid PDF."),
    ("passport.php\x00.pdf", files.PHP, "The file content is not a valid PDF."),
    ("passport.pdf", files.zip_archive(), "The file content is not a valid PDF."),
    ("passport.pdf", files.docx(), "The file content is not a valid PDF."),
    ("passport.jpg", files.png(), "The file content is not a valid JPEG image."),
    ("passport.png", files.pdf(), "The file content is not a valid PNG image."),
    ("passport.png", files.SVG, "The file content is not a valid PNG image."),
    ("passport.jpg", files.EXE, "The file content is not a valid JPEG image."),
    ("scan.png", files.pixel_flood_png(), "This image is too large"),
    ("form.pdf", files.pdf_with_document_javascript(), "This PDF contains active content"),
    ("form.pdf", files.pdf_with_open_action_javascript(), "This PDF contains active content"),
    ("form.pdf", files.pdf_with_launch_action(), "This PDF contains active content"),
    ("form.pdf", files.pdf_with_embedded_file(), "This PDF contains active content"),
    ("form.pdf", files.pdf_with_xfa(), "This PDF contains active content"),
    ("form.pdf", files.pdf_with_rich_media(), "This PDF contains active content"),
    ("locked.pdf", files.encrypted_pdf(), "This PDF is password-protected."),
    ("empty.pdf", b"", "This file is empty."),
]


@pytest.mark.parametrize(("name", "data", "message"), HOSTILE)
def test_it_refuses_hostile_files_with_a_message_and_stores_nothing(
    alice_client, nothing_stored, name, data, message
):
    # The browser's Content-Type claims a PDF every time: it is never believed.
    response = post_raw(alice_client, [(name, data)], content_type="application/pdf")

    assert response.status_code == 200
    assert message in errors_of(response)
    nothing_stored()


def test_it_refuses_the_whole_upload_when_one_file_is_bad(alice_client, nothing_stored):
    response = post_files(
        alice_client,
        SimpleUploadedFile("front.jpg", files.jpeg()),
        SimpleUploadedFile("back.jpg", files.PHP),
    )

    assert "back.jpg: The file content is not a valid JPEG image." in errors_of(response)
    nothing_stored()


def test_it_accepts_a_file_of_exactly_10_mib(alice, alice_client):
    data = files.pdf_of_size(10 * files.MiB)

    response = post_files(alice_client, SimpleUploadedFile("big.pdf", data))

    assert response.status_code == 302
    assert DocumentPage.objects.get().size == 10 * files.MiB


def test_it_refuses_10_mib_and_one_byte_and_stores_nothing(alice_client, nothing_stored):
    data = files.pdf_of_size(10 * files.MiB + 1)

    response = post_files(alice_client, SimpleUploadedFile("big.pdf", data))

    assert response.status_code == 200
    assert "big.pdf: This file is larger than 10 MB." in errors_of(response)
    nothing_stored()


def test_it_asks_for_a_file_when_none_was_chosen(alice_client, nothing_stored):
    response = alice_client.post(URL, {})

    assert "Choose at least one file." in errors_of(response)
    nothing_stored()


def test_it_refuses_more_files_than_one_upload_may_hold(alice_client, settings, nothing_stored):
    settings.DOCUMENT_MAX_FILES_PER_UPLOAD = 2

    response = post_files(
        alice_client, *(SimpleUploadedFile(f"p{i}.jpg", files.jpeg()) for i in range(3))
    )

    assert "You can upload at most 2 files at once." in errors_of(response)
    nothing_stored()


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("..\\..\\a.pdf", "a.pdf"),
        ("%2e%2e%2fa.pdf", "%2e%2e%2fa.pdf"),
        ("passport\u202egnp.pdf", "passportgnp.pdf"),
        ("🛂 passport.pdf", "🛂 passport.pdf"),
    ],
)
def test_it_stores_under_a_random_name_inside_private_storage_whatever_the_name(
    alice, alice_client, private_storage, raw, shown
):
    response = post_raw(alice_client, [(raw, files.pdf())])

    assert response.status_code == 302
    page = DocumentPage.objects.get()
    assert page.original_name == shown
    folder, name = page.file.name.split("/")
    assert folder == str(alice.uuid)
    assert STORED_NAME.match(name)
    real = os.path.realpath(private_storage.root / page.file.name)
    assert real.startswith(os.path.realpath(private_storage.root) + os.sep)


def test_it_keeps_a_long_name_to_100_characters(alice_client):
    post_raw(alice_client, [("a" * 300 + ".pdf", files.pdf())])

    assert len(DocumentPage.objects.get().original_name) == 100


def test_it_refuses_a_file_when_the_student_would_keep_more_than_20(
    alice, alice_client, upload, settings, nothing_stored_after
):
    settings.DOCUMENT_MAX_FILES = 20
    upload(alice, contents=[(f"page{i}.jpg", files.jpeg()) for i in range(10)])
    upload(
        alice,
        kind="residence-permit",
        contents=[(f"page{i}.jpg", files.jpeg()) for i in range(10)],
    )
    check = nothing_stored_after()

    response = post_files(
        alice_client,
        SimpleUploadedFile("rib.pdf", files.pdf()),
        url="/en/documents/upload/rib/",
    )

    assert "You can keep at most 20 files in the portal." in errors_of(response)
    check()


def test_it_refuses_an_upload_that_passes_the_total_size_quota(
    alice, alice_client, upload, settings, nothing_stored_after
):
    upload(alice, contents=[("passport.pdf", files.pdf())])
    settings.DOCUMENT_MAX_TOTAL_SIZE = DocumentPage.objects.get().size + 100
    check = nothing_stored_after()

    response = post_files(
        alice_client,
        SimpleUploadedFile("rib.pdf", files.pdf()),
        url="/en/documents/upload/rib/",
    )

    assert "Your documents would take more than" in errors_of(response)
    check()
    assert Document.objects.get(kind="passport-id").current_version.pages.get().file


def test_it_counts_a_replacement_without_the_files_it_replaces(alice, alice_client, settings):
    settings.DOCUMENT_MAX_FILES = 2
    upload_two = [SimpleUploadedFile(f"p{i}.jpg", files.jpeg()) for i in range(2)]
    post_files(alice_client, *upload_two)
    document = Document.objects.get()

    response = post_files(
        alice_client,
        *(SimpleUploadedFile(f"new{i}.jpg", files.jpeg()) for i in range(2)),
        url=f"/en/documents/{document.uuid}/replace/",
    )

    assert response.status_code == 302
    assert document.versions.count() == 2


@time_machine.travel("2025-03-10 10:05", tick=False)
def test_it_answers_429_to_the_21st_upload_in_an_hour(alice_client, nothing_stored_after):
    for _ in range(20):
        response = post_raw(alice_client, [("x.php", b"<?php")])
        assert response.status_code == 200
    check = nothing_stored_after()

    response = post_files(alice_client, SimpleUploadedFile("passport.pdf", files.pdf()))

    assert response.status_code == 429
    assert "Please wait a while before uploading again." in errors_of(response)
    check()


def test_it_needs_a_csrf_token(alice, nothing_stored):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)

    response = post_files(client, SimpleUploadedFile("passport.pdf", files.pdf()))

    assert response.status_code == 403
    nothing_stored()


def test_it_sends_to_the_replace_page_when_the_document_has_a_file(alice_client, alice_passport):
    response = alice_client.get(URL)

    assert response.status_code == 302
    assert response["Location"] == f"/en/documents/{alice_passport.uuid}/replace/"


def test_it_speaks_french(alice_client, nothing_stored):
    response = post_raw(alice_client, [("x.exe", b"MZ")], url="/fr/documents/upload/rib/")

    assert "Formats acceptés\u00a0: PDF, JPEG, PNG (10 Mo maximum)." in response.content.decode()
    nothing_stored()
