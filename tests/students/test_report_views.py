"""The nine report pages: confirmation on GET, the change on POST, 404 for a stranger.

One parametrised file rather than nine: the pages share one shape and differ only in their
form and service, listed in REPORTS below.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from students.models import EventKind, Registration, Status
from tests.students.conftest import DEFINITIVE, PROVISIONAL

# url segment → (status it starts from, extra reports first, extra form fields,
#                 status after, event kind, field changed on the registration)
REPORTS = {
    "submitted": (Status.NOT_STARTED, [], {}, Status.SUBMITTED, EventKind.SUBMITTED),
    "provisional-number": (
        Status.SUBMITTED,
        [],
        {"number": "8 01 09 99 216 321 18"},
        Status.PROVISIONAL_NUMBER,
        EventKind.PROVISIONAL_NUMBER,
    ),
    "missing-documents": (
        Status.PROVISIONAL_NUMBER,
        [],
        {"documents": ["residence-permit", "translation"]},
        Status.MISSING_DOCUMENTS,
        EventKind.MISSING_DOCUMENTS,
    ),
    "documents-sent": (
        Status.MISSING_DOCUMENTS,
        [],
        {},
        Status.DOCUMENTS_SENT,
        EventKind.DOCUMENTS_SENT,
    ),
    "validated": (Status.PROVISIONAL_NUMBER, [], {}, Status.VALIDATED, EventKind.VALIDATED),
    "definitive-number": (
        Status.VALIDATED,
        [],
        {"number": DEFINITIVE},
        Status.DEFINITIVE_NUMBER,
        EventKind.DEFINITIVE_NUMBER,
    ),
    "ameli-account": (
        Status.DEFINITIVE_NUMBER,
        [],
        {},
        Status.DEFINITIVE_NUMBER,
        EventKind.AMELI_ACCOUNT,
    ),
    "carte-vitale-ordered": (
        Status.DEFINITIVE_NUMBER,
        [],
        {},
        Status.DEFINITIVE_NUMBER,
        EventKind.CARTE_VITALE_ORDERED,
    ),
    "carte-vitale-received": (
        Status.DEFINITIVE_NUMBER,
        ["ordered"],
        {},
        Status.DEFINITIVE_NUMBER,
        EventKind.CARTE_VITALE_RECEIVED,
    ),
}
SEGMENTS = list(REPORTS)


def url(registration, segment, language="en"):
    return f"/{language}/registration/{registration.uuid}/{segment}/"


@pytest.fixture
def ready(alice_registration, bring_to):
    """Alice's registration brought to the step where each report is possible."""

    def at(segment):
        start, extra, *_rest = REPORTS[segment]
        return bring_to(alice_registration, start, extra=extra)

    return at


def post_data(segment, **changes):
    data = {"on": timezone.localdate().isoformat(), "note": "", **REPORTS[segment][2]}
    data.update(changes)
    return data


@pytest.mark.parametrize("segment", SEGMENTS)
def test_it_sends_visitors_to_the_login_page(anon, ready, segment):
    registration = ready(segment)

    for response in [
        anon.get(url(registration, segment)),
        anon.post(url(registration, segment), post_data(segment)),
    ]:
        assert response.status_code == 302
        assert response["Location"].startswith("/en/accounts/login/")
    assert Registration.objects.get(pk=registration.pk).status == REPORTS[segment][0]


@pytest.mark.parametrize("segment", SEGMENTS)
def test_get_shows_the_confirmation_form_and_changes_nothing(client, alice, ready, segment):
    registration = ready(segment)
    events = registration.events.count()
    client.force_login(alice)

    response = client.get(url(registration, segment))

    assert response.status_code == 200
    content = response.content.decode()
    assert "Confirm and save" in content
    assert 'method="post"' in content
    assert registration.events.count() == events
    assert Registration.objects.get(pk=registration.pk).status == REPORTS[segment][0]


@pytest.mark.parametrize("segment", SEGMENTS)
def test_post_records_the_step_with_one_event(client, alice, ready, segment):
    registration = ready(segment)
    events = registration.events.count()
    client.force_login(alice)
    on = timezone.localdate()

    response = client.post(url(registration, segment), post_data(segment, note="By post."))

    assert response.status_code == 302
    assert response["Location"] == "/en/dashboard/"
    registration = Registration.objects.get(pk=registration.pk)
    _start, _extra, _fields, status, kind = REPORTS[segment]
    assert registration.status == status
    assert registration.events.count() == events + 1
    event = registration.events.first()
    assert (event.kind, event.occurred_on, event.note, event.actor) == (kind, on, "By post.", alice)


@pytest.mark.parametrize("segment", SEGMENTS)
def test_another_student_gets_404_and_nothing_changes(
    client, charlie, charlie_registration, ready, segment
):
    registration = ready(segment)
    events = registration.events.count()
    client.force_login(charlie)

    assert client.get(url(registration, segment)).status_code == 404
    assert client.post(url(registration, segment), post_data(segment)).status_code == 404

    registration = Registration.objects.get(pk=registration.pk)
    assert registration.status == REPORTS[segment][0]
    assert registration.events.count() == events


def test_staff_get_404_here_too(client, bob, ready):
    registration = ready("submitted")
    client.force_login(bob)

    assert client.get(url(registration, "submitted")).status_code == 404


def test_an_unknown_registration_gives_404(client, alice, alice_registration):
    client.force_login(alice)

    response = client.get("/en/registration/00000000-0000-4000-8000-000000000000/submitted/")

    assert response.status_code == 404


@pytest.mark.parametrize("segment", ["validated", "definitive-number", "carte-vitale-received"])
def test_a_step_not_possible_now_sends_back_to_the_dashboard_with_a_message(
    client, alice, alice_registration, segment
):
    client.force_login(alice)

    for response in [
        client.get(url(alice_registration, segment), follow=True),
        client.post(url(alice_registration, segment), post_data(segment), follow=True),
    ]:
        assert response.redirect_chain[-1][0] == "/en/dashboard/"
        assert "This cannot be recorded now" in response.content.decode()
    registration = Registration.objects.get(pk=alice_registration.pk)
    assert registration.status == Status.NOT_STARTED


def test_a_future_date_is_explained_and_nothing_changes(client, alice, alice_registration):
    client.force_login(alice)
    tomorrow = timezone.localdate() + timedelta(days=1)

    response = client.post(
        url(alice_registration, "submitted"), post_data("submitted", on=tomorrow.isoformat())
    )

    assert response.status_code == 200
    assert "The date cannot be in the future." in response.content.decode()
    assert Registration.objects.get(pk=alice_registration.pk).status == Status.NOT_STARTED


def test_a_first_report_in_year_one_is_explained_and_nothing_changes(
    client, alice, alice_registration
):
    """Issue 16: a date field took year 0001 (and, for other fields, 9999)."""
    client.force_login(alice)

    response = client.post(
        url(alice_registration, "submitted"), post_data("submitted", on="0001-01-01")
    )

    assert response.status_code == 200
    assert "Enter a date between" in response.content.decode()
    assert Registration.objects.get(pk=alice_registration.pk).status == Status.NOT_STARTED


def test_a_date_before_the_previous_step_is_explained(client, alice, ready):
    registration = ready("provisional-number")
    client.force_login(alice)
    long_ago = timezone.localdate() - timedelta(days=400)

    response = client.post(
        url(registration, "provisional-number"),
        post_data("provisional-number", on=long_ago.isoformat()),
    )

    assert response.status_code == 200
    assert "before the previous step" in response.content.decode()
    assert Registration.objects.get(pk=registration.pk).status == Status.SUBMITTED


def test_a_definitive_number_typed_as_provisional_is_explained(client, alice, ready):
    registration = ready("provisional-number")
    client.force_login(alice)

    response = client.post(
        url(registration, "provisional-number"), post_data("provisional-number", number=DEFINITIVE)
    )

    assert response.status_code == 200
    assert "This looks like a definitive number (it starts with 2)" in response.content.decode()
    registration = Registration.objects.get(pk=registration.pk)
    assert (registration.status, registration.provisional_number) == (Status.SUBMITTED, "")


def test_a_wrong_key_is_explained_in_french(client, alice, ready):
    registration = ready("provisional-number")
    client.force_login(alice)

    response = client.post(
        url(registration, "provisional-number", "fr"),
        post_data("provisional-number", number=PROVISIONAL[:-2] + "19"),
    )

    assert response.status_code == 200
    assert "clé" in response.content.decode()
    assert Registration.objects.get(pk=registration.pk).status == Status.SUBMITTED


def test_missing_documents_need_at_least_one_document(client, alice, ready):
    registration = ready("missing-documents")
    client.force_login(alice)

    response = client.post(
        url(registration, "missing-documents"), post_data("missing-documents", documents=[])
    )

    assert response.status_code == 200
    assert "Choose at least one document" in response.content.decode()


def test_the_number_is_never_in_the_timeline_or_event_data(client, alice, ready):
    registration = ready("provisional-number")
    client.force_login(alice)

    client.post(url(registration, "provisional-number"), post_data("provisional-number"))

    event = Registration.objects.get(pk=registration.pk).events.first()
    assert PROVISIONAL not in str(event.data) + event.note
