"""The reimbursement estimator's rules, as pure functions of the tariffs in force on a date.

The values (fees, rates, participation forfaitaire) are dated rows in the database
(guidance.models.Tariff, loaded from DOMAIN.md §7); this module only holds the rules, so the
tables of cases in the tests run without a database. Formula from DOMAIN.md §7:
    Assurance Maladie pays = max(0, base × rate − participation forfaitaire)
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db import models
from django.utils.formats import number_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from guidance.models import Confidence, Parameter

CENT = Decimal("0.01")
ZERO = Decimal("0")
ONE = Decimal("1")


class Kind(models.TextChoices):
    GP = "gp", _("GP (médecin généraliste)")
    SPECIALIST_DIRECT = "specialist-direct", _("Specialist you may see directly")


class Sector(models.TextChoices):
    SECTOR_1 = "1", _("Sector 1 (convention fee)")
    SECTOR_2_OPTAM = "2-optam", _("Sector 2, with OPTAM")
    SECTOR_2 = "2", _("Sector 2, without OPTAM")
    NON_CONTRACTED = "non-contracted", _("Non-contracted (secteur 3)")


class Insured(models.TextChoices):
    """Who insures the patient: the French Assurance Maladie, or a home scheme via the EHIC."""

    FRENCH = "french", _("The French Assurance Maladie")
    EHIC = "ehic", _("A European Health Insurance Card (EHIC) from another country")


class Complementary(models.TextChoices):
    NONE = "none", _("None")
    CSS = "css", _("Complémentaire santé solidaire (CSS)")
    PRIVATE = "private", _("A private complementary (mutuelle) covering the ticket modérateur")


@dataclass(frozen=True)
class TariffValue:
    """One parameter's value in force on the estimate's date, with where it comes from."""

    parameter: str
    value: Decimal
    source: str
    confidence: str
    effective_from: date | None = None
    effective_to: date | None = None
    unit: str = ""
    checked_on: date | None = None  # when someone last compared it with its source

    @property
    def label(self) -> str:
        return str(Parameter(self.parameter).label)

    @property
    def confidence_label(self) -> str:
        return str(Confidence(self.confidence).label)

    @property
    def display_value(self) -> str:
        if self.unit.startswith("EUR"):
            return euros(self.value)
        if self.unit == "ratio":
            return percent(self.value)
        return number_format(self.value, 0)

    @property
    def is_confirmed(self) -> bool:
        return self.confidence == Confidence.CONFIRMED


Tariffs = Mapping[str, TariffValue]


@dataclass(frozen=True)
class Visit:
    kind: str
    sector: str
    fee: Decimal | None  # None: the convention fee on that date, when there is one
    gp_declared: bool
    age: int | None  # None: an adult (18 or over)
    complementary: str
    insured: str = Insured.FRENCH


class InvalidVisit(ValueError):
    """A combination that cannot happen, e.g. the CSS with an EHIC (it needs French cover)."""


class MissingTariff(Exception):
    """A value the estimate needs has no row in force on the date."""

    def __init__(self, parameter: str):
        super().__init__(parameter)
        self.parameter = parameter


class FeeRequired(Exception):
    """No fee was given and there is no convention fee to assume."""


@dataclass(frozen=True)
class Estimate:
    fee: Decimal
    fee_assumed: bool
    base: Decimal | None  # None: no sourced tariff to compute it (sector-2 specialist)
    base_reason: str
    convention_fee: Decimal | None
    rate: Decimal
    in_pathway: bool
    pathway_reason: str
    participation: Decimal
    participation_reason: str
    insurance_pays: Decimal | None
    complementary: str
    complementary_pays: Decimal | None
    extra_fee: Decimal | None
    left_to_pay: Decimal | None
    used: tuple[TariffValue, ...] = field(default=())

    @property
    def unconfirmed(self) -> tuple[TariffValue, ...]:
        return tuple(value for value in self.used if not value.is_confirmed)

    @property
    def checked_on(self) -> date | None:
        """When the least recently checked value used here was last checked."""
        dates = [value.checked_on for value in self.used if value.checked_on is not None]
        return min(dates) if dates else None


def cents(amount: Decimal) -> Decimal:
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def _require(tariffs: Tariffs, parameter: str) -> TariffValue:
    try:
        return tariffs[parameter]
    except KeyError:
        raise MissingTariff(parameter) from None


def convention_fee(visit: Visit, tariffs: Tariffs) -> TariffValue | None:
    """The sector-1 GP fee for this patient on that date (none is sourced for specialists)."""
    if visit.kind != Kind.GP:
        return None
    if visit.age is not None and visit.age < 6:
        # Only the child fee from 22 Dec 2024 is sourced; before that, none is assumed.
        return tariffs.get(Parameter.GP_FEE_CHILD_UNDER6)
    return tariffs.get(Parameter.GP_FEE_SECTOR1)


def estimate(*, visit: Visit, tariffs: Tariffs) -> Estimate:
    """What the Assurance Maladie, a complementary and the patient pay for one consultation.

    A pure function: `tariffs` are the values in force on the day of care
    (`guidance.selectors.tariffs_on(day)`), so the same visit on another day uses that day's
    fees, rates and participation forfaitaire. Amounts are Decimals rounded to the cent;
    `base`, `insurance_pays`, `complementary_pays`, `extra_fee` and `left_to_pay` are None
    when no sourced tariff gives the base (a sector-2 specialist): `base_reason` says why.

    Raises FeeRequired when no fee is given and there is no convention fee to assume,
    MissingTariff when a value the rules need has no row for the day, and InvalidVisit for
    the CSS with an EHIC (the CSS needs French affiliation, DOMAIN.md §9.3).
    """
    if visit.insured == Insured.EHIC and visit.complementary == Complementary.CSS:
        raise InvalidVisit("css-needs-french-insurance")
    used: list[TariffValue] = []

    def use(value: TariffValue) -> Decimal:
        if value not in used:
            used.append(value)
        return value.value

    convention = convention_fee(visit, tariffs)
    if visit.fee is not None:
        fee, fee_assumed = visit.fee, False
    elif convention is not None:
        fee, fee_assumed = use(convention), True
    else:
        raise FeeRequired

    # The base de remboursement (DOMAIN.md §1.1a, §1.2, §3). It never exceeds the fee.
    base: Decimal | None
    if visit.sector == Sector.SECTOR_1:
        if convention is not None and fee >= convention.value:
            base, base_reason = use(convention), "sector1-tariff"
        else:
            base, base_reason = fee, "sector1-fee"
    elif visit.kind == Kind.SPECIALIST_DIRECT and visit.sector != Sector.NON_CONTRACTED:
        base, base_reason = None, "no-specialist-tariff"
    elif visit.sector == Sector.SECTOR_2_OPTAM:
        if convention is None:
            base, base_reason = None, "no-tariff"
        else:
            base, base_reason = min(fee, use(convention)), "optam"
    elif visit.sector == Sector.SECTOR_2:
        base = min(fee, use(_require(tariffs, Parameter.GP_BASE_SECTOR2_NON_OPTAM)))
        base_reason = "sector2"
    else:
        parameter = (
            Parameter.AUTHORITY_TARIFF_GP
            if visit.kind == Kind.GP
            else Parameter.AUTHORITY_TARIFF_SPECIALIST
        )
        base, base_reason = min(fee, use(_require(tariffs, parameter))), "authority"

    # The coordinated care pathway (DOMAIN.md §1.1c-d, §2b, §2f-g).
    rate_in = _require(tariffs, Parameter.RATE_IN_PATHWAY)
    pathway_age = tariffs.get(Parameter.PATHWAY_MIN_AGE)
    direct = visit.kind == Kind.SPECIALIST_DIRECT
    if visit.insured == Insured.EHIC:
        # Care on an EHIC is outside the médecin-traitant pathway altogether: no penalty for
        # not having declared a GP (DOMAIN.md §9.3).
        in_pathway, pathway_reason = True, "ehic"
    elif pathway_age is not None and visit.age is not None and visit.age < use(pathway_age):
        in_pathway, pathway_reason = True, "under-16"
    elif visit.gp_declared:
        in_pathway, pathway_reason = True, "direct-with-gp" if direct else "gp-declared"
    else:
        in_pathway, pathway_reason = False, "direct-without-gp" if direct else "no-gp"
    rate = use(rate_in) if in_pathway else use(_require(tariffs, Parameter.RATE_OUT_OF_PATHWAY))

    # The participation forfaitaire (DOMAIN.md §1.3a, §1.3g).
    exemption_age = _require(tariffs, Parameter.PF_EXEMPTION_AGE)
    if visit.age is not None and visit.age < use(exemption_age):
        participation, participation_reason = ZERO, "under-18"
    elif visit.complementary == Complementary.CSS:
        participation, participation_reason = ZERO, "css"
    else:
        participation = use(_require(tariffs, Parameter.PF_PER_ACT))
        participation_reason = "due"

    if base is None:
        insurance_pays = complementary_pays = extra_fee = left_to_pay = None
    else:
        insurance_pays = cents(max(ZERO, base * rate - participation))
        # A responsible complementary (and the CSS) pays the ticket modérateur inside the
        # pathway, and at most the same 30 % of the base outside it: the 40-point increase
        # and the participation forfaitaire stay with the patient (DOMAIN.md §1.1f, §7).
        if visit.complementary == Complementary.NONE:
            complementary_pays = ZERO
        else:
            complementary_pays = cents(base * (ONE - rate_in.value))
            complementary_pays = min(complementary_pays, max(ZERO, base - insurance_pays))
        extra_fee = cents(fee - base)
        left_to_pay = cents(fee - insurance_pays - complementary_pays)

    return Estimate(
        fee=cents(fee),
        fee_assumed=fee_assumed,
        base=None if base is None else cents(base),
        base_reason=base_reason,
        convention_fee=None if convention is None else convention.value,
        rate=rate,
        in_pathway=in_pathway,
        pathway_reason=pathway_reason,
        participation=cents(participation),
        participation_reason=participation_reason,
        insurance_pays=insurance_pays,
        complementary=visit.complementary,
        complementary_pays=complementary_pays,
        extra_fee=extra_fee,
        left_to_pay=left_to_pay,
        used=tuple(used),
    )


# --- Explanations, one sentence per line, in the active language --------------------------


@dataclass(frozen=True)
class Line:
    key: str
    label: str
    amount: str  # already formatted for the active language
    explanation: str
    in_words: bool = False  # a rule in words ("70 % of the base − 2 €"), not a sum


def euros(amount: Decimal) -> str:
    """16.50 € in English, 16,50 € in French."""
    return gettext("%(amount)s €") % {"amount": number_format(amount, 2)}


def percent(rate: Decimal) -> str:
    return gettext("%(rate)s %%") % {"rate": number_format(rate * 100, 0)}


def _base_sentence(result: Estimate, tariffs: Tariffs) -> str:
    reason = result.base_reason
    if reason == "sector1-tariff":
        return gettext(
            "A sector-1 GP is reimbursed on the convention fee, %(fee)s on this date; anything "
            "charged above it is an extra fee."
        ) % {"fee": euros(result.convention_fee)}
    if reason == "sector1-fee":
        return gettext("For a sector-1 doctor the base is the fee charged.")
    if reason == "optam":
        return gettext(
            "A sector-2 doctor in OPTAM is reimbursed on the sector-1 fee, %(fee)s on this date."
        ) % {"fee": euros(result.base)}
    if reason == "sector2":
        return gettext(
            "A sector-2 GP without OPTAM is reimbursed on a base of %(base)s, whatever the fee."
        ) % {"base": euros(result.base)}
    if reason == "authority":
        return gettext(
            "A non-contracted doctor is reimbursed on the tiny “tarif d'autorité”, %(base)s."
        ) % {"base": euros(result.base)}
    if reason == "no-tariff":
        return gettext(
            "Our sources give no convention fee for this consultation on this date, so the "
            "base cannot be worked out here. Ask the doctor for the base de remboursement "
            "(tarif de convention) of the consultation: it is printed on the feuille de soins."
        )
    return gettext(
        "Our sources give no convention fee for specialists outside sector 1, so the base "
        "cannot be worked out here. Ask the doctor (or the secretary, before the visit) "
        "whether they are in OPTAM and what the base de remboursement of the consultation "
        "is; the annuaire santé ameli also shows their sector and usual fees."
    )


def _rate_sentence(result: Estimate) -> str:
    return {
        "gp-declared": gettext(
            "You have declared a médecin traitant, so you are inside the coordinated care pathway."
        ),
        "direct-with-gp": gettext(
            "You may see this specialist directly (gynaecologist, ophthalmologist, psychiatrist "
            "from 16 to 25, stomatologist) and you have declared a médecin traitant."
        ),
        "no-gp": gettext(
            "Without a declared médecin traitant you are outside the pathway, and the rate is "
            "40 points lower."
        ),
        "direct-without-gp": gettext(
            "Without a declared médecin traitant even a specialist you may see directly is "
            "reimbursed at the lower, outside-the-pathway rate."
        ),
        "under-16": gettext("Under 16 the pathway rules do not apply: the full rate is paid."),
        "ehic": gettext(
            "Care on a European Health Insurance Card is outside the médecin-traitant "
            "pathway: there is no penalty for not having declared a GP in France."
        ),
    }[result.pathway_reason]


def _participation_sentence(result: Estimate, tariffs: Tariffs) -> str:
    if result.participation_reason == "under-18":
        return gettext("Patients under 18 do not pay the participation forfaitaire.")
    if result.participation_reason == "css":
        return gettext(
            "Beneficiaries of the complémentaire santé solidaire do not pay the participation "
            "forfaitaire."
        )
    cap = tariffs.get(Parameter.PF_ANNUAL_CAP)
    per_day = tariffs.get(Parameter.PF_MAX_PER_DAY)
    if cap is not None and per_day is not None:
        return gettext(
            "A flat amount taken off every doctor's visit (at most %(cap)s a year and %(count)s "
            "a day with the same doctor); almost no complementary insurance pays it back "
            "(responsible policies may not)."
        ) % {"cap": euros(cap.value), "count": number_format(per_day.value, 0)}
    return gettext(
        "A flat amount taken off every doctor's visit; almost no complementary insurance pays "
        "it back (responsible policies may not)."
    )


def _complementary_sentence(result: Estimate) -> str:
    if result.complementary == Complementary.NONE:
        return gettext("You have no complementary insurance, so nobody pays the rest for you.")
    if result.complementary == Complementary.CSS:
        if result.in_pathway:
            return gettext(
                "The complémentaire santé solidaire pays the ticket modérateur, so you advance "
                "nothing at a doctor's who applies the convention fee."
            )
        return gettext(
            # xgettext:no-python-format ("30 % of" is a percentage, not a format directive)
            "With the complémentaire santé solidaire you pay nothing only inside the pathway. "
            "Without a declared médecin traitant it pays 30 % of the base, and the 40-point "
            "increase stays with you."
        )
    if result.in_pathway:
        return gettext(
            "A responsible policy pays the ticket modérateur; whether it pays extra fees "
            "depends on your policy."
        )
    return gettext(
        # xgettext:no-python-format ("30 % of" is a percentage, not a format directive)
        "Outside the pathway a responsible policy pays at most 30 % of the base: the 40-point "
        "increase stays with you."
    )


def explain(result: Estimate, tariffs: Tariffs) -> list[Line]:
    """The estimate as lines, each with its amount and one sentence saying where it comes from."""
    # Without a sourced base the amount is the rule itself, e.g. "70 % of the base − 2.00 €".
    unknown_base = gettext("depends on the doctor's base")

    def amount(value: Decimal | None) -> str:
        return unknown_base if value is None else euros(value)

    fee_sentence = (
        gettext("You did not give a fee: this is the convention fee for a GP on this date.")
        if result.fee_assumed
        else gettext("What the doctor charges you for the consultation.")
    )
    lines = [
        Line("fee", gettext("Fee charged"), euros(result.fee), fee_sentence),
        Line(
            "base",
            gettext("Base de remboursement (reimbursement base)"),
            amount(result.base),
            _base_sentence(result, tariffs),
            in_words=result.base is None,
        ),
        Line("rate", gettext("Reimbursement rate"), percent(result.rate), _rate_sentence(result)),
        Line(
            "participation",
            gettext("Participation forfaitaire (flat contribution)"),
            euros(result.participation),
            _participation_sentence(result, tariffs),
        ),
    ]
    if result.base is None:
        lines.append(
            Line(
                "insurance",
                gettext("The Assurance Maladie pays"),
                gettext("%(rate)s of the base − %(pf)s")
                % {"rate": percent(result.rate), "pf": euros(result.participation)},
                gettext(
                    "Once the doctor tells you the base, the Assurance Maladie pays this share "
                    "of it, minus the participation forfaitaire; anything charged above the "
                    "base stays with you or your complementary."
                ),
                in_words=True,
            )
        )
        return lines
    lines.append(
        Line(
            "insurance",
            gettext("The Assurance Maladie pays"),
            euros(result.insurance_pays),
            gettext(
                "The base times the rate, minus the participation forfaitaire (never below "
                "zero): %(base)s × %(rate)s − %(pf)s."
            )
            % {
                "base": euros(result.base),
                "rate": percent(result.rate),
                "pf": euros(result.participation),
            },
        )
    )
    lines.append(
        Line(
            "complementary",
            gettext("Your complementary insurance pays"),
            euros(result.complementary_pays),
            _complementary_sentence(result),
        )
    )
    if result.extra_fee:
        extra_sentence = gettext("The Assurance Maladie never pays what is charged above the base.")
        if result.complementary == Complementary.CSS:
            extra_sentence = gettext(
                "Doctors may not charge extra fees to beneficiaries of the complémentaire santé "
                "solidaire, except for a special demand of yours (an unusual time or place)."
            )
        lines.append(
            Line(
                "extra", gettext("Extra fee (dépassement)"), euros(result.extra_fee), extra_sentence
            )
        )
    lines.append(
        Line(
            "left",
            gettext("Left for you to pay"),
            euros(result.left_to_pay),
            gettext(
                "The fee charged, minus what the Assurance Maladie and your complementary pay."
            ),
        )
    )
    return lines
