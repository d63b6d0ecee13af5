"""A claim sent more than 30 days ago without a reimbursement: the dashboard flag, one reminder."""

from datetime import timedelta
from decimal import Decimal
from io import StringIO

import time_machine
from django.core.management import call_command
from django.utils import timezone

from expenses import services
from notifications.models import Notice, NoticeKind

DASHBOARD = "/en/dashboard/"
FLAG = "claim sent more than 30 days ago has no reimbursement recorded"


def sent_days_ago(record, student, days):
    today = timezone.localdate()
    expense = record(student, visit_date=today - timedelta(days=days + 1))
    return services.claim_mark_sent(expense=expense, on=today - timedelta(days=days))


def test_the_dashboard_flags_a_claim_sent_31_days_ago(alice, alice_client, record):
    sent_days_ago(record, alice, 31)

    html = alice_client.get(DASHBOARD).content.decode()

    assert FLAG in html


def test_a_claim_sent_30_days_ago_is_not_flagged_yet(alice, alice_client, record):
    sent_days_ago(record, alice, 30)

    html = alice_client.get(DASHBOARD).content.decode()

    assert FLAG not in html
    assert "My care expenses" in html


def test_a_reimbursed_claim_is_not_flagged(alice, alice_client, record):
    expense = sent_days_ago(record, alice, 40)
    services.claim_mark_reimbursed(expense=expense, amount=Decimal("10"), on=timezone.localdate())

    assert FLAG not in alice_client.get(DASHBOARD).content.decode()


def test_another_students_old_claim_is_not_flagged_on_alices_dashboard(
    alice_client, charlie, record
):
    sent_days_ago(record, charlie, 40)

    assert FLAG not in alice_client.get(DASHBOARD).content.decode()


def test_the_reminder_is_sent_once(
    alice, alice_registration, record, django_capture_on_commit_callbacks
):
    sent_days_ago(record, alice, 31)

    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_reminders", stdout=StringIO())
    with (
        time_machine.travel(timezone.now() + timedelta(days=7), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        call_command("send_reminders", stdout=StringIO())

    (notice,) = Notice.objects.filter(kind=NoticeKind.REMINDER_CLAIM_FOLLOW_UP)
    assert notice.recipient == alice
    assert "no reimbursement is recorded yet" in notice.body_text
    assert "/en/expenses/" in notice.body_text


def test_the_reminder_is_in_the_students_language(alice, alice_registration, record):
    alice.preferred_language = "fr"
    alice.save()
    sent_days_ago(record, alice, 31)

    call_command("send_reminders", stdout=StringIO())

    notice = Notice.objects.get(kind=NoticeKind.REMINDER_CLAIM_FOLLOW_UP)
    assert "/fr/expenses/" in notice.body_text
    assert "remboursement" in notice.subject
