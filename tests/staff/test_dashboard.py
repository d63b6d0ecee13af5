"""The dashboard on the admin index, checked on a known data set: students per path and step
this academic year, documents waiting and the oldest wait, median days between steps,
stuck files, unread messages. A few aggregate queries, whatever the number of students."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from documents.models import DocumentVersion
from messaging.services import message_send
from office.selectors import Median, office_dashboard
from students.models import AcademicYear, RegistrationEvent, Status
from students.paths import Path
from tests.conftest import cache_queries, make_verified_user
from tests.staff.conftest import staff_client
from tests.students.conftest import report


def ago(days: int) -> date:
    return timezone.localdate() - timedelta(days=days)


def run(registration, steps):
    for step, on in steps:
        registration = report(step, registration, by=registration.student, on=on)
    return registration


@pytest.fixture
def known(year, alice, charlie, make_profile, upload):
    """This year: Alice (outside the EU) got her provisional number 4 days after registering;
    Erin got hers after 10 days and her definitive number 50 days after that; Dana
    registered 25 days ago and waits (past the 21-day threshold); Charlie has an EHIC.
    Last year: Paul, 2 days to the provisional number, 98 more to the definitive one.
    Two documents wait, the oldest for 6 days; Dana wrote a message nobody read yet."""
    run(make_profile(alice), [("submitted", ago(30)), ("provisional", ago(26))])
    erin = make_verified_user(email="erin@example.org")
    run(
        make_profile(erin, legal_given_names="Erin"),
        [
            ("submitted", ago(100)),
            ("provisional", ago(90)),
            ("validated", ago(70)),
            ("definitive", ago(40)),
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
    previous = AcademicYear.objects.exclude(pk=year.pk).get()
    paul = make_verified_user(email="paul@example.org")
    start = previous.starts_on + timedelta(days=10)
    run(
        make_profile(
            paul,
            legal_given_names="Paul",
            academic_year_start=previous.starts_on,
            academic_year_end=previous.ends_on,
        ),
        [
            ("submitted", start),
            ("provisional", start + timedelta(days=2)),
            ("validated", start + timedelta(days=20)),
            ("definitive", start + timedelta(days=100)),
        ],
    )
    for student, days in [(alice, 6), (dana, 2)]:
        version = upload(student).version
        DocumentVersion.objects.filter(pk=version.pk).update(
            uploaded_at=timezone.now() - timedelta(days=days)
        )
    message_send(student=dana, author=dana, body="Any news?")


def test_the_figures_of_a_known_data_set(known, year):
    dashboard = office_dashboard()

    assert dashboard.year == year
    assert dashboard.counts == {
        Path.NON_EU: {
            Status.SUBMITTED: 1,
            Status.PROVISIONAL_NUMBER: 1,
            Status.DEFINITIVE_NUMBER: 1,
        },
        Path.EU_WITH_EHIC: {Status.NOT_STARTED: 1},
    }
    assert dashboard.total_students == 4
    assert dashboard.documents_waiting == 2
    assert dashboard.oldest_wait_days == 6
    assert dashboard.submitted_to_provisional == Median(7, 2)
    assert dashboard.provisional_to_definitive == Median(50, 1)
    assert dashboard.submitted_to_provisional_all_years == Median(4, 3)
    assert dashboard.provisional_to_definitive_all_years == Median(74, 2)
    assert dashboard.stuck_by_step == {Status.SUBMITTED: 1}
    assert dashboard.unread_messages == 1


def test_the_table_has_one_row_per_path_and_a_total_per_step(known):
    dashboard = office_dashboard()

    rows = {label: (counts, total) for label, counts, total in dashboard.rows}
    assert rows[Path.NON_EU.label] == ([0, 1, 1, 0, 0, 0, 1], 3)
    assert rows[Path.EU_WITH_EHIC.label] == ([1, 0, 0, 0, 0, 0, 0], 1)
    assert dashboard.step_totals == [1, 1, 1, 0, 0, 0, 1]


def test_an_empty_year_shows_zeros_and_no_medians(year):
    dashboard = office_dashboard()

    assert dashboard.total_students == 0
    assert dashboard.documents_waiting == 0
    assert dashboard.oldest_wait_days is None
    assert dashboard.submitted_to_provisional == Median(None, 0)
    assert dashboard.stuck_total == 0


def test_the_figures_take_a_fixed_number_of_queries(known, django_assert_num_queries):
    # Ten grouped queries, and the cache of the slow figures (read, then written)…
    with CaptureQueriesContext(connection) as first:
        office_dashboard()
    figures = [q for q in first.captured_queries if "django_cache" not in q["sql"]]
    assert len([q for q in figures if q["sql"].startswith("SELECT")]) == 10

    # …then the four live figures and one cache read.
    with django_assert_num_queries(4 + cache_queries(1)):
        office_dashboard()


def test_the_slow_figures_come_from_the_cache_for_a_while(known):
    office_dashboard()
    RegistrationEvent.objects.all().delete()

    assert office_dashboard().submitted_to_provisional_all_years == Median(4, 3)


def test_the_index_shows_the_figures_to_the_office(bob_client, known, year):
    html = bob_client.get("/admin/").content.decode()

    assert "Students this year" in html
    assert "Documents waiting for review" in html
    assert "7 days (2 students)" in html
    assert "74 days (2 students)" in html
    assert f"/admin/office/student/?year={year.pk}&amp;stuck=yes" in html
    assert "/admin/office/pendingdocument/" in html


def test_the_index_in_french(bob, known):
    bob.preferred_language = "fr"
    bob.save()
    client = staff_client(bob)

    html = client.get("/admin/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()

    assert "Étudiants cette année" in html


def test_a_guidance_editor_sees_no_student_figures(editor, known):
    html = staff_client(editor).get("/admin/").content.decode()

    assert "Students this year" not in html
    assert "Guidance" in html


def test_the_index_costs_a_bounded_number_of_queries(
    bob_client, known, django_assert_max_num_queries
):
    bob_client.get("/admin/")  # fills the cache of the slow figures

    with django_assert_max_num_queries(13):
        assert bob_client.get("/admin/").status_code == 200


def test_every_count_links_to_a_list_whose_total_matches(bob_client, known):
    """Each figure of the index is a link; the list it opens shows that many students."""
    import re
    from html import unescape

    html = bob_client.get("/admin/").content.decode()
    section = html[html.index("office-dashboard") :]
    section = section[: section.index("</section>")]
    links = re.findall(r'<a href="(/admin/office/student/\?[^"]+)">(\d+)</a>', section)
    assert len(links) >= 5
    for url, count in links:
        listed = bob_client.get(unescape(url)).content.decode()
        names = re.findall(r'<th class="field-name">', listed)
        assert len(names) == int(count), url
        assert "was ignored" not in listed


def test_the_list_defaults_to_the_current_academic_year(bob_client, alice, alice_file, year):
    past = AcademicYear.objects.exclude(pk=year.pk).order_by("-starts_on").first()
    profile = alice.student_profile
    profile.academic_year = past
    profile.save()

    assert "LIDDELL Alice" not in bob_client.get("/admin/office/student/").content.decode()
    everyone = bob_client.get("/admin/office/student/?year=all").content.decode()
    assert "LIDDELL Alice" in everyone
