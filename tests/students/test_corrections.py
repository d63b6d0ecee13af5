"""Corrections: the student undoes their latest report or corrects a number; staff move a
file back or correct a number with a reason. Each is a timeline event; refusals change nothing."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from documents.services import document_accept
from messaging.services import message_send
from students import services
from students.models import EventKind, Registration, Status
from students.selectors import undoable_report
from tests.documents.conftest import private_storage, upload  # noqa: F401
from tests.students.conftest import PROVISIONAL, valid_number

DASHBOARD = "/en/dashboard/"


@pytest.fixture
def staff(django_user_model):
    return django_user_model.objects.create_user(
        email="office@example.org", password="x", is_staff=True
    )


def report(registration, *, by=None):
    return services.registration_report_submitted(
        registration=registration, by=by or registration.student, on=timezone.localdate()
    )


def undo_url(registration, event):
    return f"/en/registration/{registration.uuid}/undo/{event.uuid}/"


def test_a_student_undoes_a_mis_click_after_confirming(client, alice, alice_registration):
    registration = report(alice_registration)
    event = registration.events.get(kind=EventKind.SUBMITTED)
    client.force_login(alice)

    dashboard = client.get(DASHBOARD).content.decode()
    assert undo_url(registration, event) in dashboard
    page = client.get(undo_url(registration, event))
    assert page.status_code == 200
    assert "Yes, undo it" in page.content.decode()
    assert Registration.objects.get(pk=registration.pk).status == Status.SUBMITTED

    client.post(undo_url(registration, event))

    registration.refresh_from_db()
    assert registration.status == Status.NOT_STARTED
    undone = registration.events.get(kind=EventKind.STEP_UNDONE)
    assert (undone.from_status, undone.to_status) == (Status.SUBMITTED, Status.NOT_STARTED)
    # The report stays on the timeline, followed by its undoing.
    assert registration.events.filter(kind=EventKind.SUBMITTED).count() == 1
    assert "Undone: Registered on the official site" in client.get(DASHBOARD).content.decode()


def test_undoing_a_number_clears_it_and_the_step_can_be_reported_again(
    alice, alice_registration, bring_to
):
    registration = bring_to(alice_registration, Status.PROVISIONAL_NUMBER)
    event = registration.events.get(kind=EventKind.PROVISIONAL_NUMBER)

    registration = services.registration_undo_report(
        registration=registration, event_uuid=str(event.uuid), by=alice
    )

    assert registration.status == Status.SUBMITTED
    assert registration.provisional_number == ""
    assert registration.provisional_number_search_hash == ""
    services.registration_record_provisional_number(
        registration=registration,
        number=PROVISIONAL,
        by=alice,
        on=timezone.localdate() - timedelta(days=1),
    )


def test_undoing_i_sent_them_brings_back_what_the_cpam_asked_for(
    alice, alice_registration, bring_to
):
    registration = bring_to(alice_registration, Status.PROVISIONAL_NUMBER)
    registration = services.registration_report_missing_documents(
        registration=registration, documents=["bank-details"], by=alice, on=timezone.localdate()
    )
    registration = services.registration_report_documents_sent(
        registration=registration, by=alice, on=timezone.localdate()
    )
    event = registration.events.get(kind=EventKind.DOCUMENTS_SENT)

    registration = services.registration_undo_report(
        registration=registration, event_uuid=str(event.uuid), by=alice
    )

    assert registration.status == Status.MISSING_DOCUMENTS
    assert registration.missing_documents == ["bank-details"]


def test_no_undo_once_staff_acted_on_the_file(client, alice, alice_registration, staff):
    registration = report(alice_registration)
    event = registration.events.get(kind=EventKind.SUBMITTED)
    services.registration_record_provisional_number(
        registration=registration, number=PROVISIONAL, by=staff, on=timezone.localdate()
    )
    client.force_login(alice)

    assert undoable_report(registration, student=alice) is None
    response = client.post(undo_url(registration, event), follow=True)

    assert "can no longer be undone" in response.content.decode()
    registration.refresh_from_db()
    assert registration.status == Status.PROVISIONAL_NUMBER


def test_no_undo_after_14_days(alice, alice_registration):
    registration = report(alice_registration)
    event = registration.events.get(kind=EventKind.SUBMITTED)

    with time_machine.travel(timezone.now() + timedelta(days=15)):
        assert undoable_report(registration, student=alice) is None
        with pytest.raises(services.RegistrationError, match="can no longer be undone"):
            services.registration_undo_report(
                registration=registration, event_uuid=str(event.uuid), by=alice
            )
    assert Registration.objects.get(pk=registration.pk).status == Status.SUBMITTED


def test_only_the_latest_report_can_be_undone(alice, alice_registration, bring_to):
    registration = bring_to(alice_registration, Status.PROVISIONAL_NUMBER)
    older = registration.events.get(kind=EventKind.SUBMITTED)

    with pytest.raises(services.RegistrationError):
        services.registration_undo_report(
            registration=registration, event_uuid=str(older.uuid), by=alice
        )
    assert Registration.objects.get(pk=registration.pk).status == Status.PROVISIONAL_NUMBER


def test_another_student_cannot_reach_the_undo_page(client, charlie, alice_registration):
    registration = report(alice_registration)
    event = registration.events.get(kind=EventKind.SUBMITTED)
    client.force_login(charlie)

    assert client.post(undo_url(registration, event)).status_code == 404
    assert Registration.objects.get(pk=registration.pk).status == Status.SUBMITTED


CORRECT_PROVISIONAL = valid_number("7 02 05 99 216 321")


def test_a_student_corrects_a_mistyped_number(client, alice, alice_registration, bring_to):
    registration = bring_to(alice_registration, Status.PROVISIONAL_NUMBER)
    client.force_login(alice)
    url = f"/en/registration/{registration.uuid}/correct-number/provisional/"
    assert url in client.get(DASHBOARD).content.decode()

    response = client.post(url, {"number": CORRECT_PROVISIONAL})

    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.provisional_number == CORRECT_PROVISIONAL.replace(" ", "")
    assert registration.events.filter(kind=EventKind.NUMBER_CORRECTED).count() == 1


@pytest.mark.parametrize(
    ("number", "message"),
    [("1 01 09 99 216 321 18", "7 or 8"), ("8 01 09 99 216 321 19", "key"), ("", "required")],
)
def test_an_invalid_correction_is_refused_and_changes_nothing(
    client, alice, alice_registration, bring_to, number, message
):
    registration = bring_to(alice_registration, Status.PROVISIONAL_NUMBER)
    before = registration.provisional_number
    client.force_login(alice)

    response = client.post(
        f"/en/registration/{registration.uuid}/correct-number/provisional/", {"number": number}
    )

    assert response.status_code == 200
    assert message in response.content.decode()
    registration.refresh_from_db()
    assert registration.provisional_number == before
    assert not registration.events.filter(kind=EventKind.NUMBER_CORRECTED).exists()


def test_the_correction_page_speaks_french(client, alice, alice_registration, bring_to):
    registration = bring_to(alice_registration, Status.PROVISIONAL_NUMBER)
    client.force_login(alice)

    response = client.post(
        f"/fr/registration/{registration.uuid}/correct-number/provisional/", {"number": "123"}
    )

    assert "Corriger votre numéro" in response.content.decode()


def test_staff_move_a_file_back_with_a_reason_and_the_student_is_told(
    alice_registration, bring_to, staff, mailoutbox, django_capture_on_commit_callbacks
):
    registration = bring_to(alice_registration, Status.VALIDATED)

    with django_capture_on_commit_callbacks(execute=True):
        registration = services.registration_move_back(
            registration=registration,
            to_status=Status.SUBMITTED,
            by=staff,
            reason="The provisional number was typed for another student.",
        )

    assert registration.status == Status.SUBMITTED
    assert registration.provisional_number == ""
    event = registration.events.get(kind=EventKind.MOVED_BACK)
    assert event.note.startswith("The provisional number")
    assert event.actor_role == "staff"
    assert registration.history.count() >= 2


@pytest.mark.parametrize(
    ("to_status", "reason", "message"),
    [
        (Status.SUBMITTED, "  ", "Say why"),
        (Status.DEFINITIVE_NUMBER, "Wrong step", "before the current one"),
        ("approved", "Wrong step", "before the current one"),
    ],
)
def test_a_staff_step_back_without_a_reason_or_forward_is_refused(
    alice_registration, bring_to, staff, to_status, reason, message
):
    registration = bring_to(alice_registration, Status.VALIDATED)

    with pytest.raises(services.RegistrationError, match=message):
        services.registration_move_back(
            registration=registration, to_status=to_status, by=staff, reason=reason
        )
    registration.refresh_from_db()
    assert registration.status == Status.VALIDATED
    assert not registration.events.filter(kind=EventKind.MOVED_BACK).exists()


def test_a_student_cannot_move_back_and_staff_must_say_why_they_correct_a_number(
    alice, alice_registration, bring_to, staff
):
    registration = bring_to(alice_registration, Status.VALIDATED)

    with pytest.raises(services.RegistrationError):
        services.registration_move_back(
            registration=registration, to_status=Status.SUBMITTED, by=alice, reason="oops"
        )
    with pytest.raises(services.RegistrationError, match="Say why"):
        services.registration_correct_number(
            registration=registration, kind="provisional", number=CORRECT_PROVISIONAL, by=staff
        )
    services.registration_correct_number(
        registration=registration,
        kind="provisional",
        number=CORRECT_PROVISIONAL,
        by=staff,
        reason="Typo in the student's report",
    )
    registration.refresh_from_db()
    assert registration.provisional_number == CORRECT_PROVISIONAL.replace(" ", "")


# --- Undo refused once the office acted on the file since the report --------------------


@pytest.fixture
def reviewer(django_user_model):
    return django_user_model.objects.create_superuser(email="reviewer@example.org", password="x")


def _undo_refused(client, registration, event):
    response = client.post(undo_url(registration, event), follow=True)
    assert "can no longer be undone" in response.content.decode()
    assert undo_url(registration, event) not in client.get(DASHBOARD).content.decode()


def test_a_review_of_a_document_after_the_report_refuses_the_undo(
    client, alice, alice_registration, reviewer, upload, private_storage
):
    version = upload(alice).document.current_version
    registration = report(alice_registration)
    event = registration.events.get(kind=EventKind.SUBMITTED)
    document_accept(version=version, by=reviewer)
    client.force_login(alice)

    assert undoable_report(registration, student=alice) is None
    _undo_refused(client, registration, event)
    assert Registration.objects.get(pk=registration.pk).status == Status.SUBMITTED


def test_a_review_before_the_report_leaves_the_undo_possible(
    alice, alice_registration, reviewer, upload, private_storage
):
    document_accept(version=upload(alice).document.current_version, by=reviewer)
    registration = report(alice_registration)
    event = registration.events.get(kind=EventKind.SUBMITTED)

    assert undoable_report(registration, student=alice) == event
    services.registration_undo_report(
        registration=registration, event_uuid=str(event.uuid), by=alice
    )
    assert Registration.objects.get(pk=registration.pk).status == Status.NOT_STARTED


def test_a_message_from_the_office_after_the_report_refuses_the_undo(
    client, alice, alice_registration, staff
):
    registration = report(alice_registration)
    event = registration.events.get(kind=EventKind.SUBMITTED)
    message_send(student=alice, author=staff, body="We saw your registration, all good.")
    client.force_login(alice)

    assert undoable_report(registration, student=alice) is None
    _undo_refused(client, registration, event)
    assert Registration.objects.get(pk=registration.pk).status == Status.SUBMITTED


def test_the_student_s_own_message_or_an_older_office_message_leaves_the_undo_possible(
    alice, alice_registration, staff
):
    message_send(student=alice, author=staff, body="Welcome.")
    registration = report(alice_registration)
    event = registration.events.get(kind=EventKind.SUBMITTED)
    message_send(student=alice, author=alice, body="I registered, by mistake I think.")

    assert undoable_report(registration, student=alice) == event


def test_a_missing_documents_request_by_staff_after_the_report_refuses_the_undo(
    client, alice, alice_registration, bring_to, staff
):
    registration = bring_to(alice_registration, Status.PROVISIONAL_NUMBER)
    event = registration.events.get(kind=EventKind.PROVISIONAL_NUMBER)
    assert undoable_report(registration, student=alice) == event
    services.registration_report_missing_documents(
        registration=registration,
        documents=["bank-details"],
        by=staff,
        on=timezone.localdate(),
    )
    client.force_login(alice)

    assert undoable_report(registration, student=alice) is None
    _undo_refused(client, registration, event)
    assert Registration.objects.get(pk=registration.pk).status == Status.MISSING_DOCUMENTS


def test_the_student_s_own_missing_documents_report_can_be_undone(
    alice, alice_registration, bring_to
):
    registration = bring_to(alice_registration, Status.MISSING_DOCUMENTS)
    event = registration.events.get(kind=EventKind.MISSING_DOCUMENTS)

    registration = services.registration_undo_report(
        registration=registration, event_uuid=str(event.uuid), by=alice
    )

    assert registration.status == Status.PROVISIONAL_NUMBER
    assert registration.missing_documents == []
