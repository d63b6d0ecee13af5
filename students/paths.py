"""Which path a student is on: pure functions from what the student told us.

The rules follow PRODUCT.md ("The three paths") and DOMAIN.md §5.1 (who must register).
Nothing here touches the database, so the router is tested as a table of cases.
"""

from dataclasses import dataclass
from datetime import date

from django.db import models
from django.utils.translation import gettext_lazy as _

from students.countries import (
    CANADA,
    EU_DOCUMENTS_NEEDING_TRANSLATION,
    FRANCE,
    FRENCH_TERRITORIES_USING_FOREIGN_STUDENT_SITE,
    FRENCH_TERRITORIES_WITH_NUMBER_AT_BIRTH,
    is_eu_eea_swiss,
)


class Path(models.TextChoices):
    EU_WITH_EHIC = "eu-ehic", _("EU/EEA/Swiss student with a valid EHIC: no registration")
    EU_REGISTER = "eu-register", _("EU/EEA/Swiss student without a valid EHIC: register (S1)")
    NON_EU = "non-eu", _("Student from outside the EU: register")
    QUEBEC = "quebec", _("Quebec student: Quebec forms SE 401-Q-106 / 102 bis")
    ALREADY_REGISTERED = "already-registered", _("Already registered in an earlier year")
    SHORT_STAY = "short-stay", _("Stay under 3 months: private insurance")


# Paths on which the student registers on the official foreign-student site and goes
# through the registration lifecycle (provisional number, documents, definitive number).
REGISTERING_PATHS = frozenset({Path.EU_REGISTER, Path.NON_EU, Path.QUEBEC})


class Flag(models.TextChoices):
    PARENTAL_AUTHORISATION = "parental-authorisation", _("Under 16: parental authorisation")
    FRENCH_BORN_ABROAD = "french-born-abroad", _("French citizen born abroad")
    FRENCH_OVERSEAS_TERRITORY = (
        "french-overseas-territory",
        _("From New Caledonia, Wallis and Futuna, French Polynesia or Saint Pierre and Miquelon"),
    )
    NUMBER_FROM_BIRTH = (
        "number-from-birth",
        _("French citizen born in France: a social-security number from birth"),
    )
    EHIC_EXPIRES_DURING_YEAR = "ehic-expires", _("EHIC expires before the academic year ends")
    TRANSLATION_NEEDED = "translation-needed", _("Documents may need a sworn French translation")


PARENTAL_AUTHORISATION_AGE = 16


@dataclass(frozen=True)
class StudentFacts:
    """What the router needs to know, taken from the profile and the academic year."""

    nationality: str
    academic_year_end: date
    stay_at_least_3_months: bool = True
    already_registered: bool = False
    ehic_held: bool = False
    ehic_expiry: date | None = None
    quebec_resident: bool = False
    date_of_birth: date | None = None
    academic_year_start: date | None = None
    country_of_birth: str = ""


@dataclass(frozen=True)
class PathDecision:
    path: Path
    flags: frozenset[Flag] = frozenset()

    @property
    def registers(self) -> bool:
        return self.path in REGISTERING_PATHS


def ehic_covers_academic_year(*, ehic_held: bool, ehic_expiry: date | None, year_end: date) -> bool:
    """An EHIC replaces registration only if it is valid at least until the year's last day."""
    return ehic_held and ehic_expiry is not None and ehic_expiry >= year_end


def age_on(*, birth: date, day: date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def route(facts: StudentFacts) -> PathDecision:
    """Decide the student's path and the edge cases that apply to it."""
    nationality = (facts.nationality or "").upper()
    flags: set[Flag] = set()
    if facts.date_of_birth and facts.academic_year_start:
        age = age_on(birth=facts.date_of_birth, day=facts.academic_year_start)
        if age < PARENTAL_AUTHORISATION_AGE:
            flags.add(Flag.PARENTAL_AUTHORISATION)

    covered_by_ehic = is_eu_eea_swiss(nationality) and ehic_covers_academic_year(
        ehic_held=facts.ehic_held,
        ehic_expiry=facts.ehic_expiry,
        year_end=facts.academic_year_end,
    )
    birth_country = (facts.country_of_birth or "").upper()
    french = nationality == FRANCE or nationality in FRENCH_TERRITORIES_USING_FOREIGN_STUDENT_SITE

    if facts.already_registered:
        return PathDecision(Path.ALREADY_REGISTERED, frozenset(flags))
    if french and birth_country in FRENCH_TERRITORIES_WITH_NUMBER_AT_BIRTH:
        # Registered in the RNIPP at birth: nothing to do on the foreign-student site.
        flags.add(Flag.NUMBER_FROM_BIRTH)
        return PathDecision(Path.ALREADY_REGISTERED, frozenset(flags))
    if covered_by_ehic:
        # The EHIC covers a stay of any length, so a short stay changes nothing for them.
        return PathDecision(Path.EU_WITH_EHIC, frozenset(flags))
    if not facts.stay_at_least_3_months:
        return PathDecision(Path.SHORT_STAY, frozenset(flags))
    if nationality == CANADA and facts.quebec_resident:
        return PathDecision(Path.QUEBEC, frozenset(flags))
    if french:
        # French citizens born abroad and people from the Pacific territories use the
        # foreign-student site like students from outside the EU (DOMAIN.md §5h).
        if (
            nationality in FRENCH_TERRITORIES_USING_FOREIGN_STUDENT_SITE
            or birth_country in FRENCH_TERRITORIES_USING_FOREIGN_STUDENT_SITE
        ):
            flags.add(Flag.FRENCH_OVERSEAS_TERRITORY)
        else:
            flags.add(Flag.FRENCH_BORN_ABROAD)
        return PathDecision(Path.NON_EU, frozenset(flags))
    if is_eu_eea_swiss(nationality):
        if facts.ehic_held and facts.ehic_expiry is not None:
            flags.add(Flag.EHIC_EXPIRES_DURING_YEAR)
        if nationality in EU_DOCUMENTS_NEEDING_TRANSLATION:
            flags.add(Flag.TRANSLATION_NEEDED)
        return PathDecision(Path.EU_REGISTER, frozenset(flags))
    # No sworn translation is assumed for students from outside the EU: the CPAM accepts
    # civil-status documents in about twenty languages as they are (DOMAIN.md §9.1); a
    # translation is asked for when the CPAM asks for one.
    return PathDecision(Path.NON_EU, frozenset(flags))
