"""Does a recorded number agree with the profile? A pure rule, no database.

What a number says (DOMAIN.md §5.4): digit 1 the sex (1/7 man, 2/8 woman), digits 2–3 the
year of birth, 4–5 the month (values outside 01–12 mean an incomplete civil-status record,
so they say nothing), 6–7 the département of birth, or 99 followed by the INSEE code of the
country for a person born abroad (students/insee.py).

A disagreement never blocks anything: the office's and the CPAM's records may differ for
good reasons, and a provisional number is issued before the identity is certified, so it
may carry a placeholder. It is a warning to the student ("check your profile or the
number") and a flag for staff.
"""

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from django.utils.translation import gettext_lazy as _
from django_countries import countries

from . import insee, nir

# The first digit by sex (DOMAIN.md §5.4), definitive and provisional numbers alike.
SEX_DIGITS = {"M": frozenset("17"), "F": frozenset("28")}

# French overseas territories: 3-digit place codes (positions 6–8) in a number.
OVERSEAS_PLACE_CODES = {
    "GP": "971",
    "MQ": "972",
    "GF": "973",
    "RE": "974",
    "PM": "975",
    "YT": "976",
    "BL": "977",
    "MF": "978",
    "WF": "986",
    "PF": "987",
    "NC": "988",
}


class Disagreement(StrEnum):
    SEX = "sex"
    BIRTH_YEAR = "birth_year"
    BIRTH_MONTH = "birth_month"
    PLACE_OF_BIRTH = "place_of_birth"


LABELS = {
    Disagreement.SEX: _("sex"),
    Disagreement.BIRTH_YEAR: _("year of birth"),
    Disagreement.BIRTH_MONTH: _("month of birth"),
    Disagreement.PLACE_OF_BIRTH: _("place of birth"),
}


@dataclass(frozen=True)
class Mismatch:
    """One part of the number that says something else than the profile."""

    kind: Disagreement
    in_number: str
    in_profile: str

    @property
    def label(self) -> str:
        return str(LABELS[self.kind])

    @property
    def message(self) -> str:
        return _("%(part)s: the number says %(number)s, the profile says %(profile)s.") % {
            "part": str(LABELS[self.kind]).capitalize(),
            "number": self.in_number,
            "profile": self.in_profile,
        }


def _sex_label(sex: str) -> str:
    return str(_("man") if sex == "M" else _("woman"))


def _country_name(code: str) -> str:
    return str(countries.name(code)) or code


def _place_in_number(reading: nir.NumberReading) -> tuple[str, str | None]:
    """(how the number's place of birth reads, the ISO country it means or None)."""
    if reading.born_abroad:
        country = insee.country_of_code(reading.place_code)
        if country is None:
            code = {"code": reading.place_code}
            return str(_("born abroad (country code %(code)s)") % code), None
        return _country_name(country), country
    if reading.born_overseas:
        place = reading.department + reading.place_code[:1]
        for country, code in OVERSEAS_PLACE_CODES.items():
            if code == place:
                return _country_name(country), country
        return str(_("France (overseas, %(code)s)") % {"code": place}), "FR"
    return str(_("France (département %(code)s)") % {"code": reading.department}), "FR"


def _place_agrees(reading: nir.NumberReading, country_of_birth: str) -> bool:
    if reading.born_abroad:
        if country_of_birth == "FR" or country_of_birth in OVERSEAS_PLACE_CODES:
            return False
        codes = insee.codes_by_country().get(country_of_birth)
        # A country the table does not know cannot be checked: no warning.
        return codes is None or reading.place_code in codes
    if reading.born_overseas:
        place = reading.department + reading.place_code[:1]
        expected = OVERSEAS_PLACE_CODES.get(country_of_birth)
        # "France" for a person born overseas is not wrong, only less precise.
        return country_of_birth == "FR" or expected == place
    # A département of mainland France or Corsica.
    return country_of_birth == "FR"


def disagreements(
    number: str, *, date_of_birth: date | None, country_of_birth: str, sex: str = ""
) -> list[Mismatch]:
    """Each part of a valid number that disagrees with the profile, in the number's order.

    An invalid number, or a profile value that is not given (sex left blank, no date of
    birth), gives no disagreement for that part: only what both sides state is compared.
    """
    if not nir.is_valid(number):
        return []
    reading = nir.read(number)
    found: list[Mismatch] = []
    first = reading.number[0]
    if sex in SEX_DIGITS and first not in SEX_DIGITS[sex]:
        found.append(
            Mismatch(Disagreement.SEX, _sex_label("M" if first in "17" else "F"), _sex_label(sex))
        )
    if date_of_birth is not None:
        if reading.birth_year != f"{date_of_birth.year % 100:02d}":
            found.append(
                Mismatch(
                    Disagreement.BIRTH_YEAR,
                    # Only two digits are in the number: say them as they are.
                    f"…{reading.birth_year}",
                    str(date_of_birth.year),
                )
            )
        if reading.month_known and int(reading.birth_month) != date_of_birth.month:
            found.append(
                Mismatch(
                    Disagreement.BIRTH_MONTH,
                    reading.birth_month,
                    f"{date_of_birth.month:02d}",
                )
            )
    country = (country_of_birth or "").upper()
    if country and not _place_agrees(reading, country):
        found.append(
            Mismatch(
                Disagreement.PLACE_OF_BIRTH, _place_in_number(reading)[0], _country_name(country)
            )
        )
    return found
