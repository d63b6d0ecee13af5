"""What a student types: digits in ASCII, phone numbers that exist, dates in sensible ranges.

Python's `\\d` matches every script's digits, so "٩٢٠٠٠" passed as a postal code; a date
field took year 1 or 9999 (issue 16, "What to build"). Model fields reference these
validators by name (migrations do not copy them), and the student's forms add the ranges,
which move with today's date.
"""

import datetime
import re

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

ASCII_POSTAL_CODE = re.compile(r"[0-9]{5}")
PHONE_CHARACTERS = re.compile(r"\+?[0-9 ().-]{6,25}")
PHONE_REGION = "FR"


def validate_french_postal_code(value: str) -> None:
    if not ASCII_POSTAL_CODE.fullmatch(value or ""):
        raise ValidationError(
            _("Enter a French postal code: 5 digits, for example 92000."), code="invalid"
        )


def normalised_phone(value: str) -> str:
    """The number in international format ("+33 6 12 34 56 78"), or ValidationError."""
    message = _(
        "Enter a phone number that exists, in digits 0-9, for example +33 6 12 34 56 78 "
        "or 06 12 34 56 78."
    )
    if not PHONE_CHARACTERS.fullmatch(value or ""):
        raise ValidationError(message, code="invalid")
    try:
        number = phonenumbers.parse(value, PHONE_REGION)
    except phonenumbers.NumberParseException:
        raise ValidationError(message, code="invalid") from None
    if not phonenumbers.is_valid_number(number):
        raise ValidationError(message, code="invalid")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def validate_phone(value: str) -> None:
    normalised_phone(value)


def _years_from(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


# (earliest, latest) in years from today, per kind of date.
DATE_RANGES = {
    "date_of_birth": (-100, 0),
    "arrival_date": (-10, 2),
    "academic_year": (-10, 3),
    "ehic_expiry": (-5, 10),
    "report": (-5, 0),
}


def date_in_range(value: datetime.date | None, kind: str) -> datetime.date | None:
    """`value` if it lies within the range for `kind`, else a ValidationError naming it."""
    if value is None:
        return value
    today = timezone.localdate()
    earliest, latest = (_years_from(today, years) for years in DATE_RANGES[kind])
    if not earliest <= value <= latest:
        raise ValidationError(
            _("Enter a date between %(earliest)s and %(latest)s."),
            code="out_of_range",
            params={
                "earliest": formats.date_format(earliest, "SHORT_DATE_FORMAT"),
                "latest": formats.date_format(latest, "SHORT_DATE_FORMAT"),
            },
        )
    return value
