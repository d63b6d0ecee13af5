"""/<lang>/expenses/<uuid>/sent|reimbursed|refused|delete/: each step of a claim."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.test import Client

from expenses import services
from expenses.models import CareExpense, ClaimState


def url(expense, step):
    return f"/en/expenses/{expense.uuid}/{step}/"


def test_marking_sent_records_the_date(alice, alice_client, record, today):
    expense = record(alice, visit_date=today - timedelta(days=3))

    response = alice_client.post(url(expense, "sent"), {"on": today.isoformat()})

    assert response.status_code == 302 and response["Location"] == "/en/expenses/"
    expense.refresh_from_db()
    assert expense.state == ClaimState.SENT and expense.sent_on == today


def test_the_step_page_asks_for_the_date_first(alice, alice_client, record, today):
    expense = record(alice, visit_date=today)

    response = alice_client.get(url(expense, "sent"))

    assert response.status_code == 200
    assert "Date you posted the sheet" in response.content.decode()
    expense.refresh_from_db()
    assert expense.state == ClaimState.TO_SEND


def test_recording_the_reimbursement(alice, alice_client, record, today):
    expense = record(alice, visit_date=today - timedelta(days=3))
    services.claim_mark_sent(expense=expense, on=today - timedelta(days=2))

    alice_client.post(url(expense, "reimbursed"), {"on": today.isoformat(), "amount": "19,00"})

    expense.refresh_from_db()
    assert expense.state == ClaimState.REIMBURSED
    assert expense.reimbursed_amount == Decimal("19.00")


@pytest.mark.parametrize(
    ("amount", "message"),
    [("45", "more than the fee you paid"), ("-3", "between 0,01 and 10 000"), ("x", "in euros")],
)
def test_a_bad_reimbursement_is_explained_and_changes_nothing(
    alice, alice_client, record, today, amount, message
):
    expense = record(alice, visit_date=today - timedelta(days=3), fee=Decimal("30"))
    services.claim_mark_sent(expense=expense, on=today)

    response = alice_client.post(
        url(expense, "reimbursed"), {"on": today.isoformat(), "amount": amount}
    )

    assert message in response.content.decode()
    expense.refresh_from_db()
    assert expense.state == ClaimState.SENT


def test_a_reimbursement_before_sending_is_refused(alice, alice_client, record, today):
    expense = record(alice, visit_date=today - timedelta(days=3))

    response = alice_client.get(url(expense, "reimbursed"), follow=True)

    assert "already marked “To send”" in response.content.decode()


@pytest.mark.parametrize("step", ["sent", "reimbursed", "refused", "delete"])
def test_another_student_gets_404(alice, charlie, record, step):
    expense = record(alice)
    client = Client()
    client.force_login(charlie)

    assert client.get(url(expense, step)).status_code == 404
    assert client.post(url(expense, step), {"on": "2026-01-20", "amount": "1"}).status_code == 404
    assert CareExpense.objects.get(pk=expense.pk).state == ClaimState.TO_SEND


def test_deleting_asks_then_deletes(alice, alice_client, record):
    expense = record(alice)

    assert alice_client.get(url(expense, "delete")).status_code == 200
    assert CareExpense.objects.exists()
    alice_client.post(url(expense, "delete"))

    assert not CareExpense.objects.exists()
