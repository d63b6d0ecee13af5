"""CSRF on every change (SECURITY.md row 21): a POST without a token is refused with 403
and changes nothing."""

import pytest
from django.test import Client

from documents.kinds import DocumentKind
from documents.models import Document, RejectionReason, ReviewDecision
from messaging.models import Message
from students.models import Registration, RegistrationEvent
from tests.conftest import log_in_with_mfa
from tests.documents.conftest import bob as reviewer  # noqa: F401
from tests.documents.conftest import private_storage, upload  # noqa: F401
from tests.documents.files import jpeg
from tests.students.conftest import alice_registration, make_profile, year  # noqa: F401


def without_token(user, *, staff=False) -> Client:
    client = Client(enforce_csrf_checks=True)
    if staff:
        return log_in_with_mfa(client, user)
    client.force_login(user)
    return client


def state():
    return (
        Document.objects.count(),
        ReviewDecision.objects.count(),
        RegistrationEvent.objects.count(),
        Message.objects.count(),
        list(Registration.objects.values_list("status", flat=True)),
    )


@pytest.fixture
def passport(alice, upload):  # noqa: F811
    return upload(alice).document


@pytest.mark.django_db
@pytest.mark.parametrize(
    "action",
    ["upload", "delete", "report", "logout", "message"],
)
def test_a_students_post_without_a_token_is_refused(action, alice, alice_registration, passport):
    client = without_token(alice)
    address, data = {
        "upload": (
            f"/en/documents/upload/{DocumentKind.RIB.value}/",
            {"files": [("rib.jpg", jpeg())]},
        ),
        "delete": (f"/en/documents/{passport.uuid}/delete/", {}),
        "report": (f"/en/registration/{alice_registration.uuid}/submitted/", {}),
        "logout": ("/en/accounts/logout/", {}),
        "message": ("/en/messages/", {"body": "Hello"}),
    }[action]
    before = state()
    response = client.post(address, data)
    assert response.status_code == 403
    assert state() == before
    assert client.get("/en/dashboard/").status_code == 200  # still signed in


@pytest.mark.django_db
@pytest.mark.parametrize("decision", ["accept", "reject"])
def test_a_review_without_a_token_is_refused(decision, reviewer, passport):  # noqa: F811
    client = without_token(reviewer, staff=True)
    before = state()
    # A complete decision on the one review screen, only the token missing.
    data = {"version": passport.current_version.uuid, "decision": decision}
    if decision == "reject":
        data["reasons"] = [RejectionReason.objects.first().pk]
    response = client.post(f"/admin/office/pendingdocument/{passport.uuid}/review/", data)
    assert response.status_code == 403
    assert state() == before
