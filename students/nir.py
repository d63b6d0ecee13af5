"""French social-security numbers: checking, masking and explaining them.

Rules from DOMAIN.md §5.4: 13 characters and a 2-digit key (97 − number mod 97, with
Corsica's 2A counted as 19 and 2B as 18); the first digit is 1 or 2 for a definitive
number (NIR) and 7 or 8 for a provisional one (NIA); department 99 means born abroad,
followed by the INSEE code of the country. python-stdnum's `fr.nir` checks the key.
"""

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from stdnum import exceptions as stdnum_exceptions
from stdnum.fr import nir as stdnum_nir

LENGTH = 15
PROVISIONAL_FIRST_DIGITS = frozenset("78")
DEFINITIVE_FIRST_DIGITS = frozenset("12")
BORN_ABROAD_DEPARTMENT = "99"
CORSICA_DEPARTMENTS = frozenset({"2A", "2B"})
OVERSEAS_DEPARTMENT_PREFIXES = frozenset({"97", "98"})

# People type numbers with spaces, dots or dashes between the groups, as printed on letters.
_SEPARATORS = re.compile(r"[\s.\-]+")
# Only digits, except positions 6–7, which may be Corsica's 2A or 2B.
_ALLOWED = re.compile(r"\d*|\d{5}2[AB]\d*")


class NumberKind(models.TextChoices):
    PROVISIONAL = "provisional", _("provisional number")
    DEFINITIVE = "definitive", _("definitive number")


def compact(value: str) -> str:
    """The number without separators, in capitals (2a → 2A)."""
    return _SEPARATORS.sub("", value or "").upper()


def kind_of(number: str) -> NumberKind | None:
    """Provisional or definitive, from the first digit; None when it is neither."""
    first = compact(number)[:1]
    if first in PROVISIONAL_FIRST_DIGITS:
        return NumberKind.PROVISIONAL
    if first in DEFINITIVE_FIRST_DIGITS:
        return NumberKind.DEFINITIVE
    return None


def validate(value: str, *, kind: NumberKind | None = None) -> str:
    """Return the compact number, or raise ValidationError saying what is wrong with it."""
    number = compact(value)
    if not number:
        raise ValidationError(_("Enter the number."), code="required")
    if not _ALLOWED.fullmatch(number):
        raise ValidationError(
            _(
                "A social-security number has only digits, except 2A or 2B in 6th and 7th "
                "place for people born in Corsica. Check for letters or other characters."
            ),
            code="characters",
        )
    if len(number) != LENGTH:
        raise ValidationError(
            ngettext(
                "A social-security number has 15 characters (13, then a 2-digit key); "
                "you typed %(count)d.",
                "A social-security number has 15 characters (13, then a 2-digit key); "
                "you typed %(count)d.",
                len(number),
            )
            % {"count": len(number)},
            code="length",
        )
    first = number[0]
    if kind_of(number) is None:
        raise ValidationError(
            _(
                "A social-security number starts with 1 or 2 (definitive number) or 7 or 8 "
                "(provisional number); this one starts with %(digit)s."
            ),
            code="first_digit",
            params={"digit": first},
        )
    if kind == NumberKind.PROVISIONAL and first in DEFINITIVE_FIRST_DIGITS:
        raise ValidationError(
            _(
                "This looks like a definitive number (it starts with %(digit)s); the "
                "provisional number starts with 7 or 8."
            ),
            code="first_digit",
            params={"digit": first},
        )
    if kind == NumberKind.DEFINITIVE and first in PROVISIONAL_FIRST_DIGITS:
        raise ValidationError(
            _(
                "This looks like a provisional number (it starts with %(digit)s); the "
                "definitive number starts with 1 or 2."
            ),
            code="first_digit",
            params={"digit": first},
        )
    try:
        stdnum_nir.validate(number)
    except stdnum_exceptions.InvalidChecksum:
        raise ValidationError(
            _(
                "The last two digits (the key) do not match the first 13: one digit is "
                "probably mistyped. Check the number against your letter or certificate."
            ),
            code="key",
        ) from None
    except stdnum_exceptions.ValidationError:
        raise ValidationError(
            _("This is not a valid social-security number. Check each digit."),
            code="invalid",
        ) from None
    return number


def is_valid(value: str, *, kind: NumberKind | None = None) -> bool:
    try:
        validate(value, kind=kind)
    except ValidationError:
        return False
    return True


def calculate_key(first_13: str) -> str:
    """The 2-digit key of a 13-character number (used by the demo data and the tests)."""
    return stdnum_nir.calc_check_digits(compact(first_13))


def _groups(number: str) -> list[str]:
    return [
        number[0:1],
        number[1:3],
        number[3:5],
        number[5:7],
        number[7:10],
        number[10:13],
        number[13:15],
    ]


def format_number(value: str) -> str:
    """The number in its printed groups: 7 01 09 99 216 321 18."""
    return " ".join(group for group in _groups(compact(value)) if group)


def mask(value: str) -> str:
    """Only the first digit, the year and the key stay visible: 7 01 ** ** *** *** 18."""
    number = compact(value)
    if len(number) != LENGTH:
        return "*" * len(number)
    groups = _groups(number)
    for index in range(2, 6):
        groups[index] = "*" * len(groups[index])
    return " ".join(groups)


@dataclass(frozen=True)
class NumberReading:
    """What each part of a valid number says, for the public helper."""

    number: str
    kind: NumberKind
    birth_year: str
    birth_month: str
    month_known: bool
    department: str
    born_abroad: bool
    born_in_corsica: bool
    born_overseas: bool
    place_code: str
    order: str
    key: str

    @property
    def formatted(self) -> str:
        return format_number(self.number)


def read(value: str) -> NumberReading:
    """Split a valid number into its parts (call validate() first)."""
    number = compact(value)
    department = number[5:7]
    month = number[3:5]
    return NumberReading(
        number=number,
        kind=kind_of(number),
        birth_year=number[1:3],
        birth_month=month,
        month_known=month.isdigit() and 1 <= int(month) <= 12,
        department=department,
        born_abroad=department == BORN_ABROAD_DEPARTMENT,
        born_in_corsica=department in CORSICA_DEPARTMENTS,
        born_overseas=department in OVERSEAS_DEPARTMENT_PREFIXES,
        place_code=number[7:10],
        order=number[10:13],
        key=number[13:15],
    )
