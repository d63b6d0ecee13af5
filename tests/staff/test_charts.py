"""The office's pictures (/admin/office/student/charts/), checked on a small known cohort:
students at each step now, weekly entries and exits, median days per step, stuck files by
path; staff only, in English and French, a bounded number of queries whatever the cohort."""

import re
from datetime import datetime, time, timedelta

import pytest
import time_machine
from django.core.cache import cache
from django.utils import timezone

from office.charts import chart_page
from students.models import Status
from students.paths import Path
from tests.conftest import make_verified_user
from tests.staff.conftest import staff_client
from tests.students.conftest import report

URL = "/admin/office/student/charts/"


def monday(day):
    return day - timedelta(days=day.weekday())


@pytest.fixture
def today(year):
    """Ten weeks into the academic year, time standing still (the weeks and "now" depend on it)."""
    day = year.starts_on + timedelta(days=70)
    moment = timezone.make_aware(datetime.combine(day, time(12)))
    with time_machine.travel(moment, tick=False):
        cache.clear()
        yield day
    cache.clear()


def run(registration, steps):
    for step, on in steps:
        registration = report(step, registration, by=registration.student, on=on)
    return registration


@pytest.fixture
def cohort(today, year, alice, charlie, make_profile):
    """Alice (outside the EU): registered 30 days ago, provisional number 4 days later.
    Erin: 10 days to the provisional number, 20 to validation, 20 to the definitive number.
    Dana: registered 25 days ago, still waiting (past the 21-day threshold: stuck).
    Charlie: an EHIC, not started."""
    ago = lambda days: today - timedelta(days=days)  # noqa: E731
    run(make_profile(alice), [("submitted", ago(30)), ("provisional", ago(26))])
    erin = make_verified_user(email="erin@example.org")
    run(
        make_profile(erin, legal_given_names="Erin"),
        [
            ("submitted", ago(60)),
            ("provisional", ago(50)),
            ("validated", ago(30)),
            ("definitive", ago(10)),
        ],
    )
    dana = make_verified_user(email="dana@example.org")
    run(make_profile(dana, legal_given_names="Dana"), [("submitted", ago(25))])
    make_profile(
        charlie,
        nationality="DE",
        country_of_birth="DE",
        ehic_held=True,
        ehic_expiry=year.ends_on + timedelta(days=1),
    )
    return ago


def test_students_at_each_step_now(cohort):
    page = chart_page()

    assert [(bar.label, bar.value) for bar in page.now] == [
        (label, count)
        for label, count in [
            (Status.NOT_STARTED.label, 1),
            (Status.SUBMITTED.label, 1),
            (Status.PROVISIONAL_NUMBER.label, 1),
            (Status.MISSING_DOCUMENTS.label, 0),
            (Status.DOCUMENTS_SENT.label, 0),
            (Status.VALIDATED.label, 0),
            (Status.DEFINITIVE_NUMBER.label, 1),
        ]
    ]
    assert page.total == 4
    # The longest bar fills the room; an empty step has no bar.
    assert page.now[0].width == page.now[1].width > 0
    assert page.now[3].width == 0


def test_weekly_entries_and_exits_per_step(cohort, today, year):
    ago = cohort
    page = chart_page()
    weeks = {chart.step: chart for chart in page.weeks}

    def moves(step):
        return {
            week.monday: (week.entries, week.exits)
            for week in weeks[step].weeks
            if week.entries or week.exits
        }

    expected_submitted: dict = {}
    for day, entered, left in [
        (ago(60), 1, 0),
        (ago(50), 0, 1),
        (ago(30), 1, 0),
        (ago(26), 0, 1),
        (ago(25), 1, 0),
    ]:
        was = expected_submitted.get(monday(day), (0, 0))
        expected_submitted[monday(day)] = (was[0] + entered, was[1] + left)
    assert moves(Status.SUBMITTED) == expected_submitted
    # Four files created this week; three left "not started" when they registered.
    not_started = moves(Status.NOT_STARTED)
    assert not_started[monday(today)][0] == 4
    assert sum(left for _in, left in not_started.values()) == 3
    assert moves(Status.VALIDATED) == (
        {monday(ago(30)): (1, 0), monday(ago(10)): (0, 1)}
        if monday(ago(30)) != monday(ago(10))
        else {monday(ago(30)): (1, 1)}
    )
    assert weeks[Status.MISSING_DOCUMENTS].entries_total == 0
    # One column per week from the year's first week to this one.
    assert weeks[Status.SUBMITTED].weeks[0].monday == monday(year.starts_on)
    assert weeks[Status.SUBMITTED].weeks[-1].monday == monday(today)


def test_median_days_per_step_and_by_month(cohort):
    ago = cohort
    trends = {trend.step: trend for trend in chart_page().trends}

    assert (trends[Status.SUBMITTED].median, trends[Status.SUBMITTED].cases) == (7, 2)
    assert (trends[Status.PROVISIONAL_NUMBER].median, trends[Status.PROVISIONAL_NUMBER].cases) == (
        20,
        1,
    )
    assert (trends[Status.VALIDATED].median, trends[Status.VALIDATED].cases) == (20, 1)
    assert trends[Status.MISSING_DOCUMENTS].median is None
    # Month by month, by the month the step was left (Erin after 10 days, Alice after 4).
    by_month = {
        month: (median, cases) for month, median, cases in trends[Status.SUBMITTED].months if cases
    }
    erin, alice = ago(50).replace(day=1), ago(26).replace(day=1)
    if erin == alice:
        assert by_month == {erin: (7, 2)}
    else:
        assert by_month == {erin: (10, 1), alice: (4, 1)}


def test_stuck_files_by_path(cohort):
    page = chart_page()

    assert page.stuck_rows == [
        (Path.NON_EU, Path.NON_EU.label, [(Status.SUBMITTED, 1)], 1),
    ]
    assert [(bar.label, bar.value) for bar in page.stuck_bars] == [(Path.NON_EU.label, 1)]


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("en", ["Students at each step now", "Stuck files by path", "Entries and exits"]),
        ("fr", ["Étudiants à chaque étape", "Dossiers bloqués par parcours", "Entrées et sorties"]),
    ],
)
def test_the_page_for_office_staff_in_each_language(bob, cohort, language, words):
    client = staff_client(bob)
    client.cookies["django_language"] = language

    response = client.get(URL)

    assert response.status_code == 200
    html = response.content.decode()
    for word in words:
        assert word in html
    assert "<svg" in html and "<script" not in html.split('id="content-main"')[1]
    # Each chart's numbers are in a table a screen reader reads (the SVG is hidden from it).
    assert 'aria-hidden="true"' in html
    assert "stuck=yes&amp;path=non-eu&amp;step=submitted" in html
    # The drawing's coordinates stay numbers a browser reads (no French decimal comma).
    assert not re.search(r'(?:x|y|width|height)="\d+,\d', html)


def test_the_index_links_to_the_page(bob_client, cohort):
    assert URL in bob_client.get("/admin/").content.decode()


def test_students_and_guidance_editors_are_turned_away(alice, editor, cohort):
    assert staff_client(editor).get(URL).status_code == 403
    response = staff_client(alice).get(URL)
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_the_page_costs_a_bounded_number_of_queries(
    bob_client, cohort, django_assert_max_num_queries
):
    # Computing the figures: a fixed number of grouped queries, whatever the cohort's size.
    with django_assert_max_num_queries(30):
        assert bob_client.get(URL).status_code == 200
    # From the cache: the session, the user and the year.
    with django_assert_max_num_queries(10):
        assert bob_client.get(URL).status_code == 200


def test_the_steps_come_from_the_lifecycle_in_its_order():
    from office.charts import step_labels
    from students import lifecycle
    from students.models import Status

    labels = step_labels()

    assert [step for step, _label in labels] == list(lifecycle.STATUS_ORDER)
    assert labels[0] == (Status.NOT_STARTED, Status.NOT_STARTED.label)
