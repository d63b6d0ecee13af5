"""The claim's rules: its states in order, dates that make sense, amounts within the fee."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from expenses import services
from expenses.models import CareExpense, ClaimEvent, ClaimState
from guidance.tariffs import Complementary, Kind, Sector


def test_recording_stores_what_the_estimator_expects(alice, alice_registration, record):
    expense = record(alice, fee=Decimal("30"), complementary=Complementary.PRIVATE)

    # 30 € sector-1 GP in 2026, declared GP: 30 × 70 % − 2 € = 19 €; a responsible
    # complementary pays the 30 % ticket modérateur, 9 €.
    assert expense.expected_insurance == Decimal("19.00")
    assert expense.expected_complementary == Decimal("9.00")
    assert expense.state == ClaimState.TO_SEND


def test_without_a_fee_the_convention_fee_is_recorded(alice, alice_registration, record):
    expense = record(alice, fee=None)

    assert expense.fee == Decimal("30.00")


def test_a_claim_goes_to_send_then_sent_then_reimbursed(alice, alice_registration, record, today):
    expense = record(alice, visit_date=today - timedelta(days=20))

    services.claim_mark_sent(expense=expense, on=today - timedelta(days=19))
    services.claim_mark_reimbursed(
        expense=expense, amount=Decimal("19.00"), on=today - timedelta(days=2)
    )

    expense.refresh_from_db()
    assert expense.state == ClaimState.REIMBURSED
    assert expense.reimbursed_amount == Decimal("19.00")
    assert list(ClaimEvent.objects.filter(expense=expense).values_list("state", flat=True)) == [
        ClaimState.SENT,
        ClaimState.REIMBURSED,
    ]


def test_a_sent_claim_can_be_refused(alice, alice_registration, record, today):
    expense = record(alice, visit_date=today - timedelta(days=20))
    services.claim_mark_sent(expense=expense, on=today - timedelta(days=19))

    services.claim_mark_refused(expense=expense, on=today)

    expense.refresh_from_db()
    assert expense.state == ClaimState.REFUSED and expense.refused_on == today


@pytest.mark.parametrize("step", ["reimbursed", "refused"])
def test_a_claim_not_sent_cannot_be_settled(alice, alice_registration, record, today, step):
    expense = record(alice, visit_date=today - timedelta(days=5))

    with pytest.raises(services.ExpenseError):
        if step == "reimbursed":
            services.claim_mark_reimbursed(expense=expense, amount=Decimal("5"), on=today)
        else:
            services.claim_mark_refused(expense=expense, on=today)

    expense.refresh_from_db()
    assert expense.state == ClaimState.TO_SEND
    assert not ClaimEvent.objects.exists()


def test_a_claim_is_sent_only_once(alice, alice_registration, record, today):
    expense = record(alice, visit_date=today - timedelta(days=5))
    services.claim_mark_sent(expense=expense, on=today)

    with pytest.raises(services.ExpenseError):
        services.claim_mark_sent(expense=expense, on=today)

    assert ClaimEvent.objects.count() == 1


def test_a_reimbursement_larger_than_the_fee_is_refused(alice, alice_registration, record, today):
    expense = record(alice, visit_date=today - timedelta(days=5), fee=Decimal("30"))
    services.claim_mark_sent(expense=expense, on=today)

    with pytest.raises(services.ExpenseError, match="more than the fee"):
        services.claim_mark_reimbursed(expense=expense, amount=Decimal("30.01"), on=today)

    expense.refresh_from_db()
    assert expense.state == ClaimState.SENT and expense.reimbursed_amount is None


@pytest.mark.parametrize("offset", [-6, 1])
def test_a_sending_date_before_the_visit_or_in_the_future_is_refused(
    alice, alice_registration, record, today, offset
):
    expense = record(alice, visit_date=today - timedelta(days=5))

    with pytest.raises(services.ExpenseError):
        services.claim_mark_sent(expense=expense, on=today + timedelta(days=offset))

    expense.refresh_from_db()
    assert expense.state == ClaimState.TO_SEND


def test_a_student_cannot_record_beyond_the_limit(alice, alice_registration, record, settings):
    settings.CARE_EXPENSES_MAX = 3
    for _ in range(3):
        record(alice)

    with pytest.raises(services.ExpenseError, match="3 visits"):
        record(alice)

    assert CareExpense.objects.filter(student=alice).count() == 3


def test_the_limit_is_per_student(alice, charlie, alice_registration, record, settings):
    settings.CARE_EXPENSES_MAX = 1
    record(alice)

    record(charlie)

    assert CareExpense.objects.count() == 2


def test_the_database_refuses_a_negative_fee(alice, alice_registration):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        CareExpense.objects.create(
            student=alice,
            visit_date=date(2026, 1, 15),
            kind=Kind.GP,
            sector=Sector.SECTOR_1,
            fee=Decimal("-1"),
            gp_declared=True,
            complementary=Complementary.NONE,
        )


def test_deleting_removes_the_visit_and_its_events(alice, alice_registration, record):
    expense = record(alice, visit_date=timezone.localdate())
    services.claim_mark_sent(expense=expense, on=timezone.localdate())

    services.expense_delete(expense=expense)

    assert not CareExpense.objects.exists() and not ClaimEvent.objects.exists()


def test_an_ehic_holder_is_insured_on_the_ehic(alice, make_profile):
    from expenses.estimates import Insured
    from expenses.services import insured_for

    make_profile(alice, nationality="DE", ehic_held=True, ehic_expiry=date(2099, 1, 1))
    assert insured_for(alice.student_profile) == Insured.EHIC
    make_profile(alice, nationality="US", ehic_held=False, ehic_expiry=None)
    alice.student_profile.refresh_from_db()
    assert insured_for(alice.student_profile) == Insured.FRENCH
