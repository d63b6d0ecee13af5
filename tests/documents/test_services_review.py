"""document_accept and document_reject, and the e-mail each one sends the student."""

import pytest
from django.core import mail

from documents.models import RejectionReason, ReviewOutcome, VersionStatus
from documents.services import (
    AlreadyReviewed,
    DocumentError,
    ReviewNotAllowed,
    document_accept,
    document_reject,
)


@pytest.fixture
def reasons(db):
    return list(RejectionReason.objects.filter(code__in=["unreadable", "page-missing"]))


def test_the_catalogue_holds_the_reasons_staff_need(db):
    codes = set(RejectionReason.objects.values_list("code", flat=True))
    assert {
        "unreadable",
        "expired",
        "wrong-document",
        "translation-missing",
        "name-mismatch",
        "not-current-year",
        "admission-letter",
        "page-missing",
    } <= codes
    for reason in RejectionReason.objects.all():
        assert reason.label_en and reason.label_fr
        assert reason.how_to_fix_en and reason.how_to_fix_fr


def test_accept_records_the_decision_and_mails_the_student(
    alice_passport, bob, django_capture_on_commit_callbacks
):
    version = alice_passport.current_version

    with django_capture_on_commit_callbacks(execute=True):
        decision = document_accept(version=version, by=bob)

    version.refresh_from_db()
    assert version.status == VersionStatus.ACCEPTED
    assert decision.outcome == ReviewOutcome.ACCEPTED
    assert decision.decided_by == bob
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["alice@example.org"]
    assert message.subject == "Your document was accepted: Passport or national ID card"
    assert "https://portal.example.org/en/documents/" in message.body
    html = message.alternatives[0][0]
    assert "https://portal.example.org/en/documents/" in html


def test_reject_records_reasons_and_comment_and_tells_the_student_how_to_fix_it(
    alice_passport, bob, reasons, django_capture_on_commit_callbacks
):
    version = alice_passport.current_version

    with django_capture_on_commit_callbacks(execute=True):
        decision = document_reject(
            version=version, by=bob, reasons=reasons, comment="The photo is blurred & dark."
        )

    version.refresh_from_db()
    assert version.status == VersionStatus.REJECTED
    assert set(decision.reasons.values_list("code", flat=True)) == {"unreadable", "page-missing"}
    assert decision.comment == "The photo is blurred & dark."
    message = mail.outbox[0]
    assert message.subject == "There is a problem with your document: Passport or national ID card"
    assert "The document is unreadable" in message.body
    assert "Scan or photograph it again" in message.body
    assert "A page or a side is missing" in message.body
    assert "The photo is blurred & dark." in message.body
    assert "blurred &amp; dark" in message.alternatives[0][0]


def test_the_mail_is_in_the_students_language(
    alice, alice_passport, bob, reasons, django_capture_on_commit_callbacks
):
    alice.preferred_language = "fr"
    alice.save()

    with django_capture_on_commit_callbacks(execute=True):
        document_reject(version=alice_passport.current_version, by=bob, reasons=reasons)

    message = mail.outbox[0]
    assert message.subject == (
        "Il y a un problème avec votre document : Passeport ou carte nationale d'identité"
    )
    assert "Le document est illisible" in message.body
    assert "Scannez-le ou photographiez-le à nouveau" in message.body
    assert "https://portal.example.org/fr/documents/" in message.body


def test_no_mail_leaves_before_the_decision_is_committed(
    alice_passport, bob, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        document_accept(version=alice_passport.current_version, by=bob)

    assert mail.outbox == []
    for callback in callbacks:  # the commit
        callback()
    assert len(mail.outbox) == 1


def test_reject_needs_at_least_one_reason(alice_passport, bob):
    with pytest.raises(DocumentError):
        document_reject(version=alice_passport.current_version, by=bob, reasons=[])

    assert alice_passport.current_version.status == VersionStatus.PENDING


def test_a_version_is_decided_only_once(alice_passport, bob, reasons):
    version = alice_passport.current_version
    document_accept(version=version, by=bob)

    with pytest.raises(AlreadyReviewed) as caught:
        document_reject(version=version, by=bob, reasons=reasons)

    assert caught.value.message == (
        "This document was already reviewed (accepted by bob@example.org): nothing was changed."
    )
    version.refresh_from_db()
    assert version.status == VersionStatus.ACCEPTED


def test_a_replaced_version_can_no_longer_be_decided(alice, alice_passport, bob, upload):
    old = alice_passport.current_version
    upload(alice)

    with pytest.raises(AlreadyReviewed):
        document_accept(version=old, by=bob)


def test_staff_without_the_permission_cannot_decide(alice_passport, eve, alice):
    for person in (eve, alice):
        with pytest.raises(ReviewNotAllowed):
            document_accept(version=alice_passport.current_version, by=person)

    assert alice_passport.current_version.status == VersionStatus.PENDING
