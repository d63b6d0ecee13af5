"""Ticking "better reimbursed" tasks from the dashboard."""

import pytest

from students.models import EventKind, ReimbursementTask

URL = "/en/better-reimbursed/declare-gp/"


@pytest.fixture
def alice_client(client, alice, alice_registration):
    client.force_login(alice)
    return client


def test_it_rejects_get(alice_client):
    assert alice_client.get(URL).status_code == 405


def test_it_sends_visitors_to_the_login_page(anon):
    response = anon.post(URL, {"done": "on"})

    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/")


def test_ticking_and_unticking_a_task_is_on_the_timeline(alice_client, alice, alice_registration):
    response = alice_client.post(URL, {"done": "on"})

    assert response.status_code == 302
    assert response["Location"] == "/en/dashboard/#better-reimbursed"
    assert ReimbursementTask.objects.filter(student=alice, task="declare-gp").exists()

    alice_client.post(URL, {})

    assert not ReimbursementTask.objects.filter(student=alice, task="declare-gp").exists()
    kinds = list(alice_registration.events.values_list("kind", flat=True))
    assert EventKind.REIMBURSEMENT_TASK_DONE in kinds
    assert EventKind.REIMBURSEMENT_TASK_UNDONE in kinds


def test_ticking_twice_keeps_one_row_and_one_event(alice_client, alice, alice_registration):
    alice_client.post(URL, {"done": "on"})
    alice_client.post(URL, {"done": "on"})

    assert ReimbursementTask.objects.filter(student=alice).count() == 1
    assert alice_registration.events.filter(kind=EventKind.REIMBURSEMENT_TASK_DONE).count() == 1


def test_ticking_touches_only_the_students_own_list(
    client, alice, charlie, alice_registration, charlie_registration
):
    client.force_login(charlie)

    client.post(URL, {"done": "on"})

    assert not ReimbursementTask.objects.filter(student=alice).exists()
    assert ReimbursementTask.objects.filter(student=charlie).exists()


def test_an_unknown_task_gives_404(alice_client):
    assert alice_client.post("/en/better-reimbursed/free-money/", {"done": "on"}).status_code == 404


def test_without_a_profile_the_student_is_asked_for_it_first(client, charlie):
    client.force_login(charlie)

    response = client.post(URL, {"done": "on"}, follow=True)

    assert "Tell us about yourself first." in response.content.decode()
    assert not ReimbursementTask.objects.exists()
