"""The one place where care expenses call the reimbursement estimator.

Expected amounts must be exactly what the public estimator shows for the same inputs, so this
adapter builds the estimator's own Visit from a recorded visit and runs the estimator's dated
tariff calculation (guidance.tariffs.estimate on guidance.selectors.tariffs_on), with the
same `insured` input (French insurance, or an EHIC: no pathway penalty, no CSS).
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from guidance.selectors import tariffs_on
from guidance.tariffs import (
    Estimate,
    FeeRequired,
    Insured,
    InvalidVisit,
    MissingTariff,
    Visit,
    estimate,
)

__all__ = ["Expected", "Insured", "NoEstimate", "age_on", "expected_amounts"]


@dataclass(frozen=True)
class Expected:
    fee: Decimal  # the fee charged, or the convention fee the estimator assumed
    insurance: Decimal | None
    complementary: Decimal | None


class NoEstimate(Exception):
    """The estimator cannot compute this visit (no fee to assume, or no tariff that day)."""


def expected_amounts(
    *,
    visit_date: date,
    kind: str,
    sector: str,
    fee: Decimal | None,
    gp_declared: bool,
    age: int | None,
    complementary: str,
    insured: str = Insured.FRENCH,
) -> Expected:
    """What the Assurance Maladie and the complementary should pay, as the estimator says."""
    visit = Visit(
        kind=kind,
        sector=sector,
        fee=fee,
        gp_declared=gp_declared,
        age=age,
        complementary=complementary,
        insured=insured,
    )
    try:
        result: Estimate = estimate(visit=visit, tariffs=tariffs_on(visit_date))
    except (FeeRequired, MissingTariff, InvalidVisit) as error:
        raise NoEstimate from error
    return Expected(
        fee=result.fee,
        insurance=result.insurance_pays,
        complementary=result.complementary_pays,
    )


def age_on(born: date | None, day: date) -> int | None:
    """Age in whole years on `day`; None (an adult, for the estimator) when unknown or 18+."""
    if born is None:
        return None
    years = day.year - born.year - ((day.month, day.day) < (born.month, born.day))
    return years if years < 18 else None
