"""The registration lifecycle through its services: every transition, allowed or not."""

from datetime import timedelta

import pytest
from django.utils import timezone

from students import services
from students.models import ActorRole, EventKind, Registration, RegistrationEvent, Status
from tests.students.conftest import DEFINITIVE, PROVISIONAL, report

# report → (statuses it may start from, status it leads to, event kind)
TRANSITIONS = {
    "submitted": ({Status.NOT_STARTED}, Status.SUBMITTED, EventKind.SUBMITTED),
    "provisional": ({Status.SUBMITTED}, Status.PROVISIONAL_NUMBER, EventKind.PROVISIONAL_NUMBER),
    "missing": (
        {Status.PROVISIONAL_NUMBER, Status.DOCUMENTS_SENT},
        Status.MISSING_DOCUMENTS,
        EventKind.MISSING_DOCUMENTS,
    ),
    "sent": ({Status.MISSING_DOCUMENTS}, Status.DOCUMENTS_SENT, EventKind.DOCUMENTS_SENT),
    "validated": (
        {Status.PROVISIONAL_NUMBER, Status.DOCUMENTS_SENT},
        Status.VALIDATED,
        EventKind.VALIDATED,
    ),
    "definitive": ({Status.VALIDATED}, Status.DEFINITIVE_NUMBER, EventKind.DEFINITIVE_NUMBER),
    "ameli": ({Status.DEFINITIVE_NUMBER}, Status.DEFINITIVE_NUMBER, EventKind.AMELI_ACCOUNT),
    "ordered": (
        {Status.DEFINITIVE_NUMBER},
        Status.DEFINITIVE_NUMBER,
        EventKind.CARTE_VITALE_ORDERED,
    ),
}

CASES = [
    (start, step, start in sources)
    for step, (sources, _target, _kind) in TRANSITIONS.items()
    for start in Status
]


@pytest.mark.parametrize(
    ("start", "step", "allowed"),
    CASES,
    ids=[f"{step}-from-{start.value}-{'ok' if ok else 'refused'}" for start, step, ok in CASES],
)
def test_each_transition_is_allowed_only_from_its_steps(
    alice_registration, bring_to, start, step, allowed
):
    registration = bring_to(alice_registration, start)
    events_before = registration.events.count()
    today = timezone.localdate()

    if allowed:
        result = report(step, registration, by=registration.student, on=today)
        _sources, target, kind = TRANSITIONS[step]
        registration.refresh_from_db()
        assert result.status == registration.status == target
        assert registration.events.count() == events_before + 1
        event = registration.events.first()
        assert (event.kind, event.from_status, event.to_status) == (kind, start, target)
        assert event.occurred_on == today
        assert (event.actor, event.actor_role) == (registration.student, ActorRole.STUDENT)
    else:
        with pytest.raises(services.RegistrationError) as refused:
            report(step, registration, by=registration.student, on=today)
        registration.refresh_from_db()
        assert registration.status == start
        assert registration.events.count() == events_before
        assert "cannot be recorded now" in refused.value.message or "already" in (
            refused.value.message
        )


def test_the_cpam_may_ask_for_documents_more_than_once(alice_registration, bring_to):
    registration = bring_to(alice_registration, Status.DOCUMENTS_SENT, extra=["missing", "sent"])

    kinds = list(registration.events.values_list("kind", flat=True))
    assert kinds.count(EventKind.MISSING_DOCUMENTS) == 2
    assert kinds.count(EventKind.DOCUMENTS_SENT) == 2
    registration = report(
        "validated", registration, by=registration.student, on=timezone.localdate()
    )
    assert registration.status == Status.VALIDATED


def test_missing_documents_are_named_and_cleared_once_sent(alice_registration, bring_to, today):
    registration = bring_to(alice_registration, Status.PROVISIONAL_NUMBER)

    registration = services.registration_report_missing_documents(
        registration=registration,
        documents=["birth-certificate", "translation"],
        by=registration.student,
        on=today,
    )
    assert registration.missing_documents == ["birth-certificate", "translation"]
    assert registration.events.first().data == {"documents": ["birth-certificate", "translation"]}

    registration = services.registration_report_documents_sent(
        registration=registration, by=registration.student, on=today
    )
    assert registration.missing_documents == []
    assert registration.events.first().data == {"documents": ["birth-certificate", "translation"]}


@pytest.mark.parametrize(
    ("documents", "note", "field"),
    [([], "", "documents"), (["passport-photo"], "", "documents"), (["other"], "", "note")],
)
def test_missing_documents_must_be_known_and_other_needs_a_note(
    alice_registration, bring_to, today, documents, note, field
):
    registration = bring_to(alice_registration, Status.PROVISIONAL_NUMBER)

    with pytest.raises(services.RegistrationError) as refused:
        services.registration_report_missing_documents(
            registration=registration,
            documents=documents,
            by=registration.student,
            on=today,
            note=note,
        )
    assert refused.value.field == field
    assert Registration.objects.get(pk=registration.pk).status == Status.PROVISIONAL_NUMBER


def test_a_date_in_the_future_is_refused(alice_registration, today):
    with pytest.raises(services.RegistrationError, match="future") as refused:
        services.registration_report_submitted(
            registration=alice_registration,
            by=alice_registration.student,
            on=today + timedelta(days=1),
        )
    assert refused.value.field == "on"
    assert Registration.objects.get(pk=alice_registration.pk).status == Status.NOT_STARTED
    assert not alice_registration.events.filter(kind=EventKind.SUBMITTED).exists()


def test_a_date_before_the_previous_step_is_refused(alice_registration, today):
    registration = services.registration_report_submitted(
        registration=alice_registration, by=alice_registration.student, on=today - timedelta(days=3)
    )

    with pytest.raises(services.RegistrationError, match="before the previous step"):
        services.registration_record_provisional_number(
            registration=registration,
            number=PROVISIONAL,
            by=registration.student,
            on=today - timedelta(days=4),
        )
    assert Registration.objects.get(pk=registration.pk).status == Status.SUBMITTED


def test_a_step_may_be_dated_before_the_profile_was_filled_in(alice_registration, today):
    # The path event is dated today; a registration made last month is still fine.
    registration = services.registration_report_submitted(
        registration=alice_registration,
        by=alice_registration.student,
        on=today - timedelta(days=30),
    )

    assert registration.status == Status.SUBMITTED


def test_the_same_day_as_the_previous_step_is_fine(alice_registration, today):
    registration = services.registration_report_submitted(
        registration=alice_registration, by=alice_registration.student, on=today
    )
    registration = services.registration_record_provisional_number(
        registration=registration, number=PROVISIONAL, by=registration.student, on=today
    )

    assert registration.status == Status.PROVISIONAL_NUMBER


def test_a_definitive_number_typed_as_provisional_is_refused(alice_registration, bring_to, today):
    registration = bring_to(alice_registration, Status.SUBMITTED)

    with pytest.raises(services.RegistrationError, match="looks like a definitive") as refused:
        services.registration_record_provisional_number(
            registration=registration, number=DEFINITIVE, by=registration.student, on=today
        )
    assert refused.value.field == "number"
    registration = Registration.objects.get(pk=registration.pk)
    assert registration.status == Status.SUBMITTED
    assert registration.provisional_number == ""


def test_a_provisional_number_typed_as_definitive_is_refused(alice_registration, bring_to, today):
    registration = bring_to(alice_registration, Status.VALIDATED)

    with pytest.raises(services.RegistrationError, match="looks like a provisional"):
        services.registration_record_definitive_number(
            registration=registration, number=PROVISIONAL, by=registration.student, on=today
        )
    assert Registration.objects.get(pk=registration.pk).status == Status.VALIDATED


def test_follow_up_tasks_wait_for_the_definitive_number(alice_registration, bring_to, today):
    registration = bring_to(alice_registration, Status.VALIDATED)

    for step in ["ameli", "ordered", "received"]:
        with pytest.raises(services.RegistrationError):
            report(step, registration, by=registration.student, on=today)


def test_follow_up_tasks_are_recorded_once_with_their_dates(alice_registration, bring_to, today):
    registration = bring_to(alice_registration, Status.DEFINITIVE_NUMBER)

    registration = report("ameli", registration, by=registration.student, on=today)
    assert registration.ameli_account_created_on == today
    with pytest.raises(services.RegistrationError, match="already recorded"):
        report("ameli", registration, by=registration.student, on=today)

    with pytest.raises(
        services.RegistrationError, match="Record first that you ordered your Carte Vitale"
    ):
        report("received", registration, by=registration.student, on=today)

    registration = report("ordered", registration, by=registration.student, on=today)
    registration = report("received", registration, by=registration.student, on=today)
    assert (registration.carte_vitale_ordered_on, registration.carte_vitale_received_on) == (
        today,
        today,
    )
    assert registration.status == Status.DEFINITIVE_NUMBER
    with pytest.raises(services.RegistrationError):
        report("received", registration, by=registration.student, on=today)
    assert registration.events.filter(kind=EventKind.CARTE_VITALE_RECEIVED).count() == 1


def test_the_card_cannot_arrive_before_it_was_ordered(alice_registration, bring_to, today):
    registration = bring_to(alice_registration, Status.DEFINITIVE_NUMBER)
    registration = report("ordered", registration, by=registration.student, on=today)

    with pytest.raises(services.RegistrationError, match="before the previous step"):
        report("received", registration, by=registration.student, on=today - timedelta(days=1))


def test_the_card_may_be_ordered_before_the_ameli_account_exists(
    alice_registration, bring_to, today
):
    registration = bring_to(alice_registration, Status.DEFINITIVE_NUMBER)
    registration = report("ordered", registration, by=registration.student, on=today)

    registration = report("ameli", registration, by=registration.student, on=today)

    assert registration.ameli_account_created_on == today


def test_staff_acting_are_recorded_as_staff(alice_registration, bob, today):
    registration = services.registration_report_submitted(
        registration=alice_registration, by=bob, on=today, note="Seen on the CPAM letter."
    )

    event = registration.events.first()
    assert (event.actor, event.actor_role, event.note) == (
        bob,
        ActorRole.STAFF,
        "Seen on the CPAM letter.",
    )


def test_another_student_cannot_act_on_a_registration(alice_registration, charlie, today):
    with pytest.raises(services.RegistrationError):
        services.registration_report_submitted(
            registration=alice_registration, by=charlie, on=today
        )

    assert Registration.objects.get(pk=alice_registration.pk).status == Status.NOT_STARTED


def test_the_status_cannot_be_written_directly(alice_registration):
    with pytest.raises(AttributeError):
        alice_registration.status = Status.VALIDATED


def test_each_report_writes_exactly_one_event(alice_registration, bring_to):
    registration = bring_to(
        alice_registration, Status.DEFINITIVE_NUMBER, extra=["ameli", "ordered", "received"]
    )

    lifecycle = RegistrationEvent.objects.filter(registration=registration).exclude(
        kind=EventKind.PATH_SET
    )
    assert list(
        lifecycle.order_by("occurred_on", "created_at", "id").values_list("kind", flat=True)
    ) == [
        EventKind.SUBMITTED,
        EventKind.PROVISIONAL_NUMBER,
        EventKind.VALIDATED,
        EventKind.DEFINITIVE_NUMBER,
        EventKind.AMELI_ACCOUNT,
        EventKind.CARTE_VITALE_ORDERED,
        EventKind.CARTE_VITALE_RECEIVED,
    ]
