"""The estimator's rules (guidance.tariffs), table-tested without the database.

The tariffs below are DOMAIN.md §7 written out again by hand, so that these tests check the
rules against the source and not against the data migration (test_selectors_tariffs.py
checks that the migration loaded the same values).
"""

from datetime import date
from decimal import Decimal

import pytest
from django.utils import translation

from guidance.models import Parameter
from guidance.tariffs import (
    Complementary,
    FeeRequired,
    Insured,
    InvalidVisit,
    Kind,
    MissingTariff,
    Sector,
    TariffValue,
    Visit,
    estimate,
    explain,
)

P = Parameter
DOMAIN_7 = [
    # parameter, from, to, value, confidence
    (P.GP_FEE_SECTOR1, date(2017, 5, 1), date(2023, 10, 31), "25.00", "likely"),
    (P.GP_FEE_SECTOR1, date(2023, 11, 1), date(2024, 12, 21), "26.50", "confirmed"),
    (P.GP_FEE_SECTOR1, date(2024, 12, 22), None, "30.00", "confirmed"),
    (P.GP_BASE_SECTOR2_NON_OPTAM, None, None, "23.00", "likely"),
    (P.GP_FEE_CHILD_UNDER6, date(2024, 12, 22), None, "35.00", "confirmed"),
    (P.AUTHORITY_TARIFF_GP, None, None, "0.61", "likely"),
    (P.AUTHORITY_TARIFF_SPECIALIST, None, None, "1.22", "likely"),
    (P.RATE_IN_PATHWAY, date(2005, 1, 1), None, "0.70", "confirmed"),
    (P.RATE_OUT_OF_PATHWAY, date(2009, 1, 31), None, "0.30", "confirmed"),
    (P.PF_PER_ACT, date(2005, 1, 1), date(2024, 5, 14), "1.00", "confirmed"),
    (P.PF_PER_ACT, date(2024, 5, 15), None, "2.00", "confirmed"),
    (P.PF_ANNUAL_CAP, date(2005, 1, 1), None, "50.00", "confirmed"),
    (P.PF_MAX_PER_DAY, date(2005, 1, 1), None, "4", "likely"),
    (P.PF_EXEMPTION_AGE, None, None, "18", "confirmed"),
    (P.PATHWAY_MIN_AGE, None, None, "16", "confirmed"),
    # Dated values the pages show (DOMAIN.md §7, §4d-e, §5.3).
    (P.CSS_CEILING_FREE, date(2024, 4, 1), date(2025, 3, 31), "10166", "confirmed"),
    (P.CSS_CEILING_FREE, date(2025, 4, 1), date(2026, 3, 31), "10339", "confirmed"),
    (P.CSS_CEILING_CONTRIBUTION, date(2024, 4, 1), date(2025, 3, 31), "13724", "confirmed"),
    (P.CSS_CEILING_CONTRIBUTION, date(2025, 4, 1), date(2026, 3, 31), "13957", "likely"),
    (P.CVEC_AMOUNT, date(2023, 9, 1), date(2024, 8, 31), "100", "confirmed"),
    (P.CVEC_AMOUNT, date(2024, 9, 1), date(2025, 8, 31), "103", "confirmed"),
    (P.CVEC_AMOUNT, date(2025, 9, 1), date(2026, 8, 31), "105", "confirmed"),
]


def tariffs_on(day: date) -> dict[str, TariffValue]:
    return {
        parameter: TariffValue(
            parameter=parameter,
            value=Decimal(value),
            source="DOMAIN.md §7",
            confidence=confidence,
            effective_from=start,
            effective_to=end,
        )
        for parameter, start, end, value, confidence in DOMAIN_7
        if (start is None or start <= day) and (end is None or day <= end)
    }


def visit(
    *,
    fee=None,
    gp=True,
    sector=Sector.SECTOR_1,
    kind=Kind.GP,
    age=None,
    complementary=Complementary.NONE,
    insured=Insured.FRENCH,
) -> Visit:
    return Visit(
        kind=kind,
        sector=sector,
        fee=None if fee is None else Decimal(fee),
        gp_declared=gp,
        age=age,
        complementary=complementary,
        insured=insured,
    )


def euros(value) -> Decimal:
    return Decimal(value).quantize(Decimal("0.01"))


# Each period of DOMAIN.md §7 for an adult's sector-1 GP visit (see DOMAIN.md §1.5).
@pytest.mark.parametrize(
    ("day", "fee", "gp", "base", "rate", "pf", "insurance_pays", "left"),
    [
        # The seed's own example, under the tariffs it was written for (until 31 Oct 2023).
        (date(2023, 6, 1), "25", True, "25", "0.70", "1", "16.50", "8.50"),
        (date(2023, 6, 1), "25", False, "25", "0.30", "1", "6.50", "18.50"),
        # 1 Nov 2023 - 14 May 2024: 26.50 €, PF 1 €.
        (date(2024, 1, 15), "26.50", True, "26.50", "0.70", "1", "17.55", "8.95"),
        (date(2024, 1, 15), "26.50", False, "26.50", "0.30", "1", "6.95", "19.55"),
        # Early 2024, a 25 € fee as in the seed: still 16.50 € and 6.50 € (base = fee).
        (date(2024, 1, 15), "25", True, "25", "0.70", "1", "16.50", "8.50"),
        (date(2024, 1, 15), "25", False, "25", "0.30", "1", "6.50", "18.50"),
        # 15 May 2024 - 21 Dec 2024: 26.50 €, PF 2 €.
        (date(2024, 6, 1), "26.50", True, "26.50", "0.70", "2", "16.55", "9.95"),
        (date(2024, 6, 1), "26.50", False, "26.50", "0.30", "2", "5.95", "20.55"),
        # From 22 Dec 2024: 30 €, PF 2 € (19 € and 7 €).
        (date(2024, 12, 22), "30", True, "30", "0.70", "2", "19.00", "11.00"),
        (date(2024, 12, 22), "30", False, "30", "0.30", "2", "7.00", "23.00"),
        # 2026 carries the last known values forward.
        (date(2026, 11, 26), "30", True, "30", "0.70", "2", "19.00", "11.00"),
        (date(2026, 11, 26), "30", False, "30", "0.30", "2", "7.00", "23.00"),
        # The last day of one period and the first of the next.
        (date(2024, 5, 14), "26.50", True, "26.50", "0.70", "1", "17.55", "8.95"),
        (date(2024, 5, 15), "26.50", True, "26.50", "0.70", "2", "16.55", "9.95"),
    ],
)
def test_each_period_of_the_tariffs(day, fee, gp, base, rate, pf, insurance_pays, left):
    result = estimate(visit=visit(fee=fee, gp=gp), tariffs=tariffs_on(day))

    assert result.base == euros(base)
    assert result.rate == Decimal(rate)
    assert result.participation == euros(pf)
    assert result.insurance_pays == euros(insurance_pays)
    assert result.complementary_pays == 0
    assert result.left_to_pay == euros(left)


@pytest.mark.parametrize(
    ("day", "expected_fee"),
    [(date(2023, 6, 1), "25"), (date(2024, 6, 1), "26.50"), (date(2025, 3, 1), "30")],
)
def test_without_a_fee_a_gp_visit_costs_the_convention_fee_of_the_day(day, expected_fee):
    result = estimate(visit=visit(fee=None), tariffs=tariffs_on(day))

    assert result.fee == euros(expected_fee)
    assert result.fee_assumed


@pytest.mark.parametrize(
    ("sector", "fee", "gp", "base", "insurance_pays", "extra", "left"),
    [
        # Sector 1 above the convention fee: the extra is never reimbursed.
        (Sector.SECTOR_1, "35", True, "30", "19.00", "5.00", "16.00"),
        # Sector 2 with OPTAM: reimbursed on the sector-1 fee.
        (Sector.SECTOR_2_OPTAM, "50", True, "30", "19.00", "20.00", "31.00"),
        (Sector.SECTOR_2_OPTAM, "50", False, "30", "7.00", "20.00", "43.00"),
        # Sector 2 without OPTAM: base 23 € (DOMAIN.md §1.2: 14.10 € and 4.90 €).
        (Sector.SECTOR_2, "50", True, "23", "14.10", "27.00", "35.90"),
        (Sector.SECTOR_2, "50", False, "23", "4.90", "27.00", "45.10"),
        # Non-contracted: the tarif d'autorité, less than the participation forfaitaire.
        (Sector.NON_CONTRACTED, "60", True, "0.61", "0.00", "59.39", "60.00"),
    ],
)
def test_each_sector(sector, fee, gp, base, insurance_pays, extra, left):
    result = estimate(
        visit=visit(fee=fee, gp=gp, sector=sector), tariffs=tariffs_on(date(2025, 6, 1))
    )

    assert result.base == euros(base)
    assert result.insurance_pays == euros(insurance_pays)
    assert result.extra_fee == euros(extra)
    assert result.left_to_pay == euros(left)


def test_a_non_contracted_specialist_is_reimbursed_on_its_own_tarif_dautorite():
    result = estimate(
        visit=visit(fee="80", sector=Sector.NON_CONTRACTED, kind=Kind.SPECIALIST_DIRECT, age=17),
        tariffs=tariffs_on(date(2025, 6, 1)),
    )

    assert result.base == euros("1.22")
    assert result.insurance_pays == euros("0.85")  # 1.22 × 70 %, no PF under 18


@pytest.mark.parametrize(
    ("gp", "insurance_pays", "complementary_pays", "left"),
    [(True, "21.00", "9.00", "0.00"), (False, "9.00", "9.00", "12.00")],
)
def test_css_beneficiaries_pay_no_participation_forfaitaire(
    gp, insurance_pays, complementary_pays, left
):
    result = estimate(
        visit=visit(fee="30", gp=gp, complementary=Complementary.CSS),
        tariffs=tariffs_on(date(2025, 6, 1)),
    )

    assert result.participation == 0
    assert result.participation_reason == "css"
    assert result.insurance_pays == euros(insurance_pays)
    assert result.complementary_pays == euros(complementary_pays)
    assert result.left_to_pay == euros(left)


@pytest.mark.parametrize(
    ("gp", "insurance_pays", "complementary_pays", "left"),
    # DOMAIN.md §1.5: 2 € left in the pathway; outside, the 40-point increase stays (14 €).
    [(True, "19.00", "9.00", "2.00"), (False, "7.00", "9.00", "14.00")],
)
def test_a_private_complementary_pays_the_ticket_moderateur_but_not_the_increase(
    gp, insurance_pays, complementary_pays, left
):
    result = estimate(
        visit=visit(fee="30", gp=gp, complementary=Complementary.PRIVATE),
        tariffs=tariffs_on(date(2025, 6, 1)),
    )

    assert result.insurance_pays == euros(insurance_pays)
    assert result.complementary_pays == euros(complementary_pays)
    assert result.left_to_pay == euros(left)


@pytest.mark.parametrize(
    ("age", "gp", "rate", "pf", "insurance_pays", "pathway_reason"),
    [
        (25, False, "0.30", "2", "7.00", "no-gp"),
        (18, False, "0.30", "2", "7.00", "no-gp"),
        (17, False, "0.30", "0", "9.00", "no-gp"),  # no PF under 18, still out of pathway
        (16, False, "0.30", "0", "9.00", "no-gp"),
        (15, False, "0.70", "0", "21.00", "under-16"),  # pathway rules do not apply
        (15, True, "0.70", "0", "21.00", "under-16"),
        (17, True, "0.70", "0", "21.00", "gp-declared"),
    ],
)
def test_out_of_pathway_and_age(age, gp, rate, pf, insurance_pays, pathway_reason):
    result = estimate(visit=visit(fee="30", gp=gp, age=age), tariffs=tariffs_on(date(2025, 6, 1)))

    assert result.rate == Decimal(rate)
    assert result.participation == euros(pf)
    assert result.insurance_pays == euros(insurance_pays)
    assert result.pathway_reason == pathway_reason


def test_a_child_under_6_has_its_own_gp_fee_since_22_december_2024():
    result = estimate(visit=visit(fee=None, age=4), tariffs=tariffs_on(date(2025, 6, 1)))

    assert result.fee == euros("35")
    assert result.insurance_pays == euros("24.50")


@pytest.mark.parametrize(
    ("gp", "insurance_pays", "reason"),
    [(True, "33.00", "direct-with-gp"), (False, "13.00", "direct-without-gp")],
)
def test_a_sector_1_specialist_seen_directly_keeps_70_percent_only_with_a_declared_gp(
    gp, insurance_pays, reason
):
    result = estimate(
        visit=visit(fee="50", gp=gp, kind=Kind.SPECIALIST_DIRECT),
        tariffs=tariffs_on(date(2025, 6, 1)),
    )

    assert result.base == euros("50")
    assert result.insurance_pays == euros(insurance_pays)
    assert result.pathway_reason == reason


@pytest.mark.parametrize("sector", [Sector.SECTOR_2_OPTAM, Sector.SECTOR_2])
def test_no_base_is_invented_for_a_sector_2_specialist(sector):
    result = estimate(
        visit=visit(fee="60", sector=sector, kind=Kind.SPECIALIST_DIRECT),
        tariffs=tariffs_on(date(2025, 6, 1)),
    )

    assert result.base is None
    assert result.insurance_pays is None
    assert result.left_to_pay is None
    assert result.base_reason == "no-specialist-tariff"


def test_a_specialist_needs_a_fee():
    with pytest.raises(FeeRequired):
        estimate(
            visit=visit(fee=None, kind=Kind.SPECIALIST_DIRECT), tariffs=tariffs_on(date(2025, 6, 1))
        )


def test_a_date_before_the_tariffs_is_refused():
    with pytest.raises(MissingTariff) as error:
        estimate(visit=visit(fee="20"), tariffs=tariffs_on(date(2000, 1, 1)))

    assert error.value.parameter == Parameter.RATE_IN_PATHWAY


def test_values_not_confirmed_by_the_sources_are_flagged():
    older = estimate(visit=visit(fee="25"), tariffs=tariffs_on(date(2023, 6, 1)))
    today = estimate(visit=visit(fee="30"), tariffs=tariffs_on(date(2025, 6, 1)))
    sector2 = estimate(
        visit=visit(fee="40", sector=Sector.SECTOR_2), tariffs=tariffs_on(date(2025, 6, 1))
    )

    assert [value.parameter for value in older.unconfirmed] == [Parameter.GP_FEE_SECTOR1]
    assert today.unconfirmed == ()
    assert [value.parameter for value in sector2.unconfirmed] == [
        Parameter.GP_BASE_SECTOR2_NON_OPTAM
    ]


@pytest.mark.parametrize(("language", "amount"), [("en", "16.50 €"), ("fr", "16,50 €")])
def test_amounts_are_written_in_the_languages_format(language, amount):
    tariffs = tariffs_on(date(2023, 6, 1))
    result = estimate(visit=visit(fee="25"), tariffs=tariffs)

    with translation.override(language):
        lines = {line.key: line for line in explain(result, tariffs)}

    assert lines["insurance"].amount == amount


def test_every_line_has_an_explanation():
    tariffs = tariffs_on(date(2025, 6, 1))
    result = estimate(
        visit=visit(fee="40", sector=Sector.SECTOR_2_OPTAM, gp=False), tariffs=tariffs
    )

    with translation.override("en"):
        lines = explain(result, tariffs)

    assert [line.key for line in lines] == [
        "fee",
        "base",
        "rate",
        "participation",
        "insurance",
        "complementary",
        "extra",
        "left",
    ]
    assert all(line.explanation.endswith(".") for line in lines)


@pytest.mark.parametrize("gp", [True, False])
def test_an_ehic_gp_visit_gives_19_euros_with_or_without_a_declared_gp(gp):
    result = estimate(
        visit=visit(fee="30", gp=gp, insured=Insured.EHIC), tariffs=tariffs_on(date(2025, 6, 1))
    )

    assert result.rate == Decimal("0.70")
    assert result.pathway_reason == "ehic"
    assert result.participation == euros("2")
    assert result.insurance_pays == euros("19.00")
    assert result.left_to_pay == euros("11.00")


def test_an_ehic_visit_with_a_private_complementary_leaves_the_participation():
    result = estimate(
        visit=visit(fee="30", gp=False, insured=Insured.EHIC, complementary=Complementary.PRIVATE),
        tariffs=tariffs_on(date(2025, 6, 1)),
    )

    assert result.complementary_pays == euros("9.00")
    assert result.left_to_pay == euros("2.00")


def test_the_css_is_refused_with_an_ehic():
    with pytest.raises(InvalidVisit):
        estimate(
            visit=visit(fee="30", insured=Insured.EHIC, complementary=Complementary.CSS),
            tariffs=tariffs_on(date(2025, 6, 1)),
        )


def test_the_css_outside_the_pathway_leaves_the_increase_to_the_patient():
    tariffs = tariffs_on(date(2025, 6, 1))
    result = estimate(
        visit=visit(fee="30", gp=False, complementary=Complementary.CSS), tariffs=tariffs
    )

    with translation.override("en"):
        lines = {line.key: line for line in explain(result, tariffs)}

    assert result.left_to_pay == euros("12.00")
    assert "only inside the pathway" in lines["complementary"].explanation


def test_the_estimate_takes_keyword_arguments_only():
    with pytest.raises(TypeError):
        estimate(visit(fee="30"), tariffs_on(date(2025, 6, 1)))
