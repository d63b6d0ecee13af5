"""The daily reminders: each sent once in its window, in the student's language, opt-out kept."""

import threading
from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from documents.kinds import DocumentKind
from documents.models import RejectionReason
from documents.services import document_reject
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


def run_reminders(days_from_now=0):
    with time_machine.travel(timezone.now() + timedelta(days=days_from_now), tick=False):
        call_command("send_reminders", stdout=StringIO())


def reminders(kind):
    return list(Notice.objects.filter(kind=kind))


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    def go(days_from_now=0):
        with django_capture_on_commit_callbacks(execute=True):
            run_reminders(days_from_now)

    return go


def test_missing_documents_are_not_reminded_before_the_threshold(alice, alice_registration, run):
    run(days_from_now=6)

    assert reminders(NoticeKind.REMINDER_DOCUMENTS_MISSING) == []


def test_missing_documents_are_reminded_once_per_week(alice, alice_registration, run):
    run(days_from_now=8)
    run(days_from_now=8)
    run(days_from_now=10)

    assert len(reminders(NoticeKind.REMINDER_DOCUMENTS_MISSING)) == 1
    message = mail.outbox[0]
    assert message.subject == "Documents still missing for your health insurance"
    assert "- Residence permit" in message.body
    assert "/en/documents/" in message.body

    run(days_from_now=15)

    assert len(reminders(NoticeKind.REMINDER_DOCUMENTS_MISSING)) == 2


def test_a_french_speaker_is_reminded_in_french(alice, alice_registration, run):
    alice.preferred_language = "fr"
    alice.save()

    run(days_from_now=8)

    assert mail.outbox[0].subject == "Des documents manquent encore pour votre assurance maladie"
    assert "/fr/documents/" in mail.outbox[0].body


def test_a_student_who_switched_reminders_off_gets_none(alice, alice_registration, run):
    alice.receive_reminders = False
    alice.save()

    run(days_from_now=30)

    assert mail.outbox == []
    assert Notice.objects.count() == 0


def test_a_rejected_document_not_replaced_is_reminded_once(
    alice, alice_registration, reviewer, upload, run
):
    for kind in DocumentKind:  # no "documents missing" reminder in the way
        upload(alice, kind)
    version = alice.documents.get(kind=DocumentKind.RIB).current_version
    document_reject(version=version, by=reviewer, reasons=list(RejectionReason.objects.all()[:1]))

    run(days_from_now=2)
    assert reminders(NoticeKind.REMINDER_REJECTED_NOT_REPLACED) == []
    run(days_from_now=4)
    run(days_from_now=5)

    sent = reminders(NoticeKind.REMINDER_REJECTED_NOT_REPLACED)
    assert len(sent) == 1
    assert "Bank details (RIB)" in sent[0].subject


def test_a_replaced_document_is_not_reminded(alice, alice_registration, reviewer, upload, run):
    version = upload(alice, DocumentKind.RIB).version
    document_reject(version=version, by=reviewer, reasons=list(RejectionReason.objects.all()[:1]))
    upload(alice, DocumentKind.RIB)

    run(days_from_now=4)

    assert reminders(NoticeKind.REMINDER_REJECTED_NOT_REPLACED) == []


def test_an_ehic_expiring_before_the_year_ends_is_reminded_once(alice, make_profile, year, run):
    today = timezone.localdate()
    make_profile(alice, nationality="DE", ehic_held=True, ehic_expiry=today + timedelta(days=60))

    run()
    run(days_from_now=1)

    sent = reminders(NoticeKind.REMINDER_EHIC_EXPIRING)
    assert len(sent) == 1
    assert "before your academic year ends" in sent[0].body_text


def test_an_ehic_valid_all_year_is_not_reminded_until_30_days_before(
    alice, make_profile, year, run
):
    make_profile(
        alice, nationality="DE", ehic_held=True, ehic_expiry=year.ends_on + timedelta(days=40)
    )

    run()
    assert reminders(NoticeKind.REMINDER_EHIC_EXPIRING) == []


def test_a_provisional_number_without_a_definitive_one_after_three_months(
    alice, alice_registration, bring_to, upload, run
):
    for kind in DocumentKind:
        upload(alice, kind)
    bring_to(alice_registration, Status.PROVISIONAL_NUMBER)

    run(days_from_now=60)
    assert reminders(NoticeKind.REMINDER_PROVISIONAL_NUMBER) == []
    run(days_from_now=95)
    run(days_from_now=96)

    sent = reminders(NoticeKind.REMINDER_PROVISIONAL_NUMBER)
    assert len(sent) == 1
    assert "36 46" in sent[0].body_text


def test_the_carte_vitale_reminder_stops_once_it_is_ordered(
    alice, alice_registration, bring_to, upload, run
):
    for kind in DocumentKind:
        upload(alice, kind)
    registration = bring_to(alice_registration, Status.DEFINITIVE_NUMBER)

    run(days_from_now=15)
    assert len(reminders(NoticeKind.REMINDER_CARTE_VITALE)) == 1

    services.registration_report_carte_vitale_ordered(
        registration=registration, by=alice, on=timezone.localdate()
    )
    Notice.objects.all().delete()
    run(days_from_now=16)

    assert reminders(NoticeKind.REMINDER_CARTE_VITALE) == []


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_runs_at_once_send_each_reminder_once(alice, make_profile, year):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite does not run two writers at once")
    make_profile(alice)
    barrier = threading.Barrier(2)
    errors = []

    def one_run():
        try:
            barrier.wait(timeout=10)
            call_command("send_reminders", stdout=StringIO())
        except Exception as error:  # surfaced below
            errors.append(error)
        finally:
            connection.close()

    # One clock for both runs: time-machine moves the whole process's clock.
    with time_machine.travel(timezone.now() + timedelta(days=8), tick=False):
        threads = [threading.Thread(target=one_run) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)

    assert errors == []
    assert Notice.objects.filter(kind=NoticeKind.REMINDER_DOCUMENTS_MISSING).count() == 1
