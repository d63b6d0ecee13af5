"""`make run`'s demo: Amara has three visits, one claim to follow up, one to send."""

from io import StringIO

from django.core.management import call_command
from django.utils import timezone

from expenses.models import CareExpense, ClaimState
from expenses.selectors import overdue_claims


def test_the_demo_gives_amara_three_visits_twice_the_same(db, settings):
    settings.DEBUG = True  # demo data exists only for a local try-out
    for _ in range(2):
        call_command("load_demo_data", stdout=StringIO())

    expenses = CareExpense.objects.filter(student__email="amara.student@example.org")
    assert sorted(expenses.values_list("state", flat=True)) == sorted(
        [ClaimState.TO_SEND, ClaimState.SENT, ClaimState.REIMBURSED]
    )
    amara = expenses.first().student
    assert overdue_claims(amara, today=timezone.localdate()).count() == 1
