"""Dashboard reads: waiting-time medians from past cases, and a bounded number of queries."""

from datetime import timedelta

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import User
from students import selectors, services
from students.models import Status
from tests.conftest import cache_queries
from tests.students.conftest import PROVISIONAL


def past_student(index, make_profile, *, days_to_provisional, days_to_validation):
    user = User.objects.create_user(email=f"past{index}@example.org", password="x")
    registration = make_profile(user)
    start = timezone.localdate() - timedelta(days=200)
    registration = services.registration_report_submitted(
        registration=registration, by=user, on=start
    )
    registration = services.registration_record_provisional_number(
        registration=registration,
        number=PROVISIONAL,
        by=user,
        on=start + timedelta(days=days_to_provisional),
    )
    return services.registration_report_validated(
        registration=registration,
        by=user,
        on=start + timedelta(days=days_to_provisional + days_to_validation),
    )


def test_medians_stay_hidden_with_fewer_than_five_past_cases(db, make_profile):
    for index in range(4):
        past_student(index, make_profile, days_to_provisional=1, days_to_validation=20)

    assert selectors.step_medians() == {}


def test_medians_show_from_five_past_cases(db, make_profile):
    for index, days in enumerate([10, 20, 30, 40, 90]):
        past_student(index, make_profile, days_to_provisional=index % 2, days_to_validation=days)

    medians = selectors.step_medians()

    assert medians["documents"] == selectors.StepTiming(median_days=30, cases=5)
    assert medians["provisional"] == selectors.StepTiming(median_days=0, cases=5)
    assert "definitive" not in medians


def test_the_students_own_registration_is_not_a_past_case(db, make_profile, alice, bring_to):
    for index in range(4):
        past_student(index, make_profile, days_to_provisional=0, days_to_validation=10)
    bring_to(make_profile(alice), Status.VALIDATED)

    assert "documents" in selectors.step_medians()
    assert "documents" not in selectors.step_medians(excluding_student=alice)


def test_the_medians_take_one_grouped_query_however_many_cases(
    db, make_profile, django_assert_num_queries
):
    for index in range(6):
        past_student(index, make_profile, days_to_provisional=0, days_to_validation=10)
    cache.delete(selectors.STEP_DURATIONS_CACHE_KEY)

    with CaptureQueriesContext(connection) as queries:
        selectors.step_medians()

    grouped = [q for q in queries.captured_queries if "students_registrationevent" in q["sql"]]
    assert len(grouped) == 1


def test_the_medians_come_from_the_cache_once_computed(
    db, make_profile, alice, django_assert_num_queries
):
    for index in range(6):
        past_student(index, make_profile, days_to_provisional=0, days_to_validation=10)
    first = selectors.step_medians(excluding_student=alice)
    for index in range(6, 12):
        past_student(index, make_profile, days_to_provisional=0, days_to_validation=10)

    # One cache read, one query on the student's own events, whatever the number of cases.
    with django_assert_num_queries(1 + cache_queries(1)):
        again = selectors.step_medians(excluding_student=alice)

    assert again == first


def test_the_median_of_an_even_number_of_cases_is_the_mean_of_the_middle_two(db, make_profile):
    for index, days in enumerate([10, 20, 30, 40, 50, 90]):
        past_student(index, make_profile, days_to_provisional=0, days_to_validation=days)

    assert selectors.step_medians()["documents"].median_days == 35


def test_the_students_own_cases_are_taken_out_of_the_cached_histogram(db, make_profile, alice):
    for index, days in enumerate([10, 20, 30, 40, 50]):
        past_student(index, make_profile, days_to_provisional=0, days_to_validation=days)
    registration = past_student(9, make_profile, days_to_provisional=0, days_to_validation=100)

    everyone = selectors.step_medians()["documents"]
    without = selectors.step_medians(excluding_student=registration.student)["documents"]

    assert everyone == selectors.StepTiming(median_days=35, cases=6)
    assert without == selectors.StepTiming(median_days=30, cases=5)


def test_days_in_the_current_step_count_from_the_event_that_started_it(alice, make_profile):
    registration = make_profile(alice)
    today = timezone.localdate()
    services.registration_report_submitted(
        registration=registration, by=alice, on=today - timedelta(days=12)
    )

    dashboard = selectors.dashboard_journey(
        selectors.dashboard_for_student(alice), documents_ready=False
    )

    assert dashboard.current.key == "provisional"
    assert dashboard.current.days_in_step == 12
