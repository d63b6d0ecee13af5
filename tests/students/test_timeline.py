"""/<lang>/dashboard/timeline/: the whole timeline, newest first, fifty lines a page; the
dashboard shows the newest thirty and links here when there are more."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from students import services
from students.models import ReimbursementTaskKind, Status
from students.selectors import DASHBOARD_TIMELINE_LINES

URL = "/en/dashboard/timeline/"
DASHBOARD = "/en/dashboard/"


@pytest.fixture
def alice_client(client, alice):
    client.force_login(alice)
    return client


def tick(registration, count):
    """`count` timeline lines: a task ticked on and off again."""
    task = ReimbursementTaskKind.SECTOR_1
    for index in range(count):
        services.reimbursement_task_toggle(
            student=registration.student, task=task, done=index % 2 == 0, by=registration.student
        )


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def test_anon_is_sent_to_the_login_page(anon):
    response = anon.get(URL)

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_a_student_without_a_profile_is_sent_to_the_dashboard(alice_client):
    response = alice_client.get(URL)

    assert response.status_code == 302
    assert response["Location"] == DASHBOARD


def test_it_lists_the_lines_newest_first(alice_client, alice_registration, bring_to):
    bring_to(alice_registration, Status.PROVISIONAL_NUMBER)

    html = alice_client.get(URL).content.decode()

    assert html.index("Provisional number received") < html.index("Registered on the official site")
    assert "Your path:" in html


def test_it_shows_fifty_lines_a_page(alice_client, alice_registration):
    tick(alice_registration, 60)

    first = alice_client.get(URL).content.decode()
    second = alice_client.get(URL + "?page=2").content.decode()

    assert first.count('class="timeline__item"') == 50
    assert "Page 1 of 2" in first
    assert second.count('class="timeline__item"') == 11  # and the path line
    assert "Your path:" in second


def test_it_shows_only_the_students_own_lines(
    alice_client, alice_registration, charlie_registration
):
    tick(charlie_registration, 3)

    html = alice_client.get(URL).content.decode()

    assert html.count('class="timeline__item"') == 1


def test_its_queries_do_not_grow_with_the_timeline(alice_client, alice_registration):
    tick(alice_registration, 1)
    # The first page after the login hands over the saved language (a session write).
    alice_client.get(URL)
    few = queries(alice_client, URL)
    tick(alice_registration, 80)

    assert queries(alice_client, URL) == few
    assert queries(alice_client, URL + "?page=2") == few


def test_the_dashboard_shows_the_newest_lines_and_links_to_the_rest(
    alice_client, alice_registration
):
    tick(alice_registration, DASHBOARD_TIMELINE_LINES + 5)

    html = alice_client.get(DASHBOARD).content.decode()

    assert html.count('class="timeline__item"') == DASHBOARD_TIMELINE_LINES
    assert 'href="/en/dashboard/timeline/"' in html
    assert "See the whole timeline" in html


def test_the_dashboard_has_no_link_when_every_line_is_shown(alice_client, alice_registration):
    tick(alice_registration, 3)

    html = alice_client.get(DASHBOARD).content.decode()

    assert html.count('class="timeline__item"') == 4
    assert "See the whole timeline" not in html


def test_days_at_the_step_count_from_a_line_older_than_those_shown(
    alice_client, alice_registration
):
    services.registration_report_submitted(
        registration=alice_registration,
        by=alice_registration.student,
        on=timezone.localdate() - timedelta(days=9),
    )
    tick(alice_registration, DASHBOARD_TIMELINE_LINES + 2)

    html = alice_client.get(DASHBOARD).content.decode()

    assert "You have been at this step for 9 days." in html
