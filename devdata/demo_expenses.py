"""Demo care expenses for `make run`: Amara, holding a provisional number, paid three visits.

One claim is still to send (the cover letter has something to list), one was reimbursed, and
one was sent long enough ago to be flagged on her dashboard. Safe to load twice: her demo
expenses are removed first.
"""

from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.utils import timezone

from accounts.models import User
from expenses import services
from expenses.models import CareExpense
from guidance.tariffs import Complementary, Kind, Sector

DEMO_STUDENT = "amara.student@example.org"


def load_demo_expenses() -> int:
    """Amara's three visits; returns how many were recorded (0 without her account)."""
    student = User.objects.filter(email=DEMO_STUDENT).first()
    if student is None:
        return 0
    CareExpense.objects.filter(student=student).delete()
    today = timezone.localdate()
    late = settings.CLAIM_FOLLOW_UP_DAYS + 5

    def visit(days_ago: int, fee: str) -> CareExpense:
        return services.expense_record(
            student=student,
            visit_date=today - timedelta(days=days_ago),
            kind=Kind.GP,
            sector=Sector.SECTOR_1,
            fee=Decimal(fee),
            gp_declared=False,
            complementary=Complementary.NONE,
        )

    flagged = visit(late + 2, "30")
    services.claim_mark_sent(expense=flagged, on=today - timedelta(days=late))
    reimbursed = visit(late + 10, "30")
    services.claim_mark_sent(expense=reimbursed, on=today - timedelta(days=late + 8))
    services.claim_mark_reimbursed(
        expense=reimbursed, amount=Decimal("7.00"), on=today - timedelta(days=late - 10)
    )
    visit(3, "30")
    return 3
