"""Model rules: reserved addresses, old addresses, tariff periods."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from guidance.models import Page, SlugRedirect, Tariff


def test_a_page_cannot_use_an_address_of_the_portal(db):
    with pytest.raises(ValidationError):
        Page(slug="links").full_clean()


def test_an_old_address_cannot_be_a_current_page(db):
    with pytest.raises(ValidationError):
        SlugRedirect(old_slug="help", page=Page.objects.get(slug="glossary")).full_clean()


def test_a_tariff_period_cannot_end_before_it_starts(db):
    tariff = Tariff(
        parameter="authority_tariff_gp",
        effective_from=date(2025, 1, 2),
        effective_to=date(2025, 1, 1),
        value=Decimal("1"),
        source="x",
        confidence="likely",
    )

    with pytest.raises(ValidationError):
        tariff.full_clean()


@pytest.mark.parametrize(
    ("start", "end", "overlaps"),
    [
        (date(2024, 1, 1), date(2024, 12, 31), True),
        (None, date(2023, 1, 1), True),
        (date(2030, 1, 1), None, True),
    ],
)
def test_tariff_periods_of_one_parameter_do_not_overlap(db, start, end, overlaps):
    tariff = Tariff(
        parameter="participation_forfaitaire_per_act",
        effective_from=start,
        effective_to=end,
        value=Decimal("5"),
        source="x",
        confidence="likely",
    )

    with pytest.raises(ValidationError):
        tariff.full_clean()


def test_a_tariff_before_every_known_period_is_accepted(db):
    Tariff(
        parameter="participation_forfaitaire_per_act",
        effective_from=date(2000, 1, 1),
        effective_to=date(2004, 12, 31),
        value=Decimal("0"),
        source="x",
        confidence="unconfirmed",
    ).full_clean()
