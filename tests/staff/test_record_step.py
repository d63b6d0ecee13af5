"""Staff record a lifecycle step for a student: through the students' services (same rules,
one timeline event), then the student gets the lifecycle notice by e-mail."""

from datetime import timedelta

import pytest
from django.core import mail

from notifications.models import Notice, NoticeKind
from students.models import ActorRole, EventKind, Registration, RegistrationEvent, Status
from tests.staff.conftest import DEFINITIVE, PROVISIONAL, staff_client


def url(student) -> str:
    return f"/admin/office/student/{student.uuid}/record/"


def test_it_offers_only_the_steps_that_can_follow(bob_client, alice, alice_file, bring_to):
    bring_to(alice_file, Status.PROVISIONAL_NUMBER)

    html = bob_client.get(url(alice)).content.decode()

    assert 'value="missing-documents"' in html
    assert 'value="validated"' in html
    assert 'value="submitted"' not in html
    assert 'value="definitive-number"' not in html
    # The step is chosen from transitions, never typed as a status.
    assert 'name="status"' not in html


def test_recording_a_step_goes_through_the_service_and_tells_the_student(
    bob, bob_client, alice, alice_file, today, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = bob_client.post(
            url(alice), {"step": "submitted", "on": today.isoformat(), "note": "Seen at the desk."}
        )

    assert response.status_code == 302
    assert response["Location"] == f"/admin/office/student/{alice.pk}/change/"
    registration = Registration.objects.get(pk=alice_file.pk)
    assert registration.status == Status.SUBMITTED
    event = registration.events.get(kind=EventKind.SUBMITTED)
    assert (event.actor, event.actor_role, event.note) == (
        bob,
        ActorRole.STAFF,
        "Seen at the desk.",
    )
    notice = Notice.objects.get(recipient=alice)
    assert notice.kind == NoticeKind.LIFECYCLE_EVENT
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["alice@example.org"]
    assert "Registered on the official site" in mail.outbox[0].body
    assert "Seen at the desk." in mail.outbox[0].body


def test_the_notice_is_in_the_student_s_language(
    bob_client, alice, alice_file, today, django_capture_on_commit_callbacks
):
    alice.preferred_language = "fr"
    alice.save()

    with django_capture_on_commit_callbacks(execute=True):
        bob_client.post(url(alice), {"step": "submitted", "on": today.isoformat()})

    assert mail.outbox[0].subject == "Votre inscription : Inscrit sur le site officiel"


def test_a_number_step_checks_the_number(bob_client, alice, alice_file, bring_to, today):
    bring_to(alice_file, Status.SUBMITTED)

    response = bob_client.post(
        url(alice), {"step": "provisional-number", "on": today.isoformat(), "number": "123"}
    )

    assert response.status_code == 200
    assert Registration.objects.get(pk=alice_file.pk).status == Status.SUBMITTED
    assert not Notice.objects.exists()


def test_a_number_step_stores_the_number(bob_client, alice, alice_file, bring_to, today):
    bring_to(alice_file, Status.SUBMITTED)

    bob_client.post(
        url(alice),
        {"step": "provisional-number", "on": today.isoformat(), "number": PROVISIONAL},
    )

    registration = Registration.objects.get(pk=alice_file.pk)
    assert registration.status == Status.PROVISIONAL_NUMBER
    assert registration.provisional_number == PROVISIONAL


def test_a_definitive_number_needs_the_number_field(bob_client, alice, alice_file, bring_to, today):
    bring_to(alice_file, Status.VALIDATED)

    response = bob_client.post(url(alice), {"step": "definitive-number", "on": today.isoformat()})
    assert "Enter the number for this step." in response.content.decode()

    bob_client.post(
        url(alice),
        {"step": "definitive-number", "on": today.isoformat(), "number": DEFINITIVE},
    )
    assert Registration.objects.get(pk=alice_file.pk).status == Status.DEFINITIVE_NUMBER


def test_missing_documents_need_the_documents(bob_client, alice, alice_file, bring_to, today):
    bring_to(alice_file, Status.PROVISIONAL_NUMBER)

    response = bob_client.post(url(alice), {"step": "missing-documents", "on": today.isoformat()})
    assert "Choose at least one document the CPAM asked for." in response.content.decode()

    bob_client.post(
        url(alice),
        {
            "step": "missing-documents",
            "on": today.isoformat(),
            "documents": ["birth-certificate", "translation"],
        },
    )
    registration = Registration.objects.get(pk=alice_file.pk)
    assert registration.missing_documents == ["birth-certificate", "translation"]


def test_the_service_s_rules_apply_a_date_in_the_future_is_refused(
    bob_client, alice, alice_file, today
):
    response = bob_client.post(
        url(alice), {"step": "submitted", "on": (today + timedelta(days=1)).isoformat()}
    )

    assert response.status_code == 200
    assert "The date cannot be in the future." in response.content.decode()
    assert not RegistrationEvent.objects.filter(kind=EventKind.SUBMITTED).exists()
    assert not Notice.objects.exists()


def test_a_step_that_cannot_follow_is_refused(bob_client, alice, alice_file, today):
    response = bob_client.post(url(alice), {"step": "validated", "on": today.isoformat()})

    assert response.status_code == 200
    assert Registration.objects.get(pk=alice_file.pk).status == Status.NOT_STARTED


def test_a_student_without_registration_has_nothing_to_record(bob_client, charlie):
    response = bob_client.get(url(charlie))

    assert response.status_code == 302
    assert response["Location"] == f"/admin/office/student/{charlie.pk}/change/"


@pytest.mark.parametrize("persona", ["editor", "eve"])
def test_staff_without_the_permission_are_refused(request, persona, alice, alice_file, today):
    client = staff_client(request.getfixturevalue(persona))

    response = client.post(url(alice), {"step": "submitted", "on": today.isoformat()})

    assert response.status_code == 403
    assert Registration.objects.get(pk=alice_file.pk).status == Status.NOT_STARTED


def test_an_unknown_student_is_a_404(bob_client, alice_file):
    unknown = "/admin/office/student/00000000-0000-4000-8000-000000000000/record/"

    assert bob_client.get(unknown).status_code == 404


# The CPAM's "missing documents" checklist, per path (documents.requirements): a Japanese
# student is never offered form S1 or the Quebec form.
CHECKLIST_BY_PATH = [
    (
        {"nationality": "JP", "country_of_birth": "JP"},
        ["identity", "residence-permit", "school-certificate", "bank-details"],
        ["s1", "quebec-form"],
    ),
    (
        {"nationality": "DE", "country_of_birth": "DE"},
        ["identity", "school-certificate", "bank-details", "s1"],
        ["residence-permit", "quebec-form"],
    ),
    (
        {"nationality": "CA", "country_of_birth": "CA", "quebec_resident": True},
        ["quebec-form", "identity", "school-certificate", "bank-details"],
        ["s1", "residence-permit"],
    ),
]


@pytest.mark.parametrize(("profile", "offered", "never"), CHECKLIST_BY_PATH)
def test_the_missing_documents_checklist_offers_only_the_paths_documents(
    bob_client, alice, make_profile, bring_to, profile, offered, never
):
    registration = bring_to(make_profile(alice, **profile), Status.PROVISIONAL_NUMBER)

    html = bob_client.get(url(alice)).content.decode()

    for value in [*offered, "birth-certificate", "other"]:
        assert f'name="documents" value="{value}"' in html
    for value in never:
        assert f'value="{value}"' not in html
    # A document of another path, posted anyway, is refused and nothing changes.
    response = bob_client.post(
        url(alice),
        {
            "step": "missing-documents",
            "on": registration.updated_at.date().isoformat(),
            "documents": never[:1],
        },
    )
    assert response.status_code == 200
    assert Registration.objects.get(pk=registration.pk).status == Status.PROVISIONAL_NUMBER
