"""The tariffs loaded by the data migration are DOMAIN.md §7's, and the selector reads them."""

from datetime import date
from decimal import Decimal

import pytest

from guidance.models import Parameter, Tariff
from guidance.selectors import tariffs_on
from tests.guidance.test_tariffs import DOMAIN_7
from tests.guidance.test_tariffs import tariffs_on as tariffs_from_domain


def test_the_migration_loaded_exactly_the_values_of_domain_section_7(db):
    loaded = {
        (row.parameter, row.effective_from, row.effective_to, row.value, row.confidence)
        for row in Tariff.objects.all()
    }
    expected = {
        (str(parameter), start, end, Decimal(value), confidence)
        for parameter, start, end, value, confidence in DOMAIN_7
    }

    assert loaded == expected


@pytest.mark.parametrize(
    "day",
    [
        date(2017, 5, 1),
        date(2023, 10, 31),
        date(2023, 11, 1),
        date(2024, 5, 14),
        date(2024, 5, 15),
        date(2024, 12, 21),
        date(2024, 12, 22),
        date(2026, 11, 26),
    ],
)
def test_the_selector_gives_the_values_in_force_on_each_day(db, day):
    from_db = {key: value.value for key, value in tariffs_on(day).items()}
    from_domain = {key: value.value for key, value in tariffs_from_domain(day).items()}

    assert from_db == from_domain


def test_both_ends_of_a_period_are_inclusive(db):
    assert tariffs_on(date(2024, 5, 14))[Parameter.PF_PER_ACT].value == Decimal("1")
    assert tariffs_on(date(2024, 5, 15))[Parameter.PF_PER_ACT].value == Decimal("2")


def test_an_edited_tariff_is_used_from_its_date(db):
    Tariff.objects.filter(parameter=Parameter.PF_PER_ACT, effective_to=None).update(
        effective_to=date(2027, 1, 31)
    )
    Tariff.objects.create(
        parameter=Parameter.PF_PER_ACT,
        effective_from=date(2027, 2, 1),
        value=Decimal("3"),
        unit="EUR",
        source="a future décret",
        confidence="confirmed",
    )

    assert tariffs_on(date(2027, 1, 31))[Parameter.PF_PER_ACT].value == Decimal("2")
    assert tariffs_on(date(2027, 2, 1))[Parameter.PF_PER_ACT].value == Decimal("3")
