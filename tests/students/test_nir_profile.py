"""Number and profile agree (issue 13, item 4): each kind of disagreement, as a table.

The rule is pure (students/nir_profile.py); the pages show it as a warning on save and on
the dashboard, in the student's language, and the office filters by the stored flag.
"""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from students import insee
from students.models import Registration
from students.nir_profile import Disagreement, disagreements
from tests.students.conftest import valid_number

BORN = date(2001, 9, 4)


def number(first_13: str) -> str:
    return valid_number(first_13)


# number (first 13 characters) · profile (sex, country of birth) · expected disagreements
TABLE = [
    # Woman born in September 2001 in China (INSEE 216): everything agrees.
    ("2 01 09 99 216 321", "F", "CN", []),
    ("8 01 09 99 216 321", "F", "CN", []),
    # Sex: 1/7 man, 2/8 woman, definitive and provisional alike.
    ("1 01 09 99 216 321", "F", "CN", [Disagreement.SEX]),
    ("7 01 09 99 216 321", "F", "CN", [Disagreement.SEX]),
    ("2 01 09 99 216 321", "M", "CN", [Disagreement.SEX]),
    # Sex left blank on the profile: nothing to compare.
    ("1 01 09 99 216 321", "", "CN", []),
    # Birth year.
    ("2 02 09 99 216 321", "F", "CN", [Disagreement.BIRTH_YEAR]),
    # Birth month; 20+ or 50+ mean an incomplete civil-status record: no warning.
    ("2 01 10 99 216 321", "F", "CN", [Disagreement.BIRTH_MONTH]),
    ("2 01 21 99 216 321", "F", "CN", []),
    ("2 01 55 99 216 321", "F", "CN", []),
    # Place of birth abroad: 99 + the INSEE code of the country.
    ("2 01 09 99 217 321", "F", "CN", [Disagreement.PLACE_OF_BIRTH]),  # Japan
    ("2 01 09 99 134 321", "F", "ES", []),  # Spain
    ("2 01 09 99 313 321", "F", "ES", []),  # Spain's territories in Africa (Canaries)
    ("2 01 09 99 123 321", "F", "UA", []),  # born in the USSR, now Ukraine
    ("2 01 09 99 401 321", "F", "US", [Disagreement.PLACE_OF_BIRTH]),  # Canada vs US
    # Born abroad in the number, in France in the profile, and the reverse.
    ("2 01 09 99 216 321", "F", "FR", [Disagreement.PLACE_OF_BIRTH]),
    ("2 01 09 75 116 321", "F", "CN", [Disagreement.PLACE_OF_BIRTH]),
    ("2 01 09 75 116 321", "F", "FR", []),
    ("2 01 09 2A 004 321", "F", "FR", []),  # Corsica
    # Overseas: 971 Guadeloupe; "France" is less precise but not wrong.
    ("2 01 09 97 105 321", "F", "GP", []),
    ("2 01 09 97 105 321", "F", "FR", []),
    ("2 01 09 97 405 321", "F", "GP", [Disagreement.PLACE_OF_BIRTH]),  # 974 Réunion
    # Everything wrong at once, in the number's order.
    (
        "1 99 01 99 217 321",
        "F",
        "CN",
        [
            Disagreement.SEX,
            Disagreement.BIRTH_YEAR,
            Disagreement.BIRTH_MONTH,
            Disagreement.PLACE_OF_BIRTH,
        ],
    ),
]


@pytest.mark.parametrize(("first_13", "sex", "country", "expected"), TABLE)
def test_each_kind_of_disagreement(first_13, sex, country, expected):
    found = disagreements(number(first_13), date_of_birth=BORN, country_of_birth=country, sex=sex)
    assert [mismatch.kind for mismatch in found] == expected


def test_an_invalid_number_or_no_birth_date_gives_no_warning():
    assert disagreements("123", date_of_birth=BORN, country_of_birth="CN") == []
    found = disagreements(number("2 99 01 99 216 321"), date_of_birth=None, country_of_birth="CN")
    assert found == []


def test_the_message_names_both_sides_in_the_language():
    def found():
        return disagreements(
            number("2 02 09 99 217 321"), date_of_birth=BORN, country_of_birth="CN"
        )

    with translation.override("en"):
        assert found()[0].message == "Year of birth: the number says …02, the profile says 2001."
        assert "Japan" in found()[1].message and "China" in found()[1].message
    with translation.override("fr"):
        assert found()[0].message.startswith("Année de naissance")
        assert "Japon" in found()[1].message and "Chine" in found()[1].message


def test_the_country_table_knows_the_students_countries():
    codes = insee.codes_by_country()
    assert codes["DE"] == {"109"}
    assert codes["SN"] == {"341"}  # the demo's Senegal
    assert codes["CA"] == {"401"}
    assert insee.country_of_code("123") == "RU"


# The pages: warning on save and on the dashboard, flag and filter for the office.


@pytest.fixture
def submitted(alice, make_profile, bring_to):
    registration = make_profile(alice, country_of_birth="CN", sex="F")
    return bring_to(registration, "submitted")


def test_recording_a_disagreeing_number_warns_in_the_students_language(client, alice, submitted):
    alice.preferred_language = "fr"
    alice.save()
    client.force_login(alice)
    with translation.override("fr"):
        url = reverse("students:record_provisional_number", args=[submitted.uuid])
    response = client.post(
        url,
        {"number": number("7 02 09 99 216 321"), "on": timezone.localdate().isoformat()},
        follow=True,
    )
    text = response.content.decode()
    assert "Sexe" in text and "Année de naissance" in text
    assert "peut différer" in text  # provisional numbers can differ
    registration = Registration.objects.get(pk=submitted.pk)
    assert registration.status == "provisional-number"  # nothing blocked
    assert registration.number_disagreements == "birth_year,sex"
    # And the dashboard keeps saying it.
    with translation.override("fr"):
        dashboard = client.get(reverse("students:dashboard")).content.decode()
    assert "Votre numéro et votre profil ne concordent pas" in dashboard
    assert "Année de naissance" in dashboard


def test_an_agreeing_number_says_nothing(client, alice, submitted):
    client.force_login(alice)
    response = client.post(
        reverse("students:record_provisional_number", args=[submitted.uuid]),
        {"number": number("8 01 09 99 216 321"), "on": timezone.localdate().isoformat()},
        follow=True,
    )
    assert "disagree" not in response.content.decode()
    assert Registration.objects.get(pk=submitted.pk).number_disagreements == ""
    assert "disagree" not in client.get(reverse("students:dashboard")).content.decode()


def test_correcting_the_profile_clears_the_flag(alice, make_profile, submitted):
    from students import services

    services.registration_record_provisional_number(
        registration=submitted,
        number=number("8 02 09 99 216 321"),
        by=alice,
        on=timezone.localdate(),
    )
    assert Registration.objects.get(pk=submitted.pk).number_disagreements == "birth_year"
    make_profile(alice, country_of_birth="CN", sex="F", date_of_birth=date(2002, 9, 4))
    assert Registration.objects.get(pk=submitted.pk).number_disagreements == ""
