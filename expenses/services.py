"""Writes on care expenses: recording a visit, moving its claim along, deleting it."""

from datetime import date
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from expenses.estimates import Insured, NoEstimate, age_on, expected_amounts
from expenses.models import CLAIM_TRANSITIONS, CareExpense, ClaimEvent, ClaimState
from portal.personal_pages import student_file_changed
from students.models import StudentProfile
from students.paths import Path
from students.selectors import path_for_profile


class ExpenseError(Exception):
    """A request the rules refuse; `message` is shown to the student."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def insured_for(profile: StudentProfile | None) -> str:
    """Care on an EHIC follows other rules (DOMAIN.md §9.3): the estimator's `insured` input."""
    if profile is not None and path_for_profile(profile).path == Path.EU_WITH_EHIC:
        return Insured.EHIC
    return Insured.FRENCH


def expense_record(
    *,
    student: User,
    visit_date: date,
    kind: str,
    sector: str,
    fee: Decimal | None,
    gp_declared: bool,
    complementary: str,
) -> CareExpense:
    """Record a visit the student paid for, with what the estimator says should come back.

    `fee` None takes the convention fee the estimator assumes (from an estimate without a fee).
    """
    with transaction.atomic():
        # The account row lock makes the per-student limit hold against parallel requests.
        User.objects.select_for_update().get(pk=student.pk)
        if CareExpense.objects.filter(student=student).count() >= settings.CARE_EXPENSES_MAX:
            raise ExpenseError(
                _(
                    "You have recorded %(count)s visits, the most the portal keeps. Delete "
                    "visits that are settled before adding new ones."
                )
                % {"count": settings.CARE_EXPENSES_MAX}
            )
        profile = StudentProfile.objects.filter(user=student).first()
        try:
            expected = expected_amounts(
                visit_date=visit_date,
                kind=kind,
                sector=sector,
                fee=fee,
                gp_declared=gp_declared,
                age=age_on(profile.date_of_birth if profile else None, visit_date),
                complementary=complementary,
                insured=insured_for(profile),
            )
        except NoEstimate:
            if fee is None:
                raise ExpenseError(_("Type the fee you paid.")) from None
            expected_fee, insurance, complementary_pays = fee, None, None
        else:
            expected_fee = expected.fee
            insurance, complementary_pays = expected.insurance, expected.complementary
        return CareExpense.objects.create(
            student=student,
            visit_date=visit_date,
            kind=kind,
            sector=sector,
            fee=expected_fee,
            gp_declared=gp_declared,
            complementary=complementary,
            expected_insurance=insurance,
            expected_complementary=complementary_pays,
        )


def _locked(expense: CareExpense, target: str) -> CareExpense:
    locked = CareExpense.objects.select_for_update().get(pk=expense.pk)
    # Every change of a claim's state goes through here; the dashboard lists overdue claims
    # (forgotten if the change is refused: the transaction is rolled back).
    student_file_changed(locked.student_id)
    if target not in CLAIM_TRANSITIONS[locked.state]:
        raise ExpenseError(
            _("This claim is already marked “%(state)s”.") % {"state": locked.get_state_display()}
        )
    return locked


def _check_day(on: date, *, not_before: date, before_label: str) -> None:
    if on > timezone.localdate():
        raise ExpenseError(_("The date cannot be in the future."))
    if on < not_before:
        raise ExpenseError(before_label)


def claim_mark_sent(*, expense: CareExpense, on: date) -> CareExpense:
    """The student posted the treatment sheet on `on`."""
    with transaction.atomic():
        locked = _locked(expense, ClaimState.SENT)
        _check_day(
            on,
            not_before=locked.visit_date,
            before_label=_("The sheet cannot have been sent before the visit."),
        )
        locked.state, locked.sent_on = ClaimState.SENT, on
        locked.save(update_fields=["state", "sent_on", "updated_at"])
        ClaimEvent.objects.create(expense=locked, state=ClaimState.SENT, occurred_on=on)
    return locked


def claim_mark_reimbursed(*, expense: CareExpense, amount: Decimal, on: date) -> CareExpense:
    """The Assurance Maladie paid `amount` back on `on`."""
    with transaction.atomic():
        locked = _locked(expense, ClaimState.REIMBURSED)
        _check_day(
            on,
            not_before=locked.sent_on,
            before_label=_("The reimbursement cannot come before the sheet was sent."),
        )
        if amount <= 0:
            raise ExpenseError(_("Type the amount you received, more than 0."))
        if amount > locked.fee:
            raise ExpenseError(_("The amount reimbursed cannot be more than the fee you paid."))
        locked.state = ClaimState.REIMBURSED
        locked.reimbursed_on, locked.reimbursed_amount = on, amount
        locked.save(update_fields=["state", "reimbursed_on", "reimbursed_amount", "updated_at"])
        ClaimEvent.objects.create(
            expense=locked, state=ClaimState.REIMBURSED, occurred_on=on, amount=amount
        )
    return locked


def claim_mark_refused(*, expense: CareExpense, on: date) -> CareExpense:
    """The Assurance Maladie refused the claim (the student will ask why, or resend)."""
    with transaction.atomic():
        locked = _locked(expense, ClaimState.REFUSED)
        _check_day(
            on,
            not_before=locked.sent_on,
            before_label=_("The refusal cannot come before the sheet was sent."),
        )
        locked.state, locked.refused_on = ClaimState.REFUSED, on
        locked.save(update_fields=["state", "refused_on", "updated_at"])
        ClaimEvent.objects.create(expense=locked, state=ClaimState.REFUSED, occurred_on=on)
    return locked


def expense_delete(*, expense: CareExpense) -> None:
    """Delete a visit the student recorded (by mistake, or settled and no longer wanted)."""
    student_file_changed(expense.student_id)
    expense.delete()
