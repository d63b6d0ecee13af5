"""Social-security number vectors: each kind of mistake has its own message."""

import pytest
from django.core.exceptions import ValidationError
from stdnum.fr import nir as stdnum_nir

from students import nir
from students.nir import NumberKind


def key_by_formula(first_13: str) -> str:
    """97 − (number mod 97), with Corsica's 2A counted as 19 and 2B as 18 (DOMAIN.md §5.4)."""
    digits = first_13.replace(" ", "")
    digits = digits[:5] + {"2A": "19", "2B": "18"}.get(digits[5:7], digits[5:7]) + digits[7:]
    return f"{97 - int(digits) % 97:02d}"


# (first 13 characters, key worked out by hand in DOMAIN.md §5.4)
WORKED_KEYS = [
    ("1 85 05 78 006 084", "91"),
    ("2 90 12 2A 004 123", "67"),
    ("2 90 12 2B 004 123", "94"),
    ("1 99 07 99 352 001", "19"),
    ("8 01 09 99 216 321", "18"),
]


@pytest.mark.parametrize(("first_13", "key"), WORKED_KEYS)
def test_the_formula_and_stdnum_agree_with_the_worked_keys(first_13, key):
    assert key_by_formula(first_13) == key
    assert stdnum_nir.calc_check_digits(first_13.replace(" ", "")) == key
    assert nir.calculate_key(first_13) == key


VALID = [
    ("8 01 09 99 216 321 18", NumberKind.PROVISIONAL),  # provisional, born abroad
    ("7 02 11 99 100 004 " + key_by_formula("7 02 11 99 100 004"), NumberKind.PROVISIONAL),
    ("1 85 05 78 006 084 91", NumberKind.DEFINITIVE),
    ("2 90 12 2A 004 123 67", NumberKind.DEFINITIVE),  # Corsica
    ("2 90 12 2b 004 123 94", NumberKind.DEFINITIVE),  # Corsica, typed in lower case
    ("1 99 07 99 352 001 19", NumberKind.DEFINITIVE),  # born abroad
    ("8 01 31 99 216 321 " + key_by_formula("8 01 31 99 216 321"), NumberKind.PROVISIONAL),
]


@pytest.mark.parametrize(("number", "kind"), VALID)
def test_a_valid_number_is_accepted_for_its_kind(number, kind):
    compact = number.replace(" ", "").upper()

    assert nir.validate(number, kind=kind) == compact
    assert nir.validate(number) == compact
    assert nir.kind_of(number) == kind


@pytest.mark.parametrize(
    "typed",
    [
        "801099921632118",
        "8.01.09.99.216.321.18",
        "8-01-09-99-216-321-18",
        " 8 01 09 99 216 321 18 ",
    ],
)
def test_spaces_dots_and_dashes_between_groups_are_fine(typed):
    assert nir.validate(typed, kind=NumberKind.PROVISIONAL) == "801099921632118"


def error_of(number, kind=None) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        nir.validate(number, kind=kind)
    return caught.value


@pytest.mark.parametrize(
    ("number", "kind", "code", "words"),
    [
        ("8 01 09 99 216 321 19", NumberKind.PROVISIONAL, "key", "key"),
        ("2 90 12 2A 004 123 94", NumberKind.DEFINITIVE, "key", "key"),  # 2B's key on 2A
        ("2 90 12 2B 004 123 67", NumberKind.DEFINITIVE, "key", "key"),
        ("1 85 05 78 006 084 91", NumberKind.PROVISIONAL, "first_digit", "looks like a definitive"),
        ("8 01 09 99 216 321 18", NumberKind.DEFINITIVE, "first_digit", "looks like a provisional"),
        (
            "3 01 09 99 216 321 " + key_by_formula("3 01 09 99 216 321"),
            None,
            "first_digit",
            "1 or 2",
        ),
        ("8 01 09 99 216 321", NumberKind.PROVISIONAL, "length", "15 characters"),
        ("8 01 09 99 216 321 180", NumberKind.PROVISIONAL, "length", "you typed 16"),
        ("8 01 09 99", None, "length", "you typed 7"),
        ("8 01 09 99 2I6 321 18", NumberKind.PROVISIONAL, "characters", "only digits"),
        ("8 01 09 2C 216 321 18", NumberKind.PROVISIONAL, "characters", "2A or 2B"),
        ("8 01 A9 99 216 321 18", NumberKind.PROVISIONAL, "characters", "only digits"),
        ("one two three", None, "characters", "only digits"),
        ("", None, "required", "Enter the number"),
    ],
)
def test_each_kind_of_mistake_has_its_own_message(number, kind, code, words):
    error = error_of(number, kind)

    assert error.code == code
    assert words in " ".join(error.messages)


def test_the_first_digit_message_names_the_digit_typed():
    error = error_of("1 85 05 78 006 084 91", NumberKind.PROVISIONAL)

    assert error.messages == [
        "This looks like a definitive number (it starts with 1); the provisional number "
        "starts with 7 or 8."
    ]


def test_messages_are_translated():
    from django.utils import translation

    with translation.override("fr"):
        error = error_of("8 01 09 99 216 321 19", NumberKind.PROVISIONAL)
        assert "clé" in " ".join(error.messages)


@pytest.mark.parametrize(
    ("number", "masked"),
    [
        ("801099921632118", "8 01 ** ** *** *** 18"),
        ("2 90 12 2A 004 123 67", "2 90 ** ** *** *** 67"),
        ("70111", "*****"),
    ],
)
def test_the_mask_shows_only_the_first_digit_the_year_and_the_key(number, masked):
    assert nir.mask(number) == masked


def test_a_number_is_read_part_by_part():
    reading = nir.read("8 01 09 99 216 321 18")

    assert reading.kind == NumberKind.PROVISIONAL
    assert (reading.birth_year, reading.birth_month, reading.month_known) == ("01", "09", True)
    assert reading.born_abroad and not reading.born_in_corsica
    assert (reading.place_code, reading.order, reading.key) == ("216", "321", "18")
    assert reading.formatted == "8 01 09 99 216 321 18"


def test_a_month_outside_1_to_12_reads_as_unknown():
    first_13 = "8 01 31 99 216 321"
    reading = nir.read(first_13 + key_by_formula(first_13))

    assert reading.month_known is False


def test_corsica_reads_as_corsica():
    assert nir.read("2 90 12 2B 004 123 94").born_in_corsica
