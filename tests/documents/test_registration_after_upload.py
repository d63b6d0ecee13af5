"""Uploading every document the CPAM asked for moves the tracker's "missing documents" on."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from documents.kinds import DocumentKind
from documents.registration import registration_after_upload
from students import services
from students.models import EventKind, Registration, Status
from tests.documents import files
from tests.students.conftest import (  # noqa: F401 - fixtures shared with the tracker tests
    alice_registration,
    bring_to,
    make_profile,
    year,
)


def ask_for(registration, documents, note=""):
    return services.registration_report_missing_documents(
        registration=registration,
        documents=documents,
        by=registration.student,
        on=timezone.localdate(),
        note=note,
    )


def test_nothing_moves_while_a_requested_document_is_missing(
    alice, alice_registration, bring_to, upload
):
    registration = ask_for(
        bring_to(alice_registration, Status.PROVISIONAL_NUMBER), ["bank-details", "s1"]
    )
    upload(alice, DocumentKind.RIB)

    assert registration_after_upload(student=alice) is None
    registration.refresh_from_db()
    assert registration.status == Status.MISSING_DOCUMENTS


def test_the_step_moves_on_once_every_requested_document_is_uploaded(
    alice, alice_registration, bring_to, upload
):
    ask_for(
        bring_to(alice_registration, Status.PROVISIONAL_NUMBER),
        ["bank-details", "s1", "other"],
        note="A certificate of scholarship",
    )
    first = upload(alice, DocumentKind.RIB)
    last = upload(alice, DocumentKind.S1)

    # The upload service moves the step itself, in the upload's own transaction.
    assert (first.registration_moved, last.registration_moved) == (False, True)
    moved = Registration.objects.get(pk=alice_registration.pk)
    assert moved.status == Status.DOCUMENTS_SENT
    event = moved.events.order_by("-created_at").first()
    assert event.kind == EventKind.DOCUMENTS_SENT
    assert event.actor == alice


def test_documents_uploaded_before_the_request_do_not_count(
    alice, alice_registration, bring_to, upload
):
    upload(alice, DocumentKind.RIB)
    registration = ask_for(
        bring_to(alice_registration, Status.PROVISIONAL_NUMBER), ["bank-details"]
    )

    assert registration_after_upload(student=alice) is None
    registration.refresh_from_db()
    assert registration.status == Status.MISSING_DOCUMENTS


def test_the_upload_page_moves_the_step_on_and_says_so(
    alice, alice_client, alice_registration, bring_to
):
    ask_for(bring_to(alice_registration, Status.PROVISIONAL_NUMBER), ["bank-details"])

    response = alice_client.post(
        "/en/documents/upload/rib/",
        {"files": [SimpleUploadedFile("rib.jpg", files.jpeg(), "image/jpeg")]},
        follow=True,
    )

    assert response.status_code == 200
    assert "your tracker moved on" in response.content.decode()
    alice_registration.refresh_from_db()
    assert alice_registration.status == Status.DOCUMENTS_SENT


def test_a_step_moved_meanwhile_is_not_moved_again_and_the_upload_stands(
    alice, alice_registration, bring_to, upload
):
    registration = ask_for(
        bring_to(alice_registration, Status.PROVISIONAL_NUMBER), ["bank-details"]
    )
    # The student reported "I sent them" from another tab first.
    services.registration_report_documents_sent(
        registration=registration, by=alice, on=timezone.localdate()
    )

    result = upload(alice, DocumentKind.RIB)

    assert result.registration_moved is False
    assert result.version.pk is not None
    registration.refresh_from_db()
    assert registration.status == Status.DOCUMENTS_SENT
    assert registration.events.filter(kind=EventKind.DOCUMENTS_SENT).count() == 1
