"""Reviewers deciding at once (2, then 50): exactly one decision (PostgreSQL only)."""

import threading

import pytest
from django.db import connection

from documents.models import RejectionReason, ReviewDecision, VersionStatus
from documents.services import AlreadyReviewed, document_accept, document_reject
from notifications.models import Notice

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("select_for_update is a no-op on SQLite: run with DATABASE_URL=postgres://…")


def test_two_reviewers_at_once_make_exactly_one_decision(alice_passport, bob):
    version = alice_passport.current_version
    reason = RejectionReason.objects.get(code="unreadable")
    start = threading.Barrier(2)
    outcomes: list[str] = []

    def act(decide):
        try:
            start.wait()
            decide()
            outcomes.append("decided")
        except AlreadyReviewed as error:
            outcomes.append(error.message)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=act, args=(lambda: document_accept(version=version, by=bob),)),
        threading.Thread(
            target=act,
            args=(lambda: document_reject(version=version, by=bob, reasons=[reason]),),
        ),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert outcomes.count("decided") == 1
    assert any(o.startswith("This document was already reviewed") for o in outcomes)
    assert ReviewDecision.objects.filter(version=version).count() == 1
    version.refresh_from_db()
    assert version.status in (VersionStatus.ACCEPTED, VersionStatus.REJECTED)


def test_fifty_reviews_at_once_make_one_decision_and_one_notice(alice_passport, bob):
    """SECURITY.md fault F4: 50 reviewers press accept in the same instant. (Accept only:
    the rejection reasons are seed data a previous transactional test may have flushed.)"""
    version = alice_passport.current_version
    notices_before = Notice.objects.filter(recipient=alice_passport.owner).count()
    start = threading.Barrier(50)
    outcomes: list[str] = []

    def act(index):
        try:
            start.wait()
            document_accept(version=version, by=bob)
            outcomes.append("decided")
        except AlreadyReviewed:
            outcomes.append("already reviewed")
        finally:
            connection.close()

    threads = [threading.Thread(target=act, args=(index,)) for index in range(50)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["already reviewed"] * 49 + ["decided"]
    assert ReviewDecision.objects.filter(version=version).count() == 1
    assert Notice.objects.filter(recipient=alice_passport.owner).count() == notices_before + 1
