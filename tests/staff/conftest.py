"""Fixtures for the staff workplace (the admin, office app) and the messages.

Roles, as the data migration office 0002 creates them:
- bob: "International office" (students, registrations, reviews, steps, export, messages);
- editor: "Guidance editor" (guidance pages and tariffs only);
- eve: staff in no group (no permission);
- root: a superuser; alice and charlie: students; anon: nobody signed in.

Signing staff in with MFA: the admin and the document views need a second factor
(office/mfa.py). `log_in_with_mfa(client, user)` (tests/conftest.py) gives the user an
authenticator app (an allauth `Authenticator` of type TOTP, key `TOTP_SECRET`) and signs
the client in with allauth's own authentication records for "password" then "mfa" in the
session, exactly what allauth writes after a password and a TOTP code. `staff_client(user)`
below does that; `no_mfa_client(user)` signs in with the password step only (force_login),
as a staff member who never enrolled or whose session skipped the second factor. One test
(test_mfa_gate.py) goes through the real login form with a computed TOTP code.
"""

import base64
import hashlib
import hmac
import struct
import time
from datetime import date, timedelta

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone

from documents.models import RejectionReason
from messaging.services import OFFICE_GROUP
from tests.conftest import TOTP_SECRET, log_in_with_mfa, make_verified_user

# Fixtures shared with the students' and documents' tests.
from tests.documents.conftest import private_storage, upload  # noqa: F401
from tests.documents.files import jpeg, pdf
from tests.students.conftest import (  # noqa: F401
    DEFINITIVE,
    PROVISIONAL,
    bring_to,
    make_profile,
    today,
    year,
)

GUIDANCE_EDITOR = "Guidance editor"


def totp_code(secret: str = TOTP_SECRET, *, at: float | None = None) -> str:
    """The current TOTP code for a key, as an authenticator app shows it (RFC 6238)."""
    counter = int(at if at is not None else time.time()) // 30
    digest = hmac.new(base64.b32decode(secret), struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 1_000_000:06d}"


@pytest.fixture
def frozen_clock():
    """Time stands still, so a TOTP code computed by a test is still valid when it is checked
    (allauth accepts the current 30-second window only)."""
    with time_machine.travel(timezone.now(), tick=False):
        yield


def staff_client(user) -> Client:
    return log_in_with_mfa(Client(), user)


def no_mfa_client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def student_client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def bob(bob):
    """International-office staff (the group of the data migration)."""
    bob.groups.add(Group.objects.get(name=OFFICE_GROUP))
    return bob


@pytest.fixture
def editor(db):
    user = make_verified_user(email="editor@example.org", is_staff=True)
    user.groups.add(Group.objects.get(name=GUIDANCE_EDITOR))
    return user


@pytest.fixture
def root(db, django_user_model):
    user = django_user_model.objects.create_superuser(
        email="root@example.org", password="root-password-for-tests"
    )
    return user


@pytest.fixture
def bob_client(bob) -> Client:
    return staff_client(bob)


@pytest.fixture
def root_client(root) -> Client:
    return staff_client(root)


@pytest.fixture
def alice_client(alice) -> Client:
    return student_client(alice)


@pytest.fixture
def alice_file(alice, make_profile):  # noqa: F811  (the imported fixture)
    """Alice's registration (outside the EU, not started), through the profile service."""
    return make_profile(alice)


@pytest.fixture
def reason(db) -> RejectionReason:
    return RejectionReason.objects.filter(is_active=True).first()


@pytest.fixture
def photo_and_pdf():
    return [("front.jpg", jpeg()), ("visa.pdf", pdf())]


def days_ago(days: int) -> date:
    return timezone.localdate() - timedelta(days=days)
