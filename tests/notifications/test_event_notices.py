"""The student is told by e-mail when staff record a step or the CPAM asks for documents,
and when every required document is accepted."""

from django.core import mail
from django.utils import timezone

from documents.kinds import DocumentKind
from documents.services import document_accept
from notifications.models import Notice, NoticeKind
from students import services
from students.models import Status
from tests.documents.conftest import bob as reviewer  # noqa: F401
from tests.documents.conftest import private_storage, upload  # noqa: F401
from tests.students.conftest import (  # noqa: F401
    alice_registration,
    bring_to,
    make_profile,
    year,
)


def test_a_step_recorded_by_staff_is_e_mailed_to_the_student(
    alice, bob, alice_registration, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_report_submitted(
            registration=alice_registration,
            by=bob,
            on=timezone.localdate(),
            note="Seen at the desk",
        )

    assert [m.to for m in mail.outbox] == [["alice@example.org"]]
    assert mail.outbox[0].subject == "Your registration: Registered on the official site"
    assert "Seen at the desk" in mail.outbox[0].body


def test_a_step_the_student_reports_themselves_sends_nothing(
    alice, alice_registration, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_report_submitted(
            registration=alice_registration, by=alice, on=timezone.localdate()
        )

    assert mail.outbox == []


def test_missing_documents_recorded_by_staff_are_listed_in_the_students_language(
    alice, bob, alice_registration, bring_to
):
    alice.preferred_language = "fr"
    alice.save()
    registration = bring_to(alice_registration, Status.PROVISIONAL_NUMBER)

    services.registration_report_missing_documents(
        registration=registration,
        documents=["bank-details", "birth-certificate"],
        by=bob,
        on=timezone.localdate(),
    )

    notice = Notice.objects.get(kind=NoticeKind.MISSING_DOCUMENTS)
    assert notice.subject == "La CPAM demande d'autres documents"
    assert "/fr/documents/" in notice.body_text
    assert "IBAN" in notice.body_text


def test_the_student_is_told_once_when_every_required_document_is_accepted(
    alice, make_profile, year, reviewer, upload
):
    # An EU student with an EHIC valid all year needs the card and a student card.
    make_profile(alice, nationality="DE", ehic_held=True, ehic_expiry=year.ends_on)
    card = upload(alice, DocumentKind.EHIC).version
    student_card = upload(alice, DocumentKind.STUDENT_CARD).version

    document_accept(version=card, by=reviewer)
    assert not Notice.objects.filter(kind=NoticeKind.DOCUMENTS_ACCEPTED).exists()
    document_accept(version=student_card, by=reviewer)

    notice = Notice.objects.get(kind=NoticeKind.DOCUMENTS_ACCEPTED)
    assert notice.subject == "All your documents are accepted"
    # An EHIC holder never uses the official site: the notice does not send her there.
    assert "official site" not in notice.body_text
    assert "your dashboard says what to do next" in notice.body_text
    # Each single acceptance points to the dashboard's one next step, not to the site.
    accepted = Notice.objects.filter(kind=NoticeKind.DOCUMENT_ACCEPTED).first()
    assert "official site" not in accepted.body_text


def test_a_student_who_registers_online_is_told_to_use_the_ready_pdfs_on_the_official_site(
    alice, make_profile, reviewer, upload
):
    make_profile(alice, nationality="DE", country_of_birth="DE")  # EU, no EHIC: registers
    versions = [
        upload(alice, kind).version
        for kind in (
            DocumentKind.PASSPORT_OR_ID,
            DocumentKind.SCHOOL_CERTIFICATE,
            DocumentKind.RIB,
            DocumentKind.BIRTH_DOCUMENT,
            DocumentKind.S1,
        )
    ]
    for version in versions:
        document_accept(version=version, by=reviewer)

    notice = Notice.objects.get(kind=NoticeKind.DOCUMENTS_ACCEPTED)
    assert "upload each one in its slot on the official site" in notice.body_text
