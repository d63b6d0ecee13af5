"""The profile page: "my details", edited only by their owner, with no id in the address."""

from datetime import timedelta

import pytest
from django.utils import timezone

from students.models import EventKind, Registration, Status, StudentProfile
from students.paths import Path

URL = "/en/profile/"


def form_data(year, **changes):
    data = {
        "legal_surname": "Liddell",
        "legal_given_names": "Alice Pleasance",
        "date_of_birth": "2001-09-04",
        "country_of_birth": "US",
        "nationality": "US",
        "address_line_1": "1 rue de la Paix",
        "address_line_2": "",
        "postal_code": "92000",
        "city": "Nanterre",
        "phone": "+33 6 12 34 56 78",
        "programme": "Master in Mathematics",
        "academic_year_start": year.starts_on.isoformat(),
        "academic_year_end": year.ends_on.isoformat(),
        "arrival_date": "",
        "stay_length": "3-months-or-more",
        "ehic_expiry": "",
        "preferred_language": "en",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


@pytest.fixture
def alice_client(client, alice):
    client.force_login(alice)
    return client


def test_it_sends_visitors_to_the_login_page(anon):
    response = anon.get(URL)

    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/")


def test_a_new_profile_starts_with_the_current_academic_year(alice_client, year):
    response = alice_client.get(URL)

    content = response.content.decode()
    assert response.status_code == 200
    assert "Tell us about yourself" in content
    assert f'value="{year.starts_on.isoformat()}"' in content
    assert f'value="{year.ends_on.isoformat()}"' in content


def test_saving_the_profile_decides_the_path_and_goes_to_the_dashboard(alice_client, alice, year):
    response = alice_client.post(URL, form_data(year))

    assert response.status_code == 302
    assert response["Location"] == "/en/dashboard/"
    profile = StudentProfile.objects.get(user=alice)
    assert profile.legal_given_names == "Alice Pleasance"
    registration = Registration.objects.get(student=alice)
    assert registration.path == Path.NON_EU
    assert registration.events.get().kind == EventKind.PATH_SET


def test_editing_keeps_one_profile_and_records_a_change_of_path(alice_client, alice, year):
    alice_client.post(URL, form_data(year, nationality="DE", country_of_birth="DE"))

    response = alice_client.post(
        URL,
        form_data(
            year,
            nationality="DE",
            country_of_birth="DE",
            ehic_held="on",
            ehic_expiry=(year.ends_on + timedelta(days=1)).isoformat(),
        ),
    )

    assert response.status_code == 302
    assert StudentProfile.objects.filter(user=alice).count() == 1
    registration = Registration.objects.get(student=alice)
    assert registration.path == Path.EU_WITH_EHIC
    assert registration.events.filter(kind=EventKind.PATH_CHANGED).count() == 1


def test_the_page_shows_the_owners_own_details_only(client, alice, charlie, make_profile):
    make_profile(alice, legal_given_names="Alice Pleasance")
    client.force_login(charlie)

    content = client.get(URL).content.decode()

    assert "Alice Pleasance" not in content
    assert "Tell us about yourself" in content


def test_posting_only_changes_the_posters_own_profile(client, alice, charlie, make_profile, year):
    make_profile(alice, legal_given_names="Alice Pleasance")
    client.force_login(charlie)

    client.post(URL, form_data(year, legal_given_names="Charlie", user=alice.pk))

    assert StudentProfile.objects.get(user=alice).legal_given_names == "Alice Pleasance"
    assert StudentProfile.objects.get(user=charlie).legal_given_names == "Charlie"


def test_fields_outside_the_form_are_ignored(alice_client, alice, year):
    alice_client.post(URL, form_data(year, status="validated", path="eu-ehic", academic_year="1"))

    registration = Registration.objects.get(student=alice)
    assert registration.status == Status.NOT_STARTED
    assert registration.path == Path.NON_EU


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"ehic_held": "on", "ehic_expiry": ""}, "ehic_expiry", "Enter the expiry date"),
        ({"postal_code": "9200"}, "postal_code", "French postal code"),
        ({"date_of_birth": "2999-01-01"}, "date_of_birth", "must be in the past"),
        (
            {"academic_year_end": (timezone.localdate() - timedelta(days=800)).isoformat()},
            "academic_year_end",
            "must come after its start",
        ),
        # Issue 16: dates in sensible ranges, digits in ASCII, phone numbers that exist.
        ({"date_of_birth": "0001-01-01"}, "date_of_birth", "Enter a date between"),
        ({"arrival_date": "9999-12-31"}, "arrival_date", "Enter a date between"),
        ({"academic_year_start": "0001-01-01"}, "academic_year_start", "Enter a date between"),
        ({"academic_year_end": "9999-12-31"}, "academic_year_end", "Enter a date between"),
        (
            {"ehic_held": "on", "ehic_expiry": "9999-12-31"},
            "ehic_expiry",
            "Enter a date between",
        ),
        ({"postal_code": "٩٢٠٠٠"}, "postal_code", "French postal code"),
        ({"phone": "٠٦١٢٣٤٥٦٧٨"}, "phone", "digits 0-9"),
        ({"phone": "+33 6 12"}, "phone", "a phone number that exists"),
        ({"legal_surname": ""}, "legal_surname", "This field is required"),
    ],
)
def test_mistakes_are_explained_and_nothing_is_saved(
    alice_client, alice, year, changes, field, message
):
    response = alice_client.post(URL, form_data(year, **changes))

    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert "There is a problem" in response.content.decode()
    assert not StudentProfile.objects.filter(user=alice).exists()


def test_quebec_residence_is_ignored_for_other_nationalities(alice_client, alice, year):
    alice_client.post(URL, form_data(year, nationality="US", quebec_resident="on"))

    assert StudentProfile.objects.get(user=alice).quebec_resident is False
    assert Registration.objects.get(student=alice).path == Path.NON_EU


def test_choosing_french_saves_the_language_and_opens_the_french_dashboard(
    alice_client, alice, year
):
    response = alice_client.post(URL, form_data(year, preferred_language="fr"))

    assert response["Location"] == "/fr/dashboard/"
    alice.refresh_from_db()
    assert alice.preferred_language == "fr"


def test_it_refuses_other_methods(alice_client):
    assert alice_client.put(URL).status_code == 405
