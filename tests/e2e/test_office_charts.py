"""The office's pictures of the year (issue 15, item 5) in the browser, EN and FR, 375 and
1280 px: the charts are drawn (SVG from the server), nothing is fetched from another site,
the page does not scroll sideways and axe finds nothing (the shot's checks)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.conftest import make_verified_user
from tests.staff.conftest import bob  # noqa: F401  (in the office group)
from tests.students.conftest import make_profile, report, year  # noqa: F401

pytestmark = pytest.mark.usefixtures("reference_data")

URL = "/admin/office/student/charts/"


@pytest.fixture
def cohort(alice, make_profile, year):
    today = timezone.localdate()
    ago = lambda days: max(today - timedelta(days=days), year.starts_on)  # noqa: E731
    registration = make_profile(alice)
    for step, days in [("submitted", 30), ("provisional", 26)]:
        registration = report(step, registration, by=alice, on=ago(days))
    dana = make_verified_user(email="dana@example.org")
    registration = make_profile(dana, legal_given_names="Dana")
    report("submitted", registration, by=dana, on=ago(25))
    erin = make_verified_user(email="erin@example.org")
    registration = make_profile(erin, legal_given_names="Erin")
    for step, days in [("submitted", 60), ("provisional", 50), ("validated", 30)]:
        registration = report(step, registration, by=erin, on=ago(days))


def test_the_office_sees_the_pictures_of_the_year(staff_page, cohort, live_server, shot):
    requested = []
    staff_page.on("request", lambda request: requested.append(request.url))

    response = staff_page.goto(URL)

    assert response.ok
    assert staff_page.locator(".office-chart svg").count() >= 4
    assert staff_page.locator(".office-chart__bar").count() >= 2
    assert all(url.startswith(live_server.url) for url in requested), requested
    shot(staff_page, "office-charts")
