"""The optional residence permit expiry on the profile: a sensible range, or a clear message."""

from datetime import date, timedelta

import pytest
import time_machine
from django.utils import timezone

from students.models import StudentProfile
from tests.students.test_profile import URL, alice_client, form_data  # noqa: F401


@time_machine.travel("2026-12-04 10:00 +0100")
@pytest.mark.parametrize("expiry", ["2026-01-01", "2027-10-31", "2036-12-01"])
def test_a_plausible_expiry_is_saved(alice_client, alice, year, expiry):
    response = alice_client.post(URL, form_data(year, residence_permit_expiry=expiry))

    assert response.status_code == 302
    saved = StudentProfile.objects.get(user=alice).residence_permit_expiry
    assert saved == date.fromisoformat(expiry)


@time_machine.travel("2026-12-04 10:00 +0100")
@pytest.mark.parametrize("expiry", ["2025-11-30", "2036-12-02", "1999-01-01", "2999-01-01"])
def test_an_absurd_expiry_is_explained_and_nothing_is_saved(alice_client, alice, year, expiry):
    response = alice_client.post(URL, form_data(year, residence_permit_expiry=expiry))

    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors["residence_permit_expiry"])
    assert "between Dec. 1, 2025 and Dec. 1, 2036" in errors
    assert not StudentProfile.objects.filter(user=alice).exists()


def test_it_is_optional(alice_client, alice, year):
    alice_client.post(URL, form_data(year, residence_permit_expiry=""))

    assert StudentProfile.objects.get(user=alice).residence_permit_expiry is None


def test_the_message_is_in_french_on_the_french_page(client, alice, year):
    client.force_login(alice)
    too_far = (timezone.localdate() + timedelta(days=365 * 12)).isoformat()

    response = client.post("/fr/profile/", form_data(year, residence_permit_expiry=too_far))

    assert "Saisissez la date d&#x27;expiration" in response.content.decode()
