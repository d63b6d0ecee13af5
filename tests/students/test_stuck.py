""" "There is a problem" on the student's task list: only for a rejected document or a file
stuck at its step past the step's threshold (students.models.StepThreshold, the same table
the office's stuck filter reads). A request for documents from the CPAM is a normal step."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from office.selectors import stuck, students_for_office
from students import services
from students.models import Status, StepThreshold
from tests.students.conftest import PROVISIONAL

URL = "/en/dashboard/"
PROBLEM = "There is a problem"
HINT = "This is taking longer than it should."


@pytest.fixture
def alice_client(client, alice):
    client.force_login(alice)
    return client


def days_ago(days):
    return timezone.localdate() - timedelta(days=days)


def submitted(registration, *, days):
    return services.registration_report_submitted(
        registration=registration, by=registration.student, on=days_ago(days)
    )


def office_sees_stuck(student) -> bool:
    return students_for_office().filter(stuck(), pk=student.pk).exists()


def test_a_file_past_its_step_s_threshold_shows_a_problem(alice, alice_client, alice_registration):
    submitted(alice_registration, days=22)  # "submitted": 21 days by default

    html = alice_client.get(URL).content.decode()

    assert PROBLEM in html
    assert HINT in html
    assert office_sees_stuck(alice)


def test_a_file_within_its_threshold_shows_no_problem(alice, alice_client, alice_registration):
    submitted(alice_registration, days=21)

    html = alice_client.get(URL).content.decode()

    assert PROBLEM not in html
    assert HINT not in html
    assert not office_sees_stuck(alice)


def test_the_student_and_the_office_read_the_same_threshold(
    alice, alice_client, alice_registration
):
    submitted(alice_registration, days=10)
    StepThreshold.objects.filter(status=Status.SUBMITTED).update(days=7)

    assert PROBLEM in alice_client.get(URL).content.decode()
    assert office_sees_stuck(alice)


def test_a_normal_missing_documents_request_is_not_a_problem(
    alice, alice_client, alice_registration, bring_to
):
    registration = bring_to(alice_registration, Status.PROVISIONAL_NUMBER)
    services.registration_report_missing_documents(
        registration=registration,
        documents=["bank-details"],
        by=alice,
        on=timezone.localdate(),
    )

    html = alice_client.get(URL).content.decode()

    assert "The CPAM asked for missing documents" in html
    assert PROBLEM not in html


def test_a_missing_documents_request_left_past_its_threshold_is_a_problem(
    alice, alice_client, alice_registration
):
    registration = submitted(alice_registration, days=40)
    registration = services.registration_record_provisional_number(
        registration=registration,
        number=PROVISIONAL,
        by=alice,
        on=days_ago(30),
    )
    services.registration_report_missing_documents(
        registration=registration, documents=["bank-details"], by=alice, on=days_ago(15)
    )

    assert PROBLEM in alice_client.get(URL).content.decode()  # 14 days by default
    assert office_sees_stuck(alice)


def test_a_finished_registration_is_never_stuck(alice, alice_client, alice_registration, bring_to):
    bring_to(alice_registration, Status.DEFINITIVE_NUMBER)
    StepThreshold.objects.create(status=Status.DEFINITIVE_NUMBER, days=1)

    with time_machine.travel(timezone.now() + timedelta(days=30)):
        html = alice_client.get(URL).content.decode()

    assert PROBLEM not in html
