"""Notices: rendered in the recipient's language, sent once the caller commits, never lost."""

import smtplib

import pytest
from django.core import mail
from django.core.management import call_command

from notifications.models import Notice, NoticeKind, NoticeStatus
from notifications.services import notify


def notify_lifecycle(user, **extra):
    return notify(
        recipient=user,
        kind=NoticeKind.LIFECYCLE_EVENT,
        template="lifecycle_event",
        url_name="students:dashboard",
        context={"step": "Provisional number", "note": "Keep the student's certificate"},
        **extra,
    )


class RefusingBackend:
    """A mail server that refuses every message."""

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise smtplib.SMTPRecipientsRefused({"x": (550, b"refused")})


@pytest.fixture
def refusing_mail_server(settings):
    settings.EMAIL_BACKEND = "tests.notifications.test_notices.RefusingBackend"


def test_it_sends_a_text_and_html_email_with_a_link_in_english(
    alice, settings, django_capture_on_commit_callbacks
):
    settings.PUBLIC_BASE_URL = "https://portal.example.org"
    with django_capture_on_commit_callbacks(execute=True):
        notice = notify_lifecycle(alice)

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["alice@example.org"]
    assert message.subject == "Your registration: Provisional number"
    assert "https://portal.example.org/en/dashboard/" in message.body
    assert "Keep the student's certificate" in message.body  # plain text: no HTML escaping
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert 'href="https://portal.example.org/en/dashboard/"' in html
    notice.refresh_from_db()
    assert notice.status == NoticeStatus.SENT
    assert notice.sent_at is not None


def test_it_writes_in_french_to_a_french_speaker(alice, django_capture_on_commit_callbacks):
    alice.preferred_language = "fr"
    alice.save()

    with django_capture_on_commit_callbacks(execute=True):
        notify_lifecycle(alice)

    message = mail.outbox[0]
    assert message.subject.startswith("Votre inscription")
    assert "/fr/dashboard/" in message.body
    assert "Voir votre tableau de bord" in message.body


def test_nothing_is_sent_if_the_caller_rolls_back(alice, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        notify_lifecycle(alice)

    assert len(callbacks) == 1
    assert mail.outbox == []


def test_a_reminder_is_sent_only_once_per_key(alice, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = notify(
            recipient=alice,
            kind=NoticeKind.REMINDER_CARTE_VITALE,
            template="lifecycle_event",
            url_name="students:dashboard",
            context={"step": "x"},
            dedup_key="carte-vitale",
        )
        second = notify(
            recipient=alice,
            kind=NoticeKind.REMINDER_CARTE_VITALE,
            template="lifecycle_event",
            url_name="students:dashboard",
            context={"step": "x"},
            dedup_key="carte-vitale",
        )

    assert first is not None
    assert second is None
    assert len(mail.outbox) == 1


def test_a_student_who_switched_reminders_off_gets_no_reminder_but_still_notices(
    alice, django_capture_on_commit_callbacks
):
    alice.receive_reminders = False
    alice.save()

    with django_capture_on_commit_callbacks(execute=True):
        reminder = notify(
            recipient=alice,
            kind=NoticeKind.REMINDER_EHIC_EXPIRING,
            template="lifecycle_event",
            url_name="students:dashboard",
            context={"step": "x"},
            dedup_key="ehic",
        )
        essential = notify_lifecycle(alice)

    assert reminder is None
    assert essential is not None
    assert len(mail.outbox) == 1


def test_a_refusing_mail_server_is_recorded_and_the_notice_kept_for_a_retry(
    alice, refusing_mail_server, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        notice = notify_lifecycle(alice)

    notice.refresh_from_db()
    assert notice.status == NoticeStatus.FAILED
    assert notice.attempts == 1
    assert "SMTPRecipientsRefused" in notice.last_error


def test_retry_sends_the_failed_notices_once_the_server_is_back(
    alice, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.notifications.test_notices.RefusingBackend"
    with django_capture_on_commit_callbacks(execute=True):
        notice = notify_lifecycle(alice)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

    call_command("retry_notices")

    notice.refresh_from_db()
    assert notice.status == NoticeStatus.SENT
    assert notice.attempts == 2
    assert len(mail.outbox) == 1


def test_it_gives_up_after_the_maximum_number_of_attempts(
    alice, refusing_mail_server, settings, django_capture_on_commit_callbacks
):
    settings.NOTICE_MAX_ATTEMPTS = 2
    with django_capture_on_commit_callbacks(execute=True):
        notice = notify_lifecycle(alice)

    call_command("retry_notices")
    call_command("retry_notices")

    notice.refresh_from_db()
    assert notice.status == NoticeStatus.GAVE_UP
    assert notice.attempts == 2
    assert Notice.objects.count() == 1
