"""INSEE country codes, as used in positions 8–10 of the number of a person born abroad.

Source: INSEE, Code officiel géographique (COG) 2025, "Pays et territoires étrangers"
(https://www.insee.fr/fr/information/2560452, checked 4 Dec 2026), columns COG and
CODEISO2; the current countries and the territories with an ISO code of their own, in
data/insee_countries.csv. python-stdnum's `fr.nir` checks only the key and ships no
country table, and the project had none.

A person born in a state that has since split is numbered with the state of the day
(INSEE keeps those codes in the COG as historical entries): FORMER_STATES lists the ones
students' birth years can still meet. Confidence: likely (COG historical rows).
"""

import csv
from functools import cache
from pathlib import Path

_DATA = Path(__file__).resolve().parent / "data" / "insee_countries.csv"

# ISO code → the codes of the former state a person born there before the split may carry.
_CZECHOSLOVAKIA = "115"
_USSR = "123"
_YUGOSLAVIA = "121"
FORMER_STATES = {
    "CZ": {_CZECHOSLOVAKIA},
    "SK": {_CZECHOSLOVAKIA},
    **{
        code: {_USSR}
        for code in ("EE", "LV", "LT", "BY", "MD", "UA", "AM", "AZ", "GE", "KZ", "KG")
        + ("UZ", "TJ", "TM")
    },
    **{code: {_YUGOSLAVIA} for code in ("BA", "HR", "ME", "MK", "SI", "XK")},
}


@cache
def codes_by_country() -> dict[str, frozenset[str]]:
    """ISO 3166 alpha-2 code → the 3-digit INSEE codes a number may carry for it."""
    codes: dict[str, set[str]] = {}
    with _DATA.open(encoding="utf-8", newline="") as data:
        for row in csv.DictReader(data):
            codes.setdefault(row["iso2"], set()).add(row["insee_code"])
    for country, former in FORMER_STATES.items():
        codes.setdefault(country, set()).update(former)
    return {country: frozenset(values) for country, values in codes.items()}


@cache
def country_of_code(code: str) -> str | None:
    """The ISO country of a 3-digit INSEE code (the current state for a former one)."""
    for country, codes in codes_by_country().items():
        if code in codes and country not in FORMER_STATES:
            return country
    for country, codes in codes_by_country().items():
        if code in codes:
            return country
    return None
