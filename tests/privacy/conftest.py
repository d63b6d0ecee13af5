"""Fixtures for the person's rights: a signed-in, recently re-authenticated student, and a
file full of data (profile, registration with both numbers, documents with a review,
a notice, a ticked task) for Alice and for Charlie, who must never appear in Alice's."""

import pytest
from django.test import Client
from django.utils import timezone

from documents.models import RejectionReason
from documents.services import document_reject
from students.models import ReimbursementTask, ReimbursementTaskKind, Status
from tests.documents.conftest import (  # noqa: F401
    alice_passport,
    bob,
    private_storage,
    upload,
)
from tests.documents.files import jpeg
from tests.students.conftest import (  # noqa: F401
    alice_registration,
    bring_to,
    charlie_registration,
    make_profile,
    year,
)


def reauthenticate(client: Client, password: str, language: str = "en"):
    """Type the password again on allauth's page, as a person asked for it would."""
    return client.post(f"/{language}/accounts/reauthenticate/", {"password": password})


@pytest.fixture
def signed_in(log_in, password):
    """A client that logged in and confirmed its password just now."""

    def sign_in(user) -> Client:
        client = Client()
        response = log_in(client, user.email, password)
        assert response.status_code == 302, response.content
        assert reauthenticate(client, password).status_code == 302
        return client

    return sign_in


@pytest.fixture
def alice_file(alice, alice_registration, bring_to, alice_passport, upload, bob):
    """Alice at "definitive number", a passport waiting for review and a rejected RIB."""
    registration = bring_to(alice_registration, Status.DEFINITIVE_NUMBER)
    rib = upload(alice, "rib", contents=[("my bank.jpg", jpeg())]).document
    document_reject(
        version=rib.current_version,
        by=bob,
        reasons=[RejectionReason.objects.first()],
        comment="The IBAN is cut off.",
    )
    ReimbursementTask.objects.create(
        student=alice, task=ReimbursementTaskKind.DECLARE_GP, completed_on=timezone.localdate()
    )
    return registration


@pytest.fixture
def charlie_file(charlie, charlie_registration, bring_to, upload):
    registration = bring_to(charlie_registration, Status.PROVISIONAL_NUMBER)
    upload(charlie, contents=[("charlie passport.jpg", jpeg(colour="navy"))])
    ReimbursementTask.objects.create(
        student=charlie, task=ReimbursementTaskKind.SECTOR_1, completed_on=timezone.localdate()
    )
    return registration
