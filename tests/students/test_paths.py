"""The path router, as a table: facts in, path and flags out (no database)."""

from dataclasses import replace
from datetime import date, timedelta

import pytest

from students.paths import REGISTERING_PATHS, Flag, Path, StudentFacts, route

YEAR_START = date(2026, 9, 1)
YEAR_END = date(2027, 8, 31)
BASE = StudentFacts(
    nationality="US",
    country_of_birth="US",
    academic_year_start=YEAR_START,
    academic_year_end=YEAR_END,
    date_of_birth=date(2004, 3, 1),
)


def facts(**changes) -> StudentFacts:
    return replace(BASE, **changes)


CASES = [
    # (case, facts, expected path, flags that must be present, flags that must be absent)
    # No sworn translation assumed: most common languages are accepted as they are (§9.1).
    ("non-EU student registers", facts(), Path.NON_EU, set(), {Flag.TRANSLATION_NEEDED}),
    (
        "German with EHIC valid after the year's end needs no registration",
        facts(nationality="DE", ehic_held=True, ehic_expiry=YEAR_END + timedelta(days=1)),
        Path.EU_WITH_EHIC,
        set(),
        {Flag.EHIC_EXPIRES_DURING_YEAR},
    ),
    (
        "EHIC expiring on the year's last day still covers the year",
        facts(nationality="DE", ehic_held=True, ehic_expiry=YEAR_END),
        Path.EU_WITH_EHIC,
        set(),
        set(),
    ),
    (
        "EHIC expiring the day before the year's end means registering",
        facts(nationality="DE", ehic_held=True, ehic_expiry=YEAR_END - timedelta(days=1)),
        Path.EU_REGISTER,
        {Flag.EHIC_EXPIRES_DURING_YEAR},
        set(),
    ),
    (
        "EU student without an EHIC registers, documents need no translation",
        facts(nationality="IT"),
        Path.EU_REGISTER,
        set(),
        {Flag.TRANSLATION_NEEDED, Flag.EHIC_EXPIRES_DURING_YEAR},
    ),
    (
        "an EHIC without an expiry date does not count",
        facts(nationality="IT", ehic_held=True, ehic_expiry=None),
        Path.EU_REGISTER,
        set(),
        {Flag.EHIC_EXPIRES_DURING_YEAR},
    ),
    (
        "Greek documents need a translation",
        facts(nationality="GR"),
        Path.EU_REGISTER,
        {Flag.TRANSLATION_NEEDED},
        set(),
    ),
    (
        "Estonian documents need a translation (§9.10)",
        facts(nationality="EE"),
        Path.EU_REGISTER,
        {Flag.TRANSLATION_NEEDED},
        set(),
    ),
    (
        "Slovene documents need a translation (§9.10)",
        facts(nationality="SI"),
        Path.EU_REGISTER,
        {Flag.TRANSLATION_NEEDED},
        set(),
    ),
    (
        "Bulgarian documents need a translation",
        facts(nationality="BG"),
        Path.EU_REGISTER,
        {Flag.TRANSLATION_NEEDED},
        set(),
    ),
    (
        "Swiss with a valid EHIC is like an EU student",
        facts(nationality="CH", ehic_held=True, ehic_expiry=YEAR_END),
        Path.EU_WITH_EHIC,
        set(),
        set(),
    ),
    ("Swiss without an EHIC registers", facts(nationality="CH"), Path.EU_REGISTER, set(), set()),
    (
        "Norwegian (EEA) with a valid EHIC needs no registration",
        facts(nationality="NO", ehic_held=True, ehic_expiry=YEAR_END),
        Path.EU_WITH_EHIC,
        set(),
        set(),
    ),
    (
        "Norwegian without an EHIC registers",
        facts(nationality="NO"),
        Path.EU_REGISTER,
        set(),
        set(),
    ),
    (
        "British students are outside the EU since 2020, whatever card they hold",
        facts(nationality="GB", ehic_held=True, ehic_expiry=YEAR_END),
        Path.NON_EU,
        set(),
        {Flag.TRANSLATION_NEEDED},
    ),
    (
        "Quebec resident uses the Quebec forms",
        facts(nationality="CA", quebec_resident=True),
        Path.QUEBEC,
        set(),
        set(),
    ),
    (
        "Canadian from outside Quebec is a non-EU student",
        facts(nationality="CA", quebec_resident=False),
        Path.NON_EU,
        set(),
        set(),
    ),
    (
        "Quebec residence counts only for Canadian nationals",
        facts(nationality="US", quebec_resident=True),
        Path.NON_EU,
        set(),
        set(),
    ),
    (
        "French citizen born abroad uses the foreign-student site",
        facts(nationality="FR", country_of_birth="MA"),
        Path.NON_EU,
        {Flag.FRENCH_BORN_ABROAD},
        {Flag.TRANSLATION_NEEDED},
    ),
    (
        "French citizen born in New Caledonia uses the foreign-student site",
        facts(nationality="FR", country_of_birth="NC"),
        Path.NON_EU,
        {Flag.FRENCH_OVERSEAS_TERRITORY},
        {Flag.FRENCH_BORN_ABROAD},
    ),
    (
        "French citizen born in France has a number from birth",
        facts(nationality="FR", country_of_birth="FR"),
        Path.ALREADY_REGISTERED,
        {Flag.NUMBER_FROM_BIRTH},
        set(),
    ),
    (
        "French citizen born in Réunion has a number from birth",
        facts(nationality="FR", country_of_birth="RE"),
        Path.ALREADY_REGISTERED,
        {Flag.NUMBER_FROM_BIRTH},
        set(),
    ),
    (
        "already registered in an earlier year: nothing new",
        facts(already_registered=True),
        Path.ALREADY_REGISTERED,
        set(),
        set(),
    ),
    (
        "already registered wins over every other fact",
        facts(nationality="DE", already_registered=True, stay_at_least_3_months=False),
        Path.ALREADY_REGISTERED,
        set(),
        set(),
    ),
    (
        "a stay under 3 months needs private insurance",
        facts(stay_at_least_3_months=False),
        Path.SHORT_STAY,
        set(),
        set(),
    ),
    (
        "a short stay of an EU student without an EHIC needs private insurance",
        facts(nationality="ES", stay_at_least_3_months=False),
        Path.SHORT_STAY,
        set(),
        set(),
    ),
    (
        "a short stay is covered by a valid EHIC",
        facts(nationality="ES", stay_at_least_3_months=False, ehic_held=True, ehic_expiry=YEAR_END),
        Path.EU_WITH_EHIC,
        set(),
        set(),
    ),
    (
        "under 16 on the first day needs a parental authorisation",
        facts(date_of_birth=date(2010, 9, 2)),
        Path.NON_EU,
        {Flag.PARENTAL_AUTHORISATION},
        set(),
    ),
    (
        "16 on the first day needs no parental authorisation",
        facts(date_of_birth=date(2010, 9, 1)),
        Path.NON_EU,
        set(),
        {Flag.PARENTAL_AUTHORISATION},
    ),
    (
        "an under-16 EU student with a valid EHIC keeps the flag",
        facts(
            nationality="DE",
            date_of_birth=date(2011, 1, 1),
            ehic_held=True,
            ehic_expiry=YEAR_END,
        ),
        Path.EU_WITH_EHIC,
        {Flag.PARENTAL_AUTHORISATION},
        set(),
    ),
    (
        "country codes in lower case are understood",
        facts(nationality="de", ehic_held=True, ehic_expiry=YEAR_END),
        Path.EU_WITH_EHIC,
        set(),
        set(),
    ),
]


@pytest.mark.parametrize(
    ("student", "expected_path", "present", "absent"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_the_router_decides_the_path(student, expected_path, present, absent):
    decision = route(student)

    assert decision.path == expected_path
    assert present <= decision.flags
    assert not (absent & decision.flags)


def test_every_path_appears_in_the_table():
    assert {case[2] for case in CASES} == set(Path)


@pytest.mark.parametrize(
    ("path", "registers"),
    [
        (Path.NON_EU, True),
        (Path.EU_REGISTER, True),
        (Path.QUEBEC, True),
        (Path.EU_WITH_EHIC, False),
        (Path.ALREADY_REGISTERED, False),
        (Path.SHORT_STAY, False),
    ],
)
def test_only_registering_paths_go_through_the_lifecycle(path, registers):
    assert (path in REGISTERING_PATHS) is registers
