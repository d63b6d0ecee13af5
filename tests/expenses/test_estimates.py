"""Expected amounts: exactly the estimator's, across tariff periods, sectors and pathways."""

from datetime import date
from decimal import Decimal

import pytest

from expenses.estimates import NoEstimate, age_on, expected_amounts
from guidance.forms import EstimateForm
from guidance.selectors import tariffs_on
from guidance.tariffs import Complementary, Kind, Sector, estimate

CASES = [
    # (date, kind, sector, fee, gp declared, complementary)
    (date(2023, 6, 1), Kind.GP, Sector.SECTOR_1, "25", True, Complementary.NONE),
    (date(2023, 6, 1), Kind.GP, Sector.SECTOR_1, "25", False, Complementary.NONE),
    (date(2024, 1, 15), Kind.GP, Sector.SECTOR_1, "26.50", True, Complementary.PRIVATE),
    (date(2025, 3, 10), Kind.GP, Sector.SECTOR_2_OPTAM, "45", True, Complementary.PRIVATE),
    (date(2025, 3, 10), Kind.GP, Sector.SECTOR_2, "50", False, Complementary.CSS),
    (date(2026, 1, 15), Kind.GP, Sector.NON_CONTRACTED, "60", True, Complementary.NONE),
    (date(2026, 1, 15), Kind.SPECIALIST_DIRECT, Sector.NON_CONTRACTED, "80", True, "private"),
    (date(2026, 1, 15), Kind.GP, Sector.SECTOR_1, "30", True, Complementary.CSS),
    (date(2026, 1, 15), Kind.GP, Sector.SECTOR_1, "30", False, Complementary.NONE),
]
# The same visits on a European Health Insurance Card: no pathway penalty, no CSS.
EHIC_CASES = [
    (date(2026, 1, 15), Kind.GP, Sector.SECTOR_1, "30", False, Complementary.NONE),
    (date(2025, 3, 10), Kind.GP, Sector.SECTOR_2_OPTAM, "45", False, Complementary.PRIVATE),
]
ALL_CASES = [(*case, "french") for case in CASES] + [(*case, "ehic") for case in EHIC_CASES]


def estimator_amounts(day, kind, sector, fee, gp, complementary, insured="french"):
    """The public estimator's own path: its form, then its calculation on that day's tariffs."""
    form = EstimateForm(
        data={
            "date": day.isoformat(),
            "kind": kind,
            "sector": sector,
            "fee": fee,
            "gp": "yes" if gp else "no",
            "age": "",
            "complementary": complementary,
            "insured": insured,
        }
    )
    assert form.is_valid(), form.errors
    result = estimate(visit=form.visit(), tariffs=tariffs_on(day))
    return result.insurance_pays, result.complementary_pays


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("day", "kind", "sector", "fee", "gp", "complementary", "insured"), ALL_CASES
)
def test_expected_amounts_are_the_estimators(day, kind, sector, fee, gp, complementary, insured):
    expected = expected_amounts(
        visit_date=day,
        kind=kind,
        sector=sector,
        fee=Decimal(fee),
        gp_declared=gp,
        age=None,
        complementary=complementary,
        insured=insured,
    )

    assert (expected.insurance, expected.complementary) == estimator_amounts(
        day, kind, sector, fee, gp, complementary, insured
    )


@pytest.mark.django_db
def test_the_tariff_period_of_the_visit_day_applies():
    common = {
        "kind": Kind.GP,
        "sector": Sector.SECTOR_1,
        "fee": Decimal("25"),
        "gp_declared": True,
        "age": None,
        "complementary": Complementary.NONE,
    }

    before = expected_amounts(visit_date=date(2023, 6, 1), **common)
    after = expected_amounts(visit_date=date(2026, 1, 15), **common)

    # 25 € under the 2023 tariffs: 25 × 70 % − 1 € = 16.50 € (DOMAIN.md §1.5).
    assert before.insurance == Decimal("16.50")
    # From December 2024 the GP fee is 30 € and the participation 2 €: the base is the fee
    # charged (25 €, below the convention fee), 25 × 70 % − 2 = 15.50 €.
    assert after.insurance == Decimal("15.50")


@pytest.mark.django_db
def test_a_sector_2_specialist_has_no_expected_amount():
    expected = expected_amounts(
        visit_date=date(2026, 1, 15),
        kind=Kind.SPECIALIST_DIRECT,
        sector=Sector.SECTOR_2,
        fee=Decimal("70"),
        gp_declared=True,
        age=None,
        complementary=Complementary.NONE,
    )

    assert expected.insurance is None
    assert expected.fee == Decimal("70.00")


@pytest.mark.django_db
def test_without_a_fee_for_a_specialist_there_is_no_estimate():
    with pytest.raises(NoEstimate):
        expected_amounts(
            visit_date=date(2026, 1, 15),
            kind=Kind.SPECIALIST_DIRECT,
            sector=Sector.SECTOR_1,
            fee=None,
            gp_declared=True,
            age=None,
            complementary=Complementary.NONE,
        )


@pytest.mark.parametrize(
    ("born", "day", "age"),
    [
        (date(2010, 5, 1), date(2026, 4, 30), 15),
        (date(2010, 5, 1), date(2026, 5, 1), 16),
        (date(2001, 9, 4), date(2026, 1, 15), None),
        (None, date(2026, 1, 15), None),
    ],
)
def test_age_on_the_visit_day(born, day, age):
    assert age_on(born, day) == age


@pytest.mark.django_db
def test_an_ehic_gp_visit_expects_19_euros_without_the_pathway_penalty():
    expected = expected_amounts(
        visit_date=date(2026, 1, 15),
        kind=Kind.GP,
        sector=Sector.SECTOR_1,
        fee=Decimal("30"),
        gp_declared=False,
        age=None,
        complementary=Complementary.NONE,
        insured="ehic",
    )

    assert expected.insurance == Decimal("19.00")
