"""Reads on care expenses: the student's list and totals, the claims to follow up."""

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.db.models import QuerySet

from accounts.models import User
from expenses.models import CareExpense, ClaimState
from students.models import Registration, StudentProfile
from students.paths import Path
from students.selectors import path_for_profile

ZERO = Decimal("0")


@dataclass
class Totals:
    paid: Decimal = ZERO
    expected: Decimal = ZERO
    reimbursed: Decimal = ZERO
    outstanding: Decimal = ZERO  # expected on claims not settled yet (to send or sent)


@dataclass
class ExpensesPage:
    expenses: list[CareExpense] = field(default_factory=list)
    totals: Totals = field(default_factory=Totals)
    overdue: list[CareExpense] = field(default_factory=list)
    to_send: list[CareExpense] = field(default_factory=list)
    ehic: bool = False
    carte_vitale_received_on: date | None = None
    number: str = ""


def totals_of(expenses: list[CareExpense]) -> Totals:
    """Paid, expected back, reimbursed, and expected on claims not settled yet."""
    totals = Totals()
    for expense in expenses:
        totals.paid += expense.fee
        expected = expense.expected_total or ZERO
        totals.expected += expected
        if expense.state == ClaimState.REIMBURSED:
            totals.reimbursed += expense.reimbursed_amount or ZERO
        elif expense.state in (ClaimState.TO_SEND, ClaimState.SENT):
            totals.outstanding += expected
    return totals


def overdue_claims(student: User, *, today: date) -> QuerySet[CareExpense]:
    """Claims sent more than CLAIM_FOLLOW_UP_DAYS ago with no reimbursement recorded."""
    cutoff = today - timedelta(days=settings.CLAIM_FOLLOW_UP_DAYS)
    return CareExpense.objects.filter(
        student=student, state=ClaimState.SENT, sent_on__lt=cutoff
    ).order_by("sent_on")


def latest_registration(student: User) -> Registration | None:
    return (
        Registration.objects.filter(student=student).order_by("-academic_year__starts_on").first()
    )


def number_to_write(registration: Registration | None) -> str:
    """The definitive number once known, else the provisional one (full: it is their own)."""
    if registration is None:
        return ""
    return registration.definitive_number or registration.provisional_number


def expenses_page(student: User, *, today: date) -> ExpensesPage:
    """Everything the expenses page shows, in a fixed number of queries."""
    expenses = list(CareExpense.objects.filter(student=student))
    profile = StudentProfile.objects.filter(user=student).first()
    registration = latest_registration(student)
    cutoff = today - timedelta(days=settings.CLAIM_FOLLOW_UP_DAYS)
    return ExpensesPage(
        expenses=expenses,
        totals=totals_of(expenses),
        overdue=[e for e in expenses if e.state == ClaimState.SENT and e.sent_on < cutoff],
        to_send=sorted(
            (e for e in expenses if e.state == ClaimState.TO_SEND), key=lambda e: e.visit_date
        ),
        ehic=profile is not None and path_for_profile(profile).path == Path.EU_WITH_EHIC,
        carte_vitale_received_on=registration.carte_vitale_received_on if registration else None,
        number=number_to_write(registration),
    )
