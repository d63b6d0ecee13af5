"""Fixtures for care expenses: a student with a profile, signed in, and a helper to record."""

from datetime import date
from decimal import Decimal

import pytest
from django.test import Client

from expenses import services
from guidance.tariffs import Complementary, Kind, Sector
from tests.students.conftest import (  # noqa: F401
    alice_registration,
    bring_to,
    charlie_registration,
    make_profile,
    today,
    year,
)


@pytest.fixture
def alice_client(alice, alice_registration) -> Client:  # noqa: F811
    client = Client()
    client.force_login(alice)
    return client


@pytest.fixture
def record():
    """Record a visit through the service (a sector-1 GP, declared GP, no complementary)."""

    def make(student, **fields):
        values = {
            "visit_date": date(2026, 1, 15),
            "kind": Kind.GP,
            "sector": Sector.SECTOR_1,
            "fee": Decimal("30.00"),
            "gp_declared": True,
            "complementary": Complementary.NONE,
        }
        values.update(fields)
        return services.expense_record(student=student, **values)

    return make
