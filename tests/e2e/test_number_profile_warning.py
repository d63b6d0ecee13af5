"""A student whose recorded number disagrees with her profile sees each disagreement on the
dashboard, in her language, with "a provisional number can differ" (issue 13, item 4)."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from students import services
from students.models import Status
from tests.e2e.texts import gettext_in
from tests.students.conftest import bring_to, make_profile, valid_number, year  # noqa: F401

pytestmark = pytest.mark.usefixtures("reference_data")


@pytest.fixture
def disagreeing(alice, make_profile, bring_to):
    registration = make_profile(alice, country_of_birth="CN", sex="F")
    registration = bring_to(registration, Status.SUBMITTED)
    services.registration_record_provisional_number(
        registration=registration,
        number=valid_number("7 02 09 99 217 321"),
        by=alice,
        on=timezone.localdate(registration.created_at),
    )


def test_the_dashboard_names_each_disagreement(disagreeing, student_page, language, shot):
    warning = student_page.locator("#number-profile-heading")
    expect(warning).to_have_text(gettext_in(language, "Your number and your profile disagree"))
    items = student_page.locator("section[aria-labelledby=number-profile-heading] li")
    expect(items).to_have_count(3)  # sex, year of birth, place of birth
    shot(student_page, "number and profile disagree")
