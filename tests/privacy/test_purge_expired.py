"""manage.py purge_expired: retention applied by moving the clock (SECURITY.md rows 44-45)."""

import logging
from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from accounts.models import User
from documents.models import AccessAction, Document, DocumentAccessLog
from notifications.models import Notice, NoticeKind, NoticeStatus
from privacy.retention import months_before
from students.models import Status, StudentProfile
from tests.documents.conftest import stored_files

DAYS = 90  # DOCUMENT_RETENTION_DAYS


@pytest.fixture(autouse=True)
def durations(settings):
    settings.DOCUMENT_RETENTION_DAYS = DAYS
    settings.ACCOUNT_INACTIVE_MONTHS = 12
    settings.NOTICE_RETENTION_MONTHS = 12
    settings.ACCESS_LOG_RETENTION_MONTHS = 12


@pytest.fixture
def purge(django_capture_on_commit_callbacks):
    """Run the command `days` from now, files removed as after a real commit."""

    def run(days: int = 0, *args: str) -> str:
        out = StringIO()
        with (
            time_machine.travel(timezone.now() + timedelta(days=days), tick=False),
            django_capture_on_commit_callbacks(execute=True),
        ):
            call_command("purge_expired", *args, stdout=out)
        return out.getvalue().strip()

    return run


def keep_active(*users, days: int) -> None:
    """They signed in `days` from now, so the inactivity rule leaves them alone."""
    User.objects.filter(pk__in=[user.pk for user in users]).update(
        last_login=timezone.now() + timedelta(days=days)
    )


def test_documents_go_the_set_number_of_days_after_the_definitive_number(
    alice, alice_registration, bring_to, upload, private_storage, purge
):
    bring_to(alice_registration, Status.DEFINITIVE_NUMBER)
    upload(alice)
    keep_active(alice, days=DAYS + 1)

    purge(DAYS)
    assert Document.objects.filter(owner=alice).count() == 1
    purge(DAYS + 1)

    assert Document.objects.filter(owner=alice).count() == 0
    assert stored_files(private_storage.root) == []
    assert User.objects.filter(pk=alice.pk).exists()


def test_documents_go_the_set_number_of_days_after_the_academic_year_ends(
    alice, alice_registration, year, upload, purge
):
    upload(alice)
    days_to_end = (year.ends_on - timezone.localdate()).days
    keep_active(alice, days=days_to_end + DAYS + 1)

    purge(days_to_end + DAYS)
    assert Document.objects.filter(owner=alice).exists()
    purge(days_to_end + DAYS + 1)

    assert not Document.objects.filter(owner=alice).exists()


def test_documents_are_never_deleted_sooner_than_the_period_after_their_last_upload(
    alice, alice_registration, upload, purge
):
    StudentProfile.objects.filter(user=alice).update(
        academic_year_end=timezone.localdate() - timedelta(days=200)
    )
    upload(alice)
    keep_active(alice, days=DAYS + 1)

    purge(0)
    assert Document.objects.filter(owner=alice).exists()
    purge(DAYS + 1)

    assert not Document.objects.filter(owner=alice).exists()


def test_documents_of_a_student_still_in_their_year_stay(
    alice, alice_registration, charlie, charlie_registration, bring_to, upload, purge
):
    bring_to(alice_registration, Status.DEFINITIVE_NUMBER)
    upload(alice)
    upload(charlie)
    keep_active(alice, charlie, days=DAYS + 1)

    purge(DAYS + 1)

    assert list(Document.objects.values_list("owner__email", flat=True)) == ["charlie@example.org"]


def test_accounts_nobody_signed_in_to_for_the_set_months_go_with_their_files(
    alice, alice_registration, upload, charlie, bob, private_storage, purge
):
    upload(alice)
    keep_active(charlie, days=300)
    bob.is_staff = True
    bob.save()

    purge(360)
    assert User.objects.filter(pk=alice.pk).exists()
    purge(370)

    assert set(User.objects.values_list("email", flat=True)) == {
        "bob@example.org",
        "charlie@example.org",
    }
    assert stored_files(private_storage.root) == []


def test_an_account_that_signed_in_recently_stays(alice, purge):
    keep_active(alice, days=200)

    purge(370)

    assert User.objects.filter(pk=alice.pk).exists()


def test_old_notices_are_deleted_and_old_reminders_emptied_so_they_never_come_back(alice, purge):
    notice = dict(recipient=alice, subject="Your RIB", body_text="Dear Alice", body_html="<p>")
    Notice.objects.create(kind=NoticeKind.DOCUMENT_REJECTED, status=NoticeStatus.SENT, **notice)
    Notice.objects.create(
        kind=NoticeKind.REMINDER_CARTE_VITALE, dedup_key="carte-vitale:x", **notice
    )
    keep_active(alice, days=400)

    purge(360)
    assert Notice.objects.count() == 2
    purge(370)

    reminder = Notice.objects.get()
    assert (reminder.dedup_key, reminder.subject, reminder.body_text, reminder.body_html) == (
        "carte-vitale:x",
        "",
        "",
        "",
    )
    assert reminder.status == NoticeStatus.GAVE_UP


def test_old_access_log_entries_are_deleted(alice, alice_passport, bob, purge):
    DocumentAccessLog.objects.create(
        actor=bob, action=AccessAction.DOWNLOAD, document_uuid=alice_passport.uuid
    )
    keep_active(alice, bob, days=400)

    purge(360)
    assert DocumentAccessLog.objects.count() == 1
    purge(370)

    assert DocumentAccessLog.objects.count() == 0


def test_a_dry_run_counts_and_changes_nothing(
    alice, alice_registration, bring_to, upload, charlie, private_storage, purge
):
    bring_to(alice_registration, Status.DEFINITIVE_NUMBER)
    upload(alice)
    upload(charlie)
    keep_active(alice, days=DAYS + 1)

    report = purge(DAYS + 1, "--dry-run")

    assert report == (
        "would delete: 0 accounts, 1 documents, 1 files, 0 notices (0 more emptied), "
        "0 access-log entries, 0 care expenses"
    )
    assert Document.objects.count() == 2
    assert len(stored_files(private_storage.root)) == 2
    # A year on, Charlie's account goes too, with its file; Alice has signed in since.
    report = purge(370, "--dry-run")
    assert report.startswith("would delete: 1 accounts, 1 documents, 2 files,")
    assert User.objects.count() == 2


def test_a_second_run_changes_nothing(
    alice, alice_registration, bring_to, upload, alice_passport, bob, purge
):
    bring_to(alice_registration, Status.DEFINITIVE_NUMBER)
    upload(alice, "rib")
    Notice.objects.create(recipient=alice, kind=NoticeKind.NEW_MESSAGE, subject="s", body_text="t")
    keep_active(alice, days=400)
    bob.is_staff = True
    bob.save()

    first = purge(370)
    second = purge(370)

    assert first == (
        "deleted: 0 accounts, 2 documents, 3 files, 1 notices (0 more emptied), "
        "0 access-log entries, 0 care expenses"
    )
    assert second == (
        "deleted: 0 accounts, 0 documents, 0 files, 0 notices (0 more emptied), "
        "0 access-log entries, 0 care expenses"
    )


def test_it_logs_counts_only(alice, alice_registration, upload, purge, caplog):
    upload(alice)
    caplog.set_level(logging.DEBUG)

    purge(370)

    (record,) = [r for r in caplog.records if r.name == "privacy.retention"]
    assert record.getMessage() == (
        "retention: {'accounts': 1, 'documents': 0, 'files': 1, 'notices_deleted': 0, "
        "'notices_emptied': 0, 'access_log_entries': 0, 'care_expenses': 0}"
    )
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "alice" not in logged
    assert str(alice.uuid) not in logged


def test_a_month_earlier_is_the_same_day_or_the_last_of_a_shorter_month():
    moment = timezone.now().replace(year=2025, month=3, day=31)

    assert months_before(moment, 1).date().isoformat() == "2025-02-28"
    assert months_before(moment, 12).date().isoformat() == "2024-03-31"
    assert months_before(moment, 3).date().isoformat() == "2024-12-31"
