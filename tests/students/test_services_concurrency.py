"""Two people reporting the same step at once: one wins, one event (PostgreSQL only)."""

import threading

import pytest
from django.db import connection, connections
from django.utils import timezone

from students import services
from students.models import EventKind, Registration, Status
from tests.students.conftest import PROVISIONAL

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite ignores select_for_update: run with a PostgreSQL DATABASE_URL")


def run_at_once(*calls):
    """Start every call at the same moment in its own thread; return results or errors."""
    barrier = threading.Barrier(len(calls))
    outcomes = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait()
            outcomes[index] = call()
        except Exception as error:  # noqa: BLE001
            outcomes[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return outcomes


def test_two_identical_reports_at_once_give_one_change_and_one_event(alice_registration, bob):
    today = timezone.localdate()

    outcomes = run_at_once(
        lambda: services.registration_report_submitted(
            registration=alice_registration, by=alice_registration.student, on=today
        ),
        lambda: services.registration_report_submitted(
            registration=alice_registration, by=bob, on=today
        ),
    )

    winners = [outcome for outcome in outcomes if isinstance(outcome, Registration)]
    losers = [outcome for outcome in outcomes if isinstance(outcome, services.RegistrationError)]
    assert (len(winners), len(losers)) == (1, 1)
    registration = Registration.objects.get(pk=alice_registration.pk)
    assert registration.status == Status.SUBMITTED
    assert registration.events.filter(kind=EventKind.SUBMITTED).count() == 1


def test_two_different_reports_from_the_same_step_give_one_change(alice_registration, bring_to):
    registration = bring_to(alice_registration, Status.PROVISIONAL_NUMBER)
    today = timezone.localdate()

    outcomes = run_at_once(
        lambda: services.registration_report_validated(
            registration=registration, by=registration.student, on=today
        ),
        lambda: services.registration_report_missing_documents(
            registration=registration,
            documents=["birth-certificate"],
            by=registration.student,
            on=today,
        ),
    )

    assert sum(isinstance(outcome, Registration) for outcome in outcomes) == 1
    registration = Registration.objects.get(pk=registration.pk)
    assert registration.status in (Status.VALIDATED, Status.MISSING_DOCUMENTS)
    changes = registration.events.filter(
        kind__in=[EventKind.VALIDATED, EventKind.MISSING_DOCUMENTS]
    )
    assert changes.count() == 1
    assert changes.get().to_status == registration.status
    assert registration.provisional_number == PROVISIONAL
