"""The admin: the step is read-only, numbers are masked, calendar changes follow through."""

from datetime import timedelta

import pytest

from students.models import Registration, Status
from students.paths import Path
from tests.conftest import log_in_with_mfa
from tests.students.conftest import PROVISIONAL


@pytest.fixture
def admin_client(client, django_user_model):
    admin = django_user_model.objects.create_superuser(email="root@example.org", password="x")
    return log_in_with_mfa(client, admin)


def test_the_registration_page_shows_the_step_as_text_and_the_number_masked(
    admin_client, alice_registration, bring_to
):
    registration = bring_to(alice_registration, Status.PROVISIONAL_NUMBER)

    response = admin_client.get(f"/admin/students/registration/{registration.pk}/change/")

    content = response.content.decode()
    assert response.status_code == 200
    assert 'name="status"' not in content
    assert "Provisional number received" in content
    assert "8 01 ** ** *** *** 18" in content
    assert "8 01 09 99 216 321 18" not in content
    assert PROVISIONAL not in content


def test_posting_a_status_in_the_admin_changes_nothing(admin_client, alice_registration):
    url = f"/admin/students/registration/{alice_registration.pk}/change/"

    admin_client.post(url, {"status": Status.VALIDATED, "path": Path.EU_WITH_EHIC})

    registration = Registration.objects.get(pk=alice_registration.pk)
    assert registration.status == Status.NOT_STARTED
    assert registration.path == Path.NON_EU


def test_registrations_cannot_be_added_by_hand(admin_client):
    assert admin_client.get("/admin/students/registration/add/").status_code == 403


def test_the_lists_open(admin_client, alice_registration):
    for page in ["registration", "studentprofile", "academicyear"]:
        assert admin_client.get(f"/admin/students/{page}/").status_code == 200


def test_changing_the_year_end_in_the_admin_recomputes_paths(
    admin_client, alice, make_profile, year
):
    make_profile(alice, nationality="DE", ehic_held=True, ehic_expiry=year.ends_on)
    new_end = year.ends_on + timedelta(days=1)

    response = admin_client.post(
        f"/admin/students/academicyear/{year.pk}/change/",
        {
            "label": year.label,
            "starts_on": year.starts_on.isoformat(),
            "ends_on": new_end.isoformat(),
            "is_current": "on",
        },
    )

    assert response.status_code == 302
    assert Registration.objects.get(student=alice).path == Path.EU_REGISTER


def test_only_one_year_can_be_current(admin_client, year):
    response = admin_client.post(
        "/admin/students/academicyear/add/",
        {
            "label": "2030–2031",
            "starts_on": "2030-09-01",
            "ends_on": "2031-08-31",
            "is_current": "on",
        },
    )

    assert response.status_code == 200
    assert "Another academic year is already the current one" in response.content.decode()
