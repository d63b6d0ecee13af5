"""Care expenses and the calendar link: in the download, gone with the account, retained no
longer than CARE_EXPENSE_RETENTION_MONTHS."""

from datetime import date, timedelta
from decimal import Decimal

from django.test import Client
from django.utils import timezone

from deadlines import services as deadline_services
from deadlines.models import CalendarFeed
from expenses import services as expense_services
from expenses.models import CareExpense, ClaimEvent
from privacy.exports import personal_data
from privacy.services import account_delete
from tests.expenses.conftest import record  # noqa: F401
from tests.privacy.test_purge_expired import keep_active, purge  # noqa: F401


def test_the_export_holds_the_expenses_and_the_links_existence_not_its_secret(
    alice, alice_registration, charlie, record
):
    expense = record(alice, visit_date=date(2026, 1, 15), fee=Decimal("30"))
    expense_services.claim_mark_sent(expense=expense, on=date(2026, 1, 20))
    record(charlie, fee=Decimal("77.77"))
    feed = deadline_services.feed_regenerate(student=alice)

    data, _files = personal_data(alice)

    (exported,) = data["care_expenses"]
    assert exported["fee"] == Decimal("30.00")
    assert exported["expected_from_assurance_maladie"] == Decimal("19.00")
    assert exported["claim"]["code"] == "sent"
    assert [event["state"]["code"] for event in exported["claim_events"]] == ["sent"]
    assert data["calendar_feed"]["created_at"] == feed.created_at
    assert feed.token not in str(data)
    assert "77.77" not in str(data)


def test_the_residence_permit_expiry_is_in_the_export(alice, make_profile):
    make_profile(alice, residence_permit_expiry=date(2027, 10, 31))

    data, _files = personal_data(alice)

    assert data["profile"]["residence_permit_expiry"] == date(2027, 10, 31)


def test_deleting_the_account_deletes_expenses_and_the_feed(alice, alice_registration, record):
    expense = record(alice)
    expense_services.claim_mark_sent(expense=expense, on=date(2026, 1, 20))
    feed = deadline_services.feed_regenerate(student=alice)

    account_delete(user=alice)

    assert not CareExpense.objects.exists() and not ClaimEvent.objects.exists()
    assert not CalendarFeed.objects.exists()
    assert Client().get(f"/calendar/{feed.token}.ics").status_code == 404


def test_retention_deletes_expenses_older_than_the_set_months(
    alice, alice_registration, record, purge, settings
):
    settings.CARE_EXPENSE_RETENTION_MONTHS = 24
    old = record(alice, visit_date=date(2026, 1, 15))
    recent = record(alice, visit_date=date(2026, 11, 15))
    keep_active(alice, days=800)

    # 24 months after the first visit, plus a day; the second is 10 months younger.
    days = (date(2028, 1, 16) - timezone.localdate()).days
    output = purge(days)

    assert "1 care expenses" in output
    assert not CareExpense.objects.filter(pk=old.pk).exists()
    assert CareExpense.objects.filter(pk=recent.pk).exists()
    assert purge(days).endswith("0 care expenses")


def test_retention_keeps_expenses_within_the_period(alice, alice_registration, record, purge):
    record(alice, visit_date=timezone.localdate() - timedelta(days=30))
    keep_active(alice, days=400)

    purge(365)

    assert CareExpense.objects.count() == 1
