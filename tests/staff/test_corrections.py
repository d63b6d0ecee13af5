"""Staff correct a file in the admin: move it back to an earlier step, or correct a recorded
number, each with a reason. Through the students' services (one timeline event, the change
history, the student's notice); a missing reason or a bad number changes nothing."""

import pytest
from django.core import mail

from notifications.models import Notice, NoticeKind
from students.models import ActorRole, EventKind, Registration, Status
from tests.staff.conftest import PROVISIONAL, staff_client, student_client
from tests.students.conftest import valid_number

CORRECT_PROVISIONAL = valid_number("8 01 09 99 216 322")


def move_back_url(student) -> str:
    return f"/admin/office/student/{student.uuid}/move-back/"


def correct_url(student) -> str:
    return f"/admin/office/student/{student.uuid}/correct-number/"


def test_the_file_page_links_to_both_corrections(bob_client, alice, alice_file):
    html = bob_client.get(f"/admin/office/student/{alice.pk}/change/").content.decode()

    assert move_back_url(alice) in html
    assert correct_url(alice) in html


def test_staff_without_the_permission_see_no_correction_links(
    bob, alice, alice_file, django_user_model
):
    # The office's role without this one permission: the file is readable, not correctable.
    bob.groups.first().permissions.remove(
        *bob.groups.first().permissions.filter(codename="correct_registration")
    )
    html = (
        staff_client(django_user_model.objects.get(pk=bob.pk))
        .get(f"/admin/office/student/{alice.pk}/change/")
        .content.decode()
    )

    assert move_back_url(alice) not in html
    assert correct_url(alice) not in html


def test_it_offers_only_earlier_steps(bob_client, alice, alice_file, bring_to):
    bring_to(alice_file, Status.VALIDATED)

    html = bob_client.get(move_back_url(alice)).content.decode()

    for earlier in (Status.NOT_STARTED, Status.SUBMITTED, Status.PROVISIONAL_NUMBER):
        assert f'value="{earlier}"' in html
    assert f'value="{Status.VALIDATED}"' not in html
    assert f'value="{Status.DEFINITIVE_NUMBER}"' not in html


def test_moving_back_goes_through_the_service_and_the_student_sees_it(
    bob, bob_client, alice, alice_file, bring_to, django_capture_on_commit_callbacks
):
    bring_to(alice_file, Status.VALIDATED)

    with django_capture_on_commit_callbacks(execute=True):
        response = bob_client.post(
            move_back_url(alice),
            {"to_status": Status.SUBMITTED, "reason": "The number belongs to another student."},
        )

    assert response.status_code == 302
    assert response["Location"] == f"/admin/office/student/{alice.pk}/change/"
    registration = Registration.objects.get(pk=alice_file.pk)
    assert registration.status == Status.SUBMITTED
    assert registration.provisional_number == ""
    event = registration.events.get(kind=EventKind.MOVED_BACK)
    assert (event.actor, event.actor_role, event.from_status, event.to_status) == (
        bob,
        ActorRole.STAFF,
        Status.VALIDATED,
        Status.SUBMITTED,
    )
    assert event.note == "The number belongs to another student."
    # In the change history too, with who did it.
    assert registration.history.first().history_user == bob
    assert Notice.objects.get(recipient=alice).kind == NoticeKind.LIFECYCLE_EVENT
    assert "The number belongs to another student." in mail.outbox[0].body
    # The office's timeline names the move; the student's dashboard tells it with the reason.
    file_page = bob_client.get(response["Location"]).content.decode()
    assert "Registration validated → Registered on the official site" in file_page
    alice_client = student_client(alice)
    dashboard = alice_client.get("/en/dashboard/").content.decode()
    assert "Moved back to the step “Registered on the official site”" in dashboard
    assert "The number belongs to another student." in dashboard


@pytest.mark.parametrize(
    ("language", "message"),
    [("en", "Say why: the student sees the reason."), ("fr", "Indiquez pourquoi")],
)
def test_a_move_back_without_a_reason_changes_nothing(
    bob, alice, alice_file, bring_to, language, message
):
    bring_to(alice_file, Status.VALIDATED)
    bob.preferred_language = language
    bob.save()

    response = staff_client(bob).post(
        move_back_url(alice),
        {"to_status": Status.SUBMITTED, "reason": "   "},
        HTTP_ACCEPT_LANGUAGE=language,
    )

    assert response.status_code == 200
    assert message in response.content.decode()
    registration = Registration.objects.get(pk=alice_file.pk)
    assert registration.status == Status.VALIDATED
    assert not registration.events.filter(kind=EventKind.MOVED_BACK).exists()
    assert not mail.outbox


def test_a_later_step_is_not_offered_nor_accepted(bob_client, alice, alice_file, bring_to):
    bring_to(alice_file, Status.PROVISIONAL_NUMBER)

    response = bob_client.post(
        move_back_url(alice), {"to_status": Status.VALIDATED, "reason": "Wrong click"}
    )

    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert Registration.objects.get(pk=alice_file.pk).status == Status.PROVISIONAL_NUMBER


def test_a_file_at_its_first_step_has_nothing_to_move_back(bob_client, alice, alice_file):
    html = bob_client.get(move_back_url(alice)).content.decode()

    assert "there is no step before it" in html
    assert 'name="to_status"' not in html


def test_correcting_a_number_goes_through_the_service_and_the_student_is_told(
    bob, bob_client, alice, alice_file, bring_to, django_capture_on_commit_callbacks
):
    bring_to(alice_file, Status.PROVISIONAL_NUMBER)

    with django_capture_on_commit_callbacks(execute=True):
        response = bob_client.post(
            correct_url(alice),
            {
                "kind": "provisional",
                "number": CORRECT_PROVISIONAL,
                "reason": "The last digit was mistyped.",
            },
        )

    assert response.status_code == 302
    registration = Registration.objects.get(pk=alice_file.pk)
    assert registration.provisional_number == CORRECT_PROVISIONAL.replace(" ", "")
    assert registration.status == Status.PROVISIONAL_NUMBER
    event = registration.events.get(kind=EventKind.NUMBER_CORRECTED)
    assert (event.actor, event.note) == (bob, "The last digit was mistyped.")
    assert registration.history.first().history_user == bob
    assert "The last digit was mistyped." in mail.outbox[0].body
    assert "Number corrected" in mail.outbox[0].subject
    assert "provisional number" in bob_client.get(response["Location"]).content.decode()
    dashboard = student_client(alice).get("/en/dashboard/").content.decode()
    assert "Number corrected" in dashboard
    assert "The last digit was mistyped." in dashboard


@pytest.mark.parametrize(
    ("language", "data", "message"),
    [
        ("en", {"number": "1 01 09 99 216 321 18", "reason": "Typo"}, "7 or 8"),
        ("en", {"number": "8 01 09 99 216 321 19", "reason": "Typo"}, "key"),
        ("en", {"number": CORRECT_PROVISIONAL, "reason": ""}, "Say why"),
        ("fr", {"number": "8 01 09 99 216 321 19", "reason": "Typo"}, "clé"),
        ("fr", {"number": CORRECT_PROVISIONAL, "reason": " "}, "Indiquez pourquoi"),
    ],
)
def test_an_invalid_number_or_a_missing_reason_changes_nothing(
    bob, alice, alice_file, bring_to, language, data, message
):
    bring_to(alice_file, Status.PROVISIONAL_NUMBER)
    bob.preferred_language = language
    bob.save()

    response = staff_client(bob).post(
        correct_url(alice), {"kind": "provisional", **data}, HTTP_ACCEPT_LANGUAGE=language
    )

    assert response.status_code == 200
    assert message in response.content.decode()
    registration = Registration.objects.get(pk=alice_file.pk)
    assert registration.provisional_number == PROVISIONAL.replace(" ", "")
    assert not registration.events.filter(kind=EventKind.NUMBER_CORRECTED).exists()
    assert not mail.outbox


def test_only_a_recorded_number_can_be_corrected(bob_client, alice, alice_file, bring_to):
    bring_to(alice_file, Status.PROVISIONAL_NUMBER)

    html = bob_client.get(correct_url(alice)).content.decode()
    assert 'value="provisional"' in html
    assert 'value="definitive"' not in html

    response = bob_client.post(
        correct_url(alice), {"kind": "definitive", "number": "x", "reason": "Typo"}
    )
    assert "Select a valid choice" in response.content.decode()


def test_a_file_without_a_number_has_nothing_to_correct(bob_client, alice, alice_file):
    html = bob_client.get(correct_url(alice)).content.decode()

    assert "No number is recorded on this file" in html


@pytest.mark.parametrize("persona", ["editor", "eve"])
@pytest.mark.parametrize("url", [move_back_url, correct_url])
def test_staff_without_the_permission_are_refused(
    request, persona, url, alice, alice_file, bring_to
):
    bring_to(alice_file, Status.VALIDATED)
    client = staff_client(request.getfixturevalue(persona))

    assert client.get(url(alice)).status_code == 403
    response = client.post(
        url(alice),
        {
            "to_status": Status.SUBMITTED,
            "kind": "provisional",
            "number": CORRECT_PROVISIONAL,
            "reason": "Because",
        },
    )

    assert response.status_code == 403
    registration = Registration.objects.get(pk=alice_file.pk)
    assert registration.status == Status.VALIDATED
    assert registration.provisional_number == PROVISIONAL.replace(" ", "")


def test_a_student_cannot_reach_the_staff_screens(alice, alice_file):
    client = student_client(alice)

    response = client.get(move_back_url(alice))

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
