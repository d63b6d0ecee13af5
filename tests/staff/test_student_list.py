"""The students' list in the admin: columns, filters, search (by number too), sorting, and a
number of queries that does not grow with the number of students."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.formats import date_format

from messaging.services import message_send
from students import nir, services
from students.models import Registration, RegistrationEvent, Status, StepThreshold
from tests.conftest import make_verified_user
from tests.staff.conftest import PROVISIONAL
from tests.students.conftest import valid_number

URL = "/admin/office/student/"


def rows(response) -> list[str]:
    """The students' names, in the order of the list."""
    return re.findall(
        r'<th class="field-name"><a href="[^"]+">([^<]+?)'
        r'(?: <span class="office-flag">[^<]*</span>)?</a>',
        response.content.decode(),
    )


def make_student(make_profile, number: int, **fields):
    user = make_verified_user(email=f"student{number}@example.org")
    fields = {"legal_surname": f"Student{number:03d}", "legal_given_names": "Test", **fields}
    registration = make_profile(user, **fields)
    return user, registration


def test_it_shows_each_student_with_their_file(
    bob_client, alice, alice_file, bring_to, upload, today
):
    bring_to(alice_file, Status.SUBMITTED)
    upload(alice)
    message_send(student=alice, author=alice, body="Hello")

    response = bob_client.get(URL)

    html = response.content.decode()
    assert response.status_code == 200
    assert rows(response) == ["LIDDELL Alice"]
    assert "United States of America" in html
    assert "Outside the EU" in html
    assert "Registered on the official site" in html
    assert '<td class="field-days_in_step">0</td>' in html
    assert '<td class="field-documents_to_review">1</td>' in html
    # One date format per language: the admin's DATE_FORMAT, as everywhere in the workplace.
    shown = date_format(today, "DATE_FORMAT")
    assert f'<td class="field-last_activity_display">{shown}</td>' in html
    assert '<td class="field-unread">1</td>' in html


def test_staff_are_not_listed(bob_client, bob, alice_file):
    assert rows(bob_client.get(URL)) == ["LIDDELL Alice"]


@pytest.fixture
def cohort(alice, charlie, alice_file, make_profile, bring_to, upload):
    """Alice: outside the EU, provisional number for 40 days, a document waiting.
    Charlie: German with an EHIC (no registration). Dana: outside the EU, submitted 3 days
    ago, with an unread message."""
    registration = bring_to(alice_file, Status.PROVISIONAL_NUMBER)
    RegistrationEvent.objects.filter(registration=registration).update(
        occurred_on=timezone.localdate() - timedelta(days=40)
    )
    upload(alice)
    make_profile(
        charlie,
        legal_surname="Brown",
        legal_given_names="Charlie",
        nationality="DE",
        country_of_birth="DE",
        ehic_held=True,
        ehic_expiry=registration.academic_year.ends_on + timedelta(days=30),
    )
    dana = make_verified_user(email="dana@example.org")
    dana_file = make_profile(dana, legal_surname="Cruz", legal_given_names="Dana", nationality="MX")
    bring_to(dana_file, Status.SUBMITTED)
    message_send(student=dana, author=dana, body="A question")
    return {"alice": alice, "charlie": charlie, "dana": dana}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["BROWN Charlie", "CRUZ Dana", "LIDDELL Alice"]),
        ("path=non-eu", ["CRUZ Dana", "LIDDELL Alice"]),
        ("path=eu-ehic", ["BROWN Charlie"]),
        ("step=provisional-number", ["LIDDELL Alice"]),
        ("step=submitted", ["CRUZ Dana"]),
        ("nationality=DE", ["BROWN Charlie"]),
        ("nationality=MX", ["CRUZ Dana"]),
        ("waiting=30", ["LIDDELL Alice"]),
        ("waiting=7", ["LIDDELL Alice"]),
        ("to_review=yes", ["LIDDELL Alice"]),
        ("to_review=no", ["BROWN Charlie", "CRUZ Dana"]),
        ("unread=yes", ["CRUZ Dana"]),
        ("stuck=yes", []),
    ],
)
def test_the_filters_select_the_right_students(bob_client, cohort, query, expected):
    assert rows(bob_client.get(f"{URL}?{query}")) == expected


def test_the_academic_year_filter_keeps_the_year_s_students(bob_client, cohort, year):
    assert rows(bob_client.get(f"{URL}?year={year.pk}")) == [
        "BROWN Charlie",
        "CRUZ Dana",
        "LIDDELL Alice",
    ]
    other = type(year).objects.exclude(pk=year.pk).first()
    assert rows(bob_client.get(f"{URL}?year={other.pk}")) == []


def test_stuck_follows_the_threshold_staff_set(bob_client, cohort):
    # Alice has had her provisional number for 40 days; the default threshold is 60.
    assert rows(bob_client.get(f"{URL}?stuck=yes")) == []

    StepThreshold.objects.filter(status=Status.PROVISIONAL_NUMBER).update(days=30)

    assert rows(bob_client.get(f"{URL}?stuck=yes")) == ["LIDDELL Alice"]


def test_only_students_who_must_register_can_be_stuck(bob_client, cohort, make_profile):
    # Charlie has an EHIC: "not started" for ever is normal for him; Erin must register.
    erin, _registration = make_student(make_profile, 1, legal_given_names="Erin")
    long_ago = timezone.now() - timedelta(days=90)
    Registration.objects.filter(student__in=[cohort["charlie"], erin]).update(created_at=long_ago)
    StepThreshold.objects.filter(status=Status.NOT_STARTED).update(days=30)

    assert rows(bob_client.get(f"{URL}?stuck=yes")) == ["STUDENT001 Erin"]


@pytest.mark.parametrize(
    ("term", "expected"),
    [
        ("Liddell", ["LIDDELL Alice"]),
        ("dana", ["CRUZ Dana"]),
        ("charlie@example", ["BROWN Charlie"]),
        ("alice liddell", ["LIDDELL Alice"]),
        ("alice brown", []),
        ('"alice@example.org"', ["LIDDELL Alice"]),
        (PROVISIONAL, ["LIDDELL Alice"]),
        ("8 01 09 99 216 321 18", ["LIDDELL Alice"]),
        ("80109 99216 32118", ["LIDDELL Alice"]),
        ("8 01 09 99 216 321", []),
        ("8 01 09 99 216 321 19", []),
    ],
)
def test_search_by_name_e_mail_or_full_number(bob_client, cohort, term, expected):
    response = bob_client.get(URL, {"q": term})

    assert rows(response) == expected


def test_search_by_a_number_born_in_corsica(bob_client, alice, alice_file, bring_to, today):
    registration = bring_to(alice_file, Status.VALIDATED)
    number = valid_number("2 01 09 2A 216 321")
    services.registration_record_definitive_number(
        registration=registration, number=number, by=alice, on=today
    )
    typed = nir.format_number(number).lower()  # "2 01 09 2a 216 321 ..", as staff may type

    assert rows(bob_client.get(URL, {"q": typed})) == ["LIDDELL Alice"]


def test_sorting_by_documents_to_review_puts_the_busiest_first(bob_client, cohort):
    # Columns: 0 the checkbox, 1 name, …, 6 documents to review.
    assert rows(bob_client.get(f"{URL}?o=-6.1"))[0] == "LIDDELL Alice"


def test_sorting_by_days_at_the_step_puts_the_longest_wait_first(bob_client, cohort):
    assert rows(bob_client.get(f"{URL}?o=5.1&step=provisional-number"))[0] == "LIDDELL Alice"


def test_the_list_is_paginated(bob_client, make_profile):
    for number in range(55):
        make_student(make_profile, number)

    response = bob_client.get(URL)

    assert len(rows(response)) == 50
    assert len(rows(bob_client.get(f"{URL}?p=2"))) == 5


def test_a_searched_list_counts_and_pages_its_matches(bob_client, make_profile):
    """Its count and its page's keys come from one query (office/pagination.py)."""
    for number in range(56):
        make_student(make_profile, number, legal_surname=f"Searched{number:03d}")
    for number in range(100, 105):
        make_student(make_profile, number)

    first = bob_client.get(f"{URL}?q=searched")
    second = bob_client.get(f"{URL}?q=searched&p=2")
    past_the_end = bob_client.get(f"{URL}?q=searched&p=9")

    assert "56 results" in first.content.decode()
    names = rows(first) + rows(second)
    assert len(rows(first)) == 50
    assert names == sorted(names)
    assert len(set(names)) == 56
    assert all(name.startswith("SEARCHED") or "Searched" in name for name in names)
    assert past_the_end.status_code in (200, 302)


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize("url", [URL, f"{URL}?all=", f"{URL}?stuck=yes&waiting=7&q=Student"])
def test_the_number_of_queries_is_the_same_for_10_and_200_students(
    bob_client, make_profile, bring_to, upload, url, django_assert_max_num_queries
):
    def add(numbers):
        for number in numbers:
            user, registration = make_student(make_profile, number)
            if number % 3 == 0:
                bring_to(registration, Status.PROVISIONAL_NUMBER)
            if number % 5 == 0:
                message_send(student=user, author=user, body="Hello")
            if number % 10 == 0:
                upload(user)

    add(range(10))
    bob_client.get(url)  # fills the cache of the nationalities present (office/filters.py)
    with django_assert_max_num_queries(12):
        with_10 = _queries(bob_client, url)
    add(range(10, 60))
    with_60 = _queries(bob_client, url)

    add(range(60, 200))
    with_200 = _queries(bob_client, url)

    # A list of several pages finds the page's keys first (office/pagination.py): one query
    # more than a list that fits on one page, and no more however many pages.
    assert with_200 == with_60 <= with_10 + 1
