"""Benchmark set-up inside Django: who logs in, with which sessions, at which addresses.

Run by bench/run.py with the benchmark's environment (never against production):

    python bench/prepare.py summary              → what the database holds (JSON)
    python bench/prepare.py sessions <count>     → sessions and addresses (JSON)

Logging in: the benchmark does not go through the login form (allauth rate limits, MFA for
staff). It writes sessions straight into the session table, exactly as Django's login()
would (user id, backend, password-hash check, login time), for three synthetic accounts
only. Nothing in the portal's code is weakened: a session is only as good as the database
it was written into, and writing there needs the database's credentials. For the staff
account it also records the second factor, as allauth does after a code was typed.
"""

import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

import django  # noqa: E402

django.setup()

from allauth.account.authentication import AUTHENTICATION_METHODS_SESSION_KEY  # noqa: E402
from allauth.account.models import EmailAddress  # noqa: E402
from allauth.mfa.models import Authenticator  # noqa: E402
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret  # noqa: E402
from django.conf import settings  # noqa: E402
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.contrib.sessions.backends.db import SessionStore  # noqa: E402
from django.db import connection  # noqa: E402

from accounts.models import User  # noqa: E402
from devdata import synthetic  # noqa: E402
from documents.models import Document, DocumentPage, DocumentVersion, VersionStatus  # noqa: E402
from students.models import AcademicYear, RegistrationEvent, StudentProfile  # noqa: E402

BENCH_STAFF_EMAIL = f"bench.staff@{synthetic.SYNTHETIC_DOMAIN}"
# The office's role, as staff get it (office/migrations/0002_roles_and_thresholds.py).
STAFF_GROUP = "International office"


def staff_user() -> User:
    """A member of the international office with an authenticator app, like every staff."""
    user, _created = User.objects.get_or_create(
        email=BENCH_STAFF_EMAIL,
        defaults={"is_staff": True, "password": synthetic.UNUSABLE_PASSWORD},
    )
    user.groups.set([Group.objects.get(name=STAFF_GROUP)])
    EmailAddress.objects.get_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, generate_totp_secret())
    return user


def sessions_for(user: User, count: int) -> list[str]:
    """Session keys of `count` fresh sessions, as a login writes them.

    What django.contrib.auth.login() stores (user id, backend, password-hash check), the
    login time for the absolute limit (accounts.middleware), and allauth's record of the
    factors used: for staff the password and the authenticator app, as after a real login
    with a code, which office.middleware.StaffMFAMiddleware asks for.
    """
    now = time.time()
    records = [{"method": "password", "at": now, "email": user.email}]
    if user.is_staff:
        totp = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)
        records.append({"method": "mfa", "at": now, "id": totp.pk, "type": "totp"})
    keys = []
    for _number in range(count):
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session["_auth_started"] = int(now)
        session[AUTHENTICATION_METHODS_SESSION_KEY] = records
        session["account_authentication_methods_user"] = str(user.pk)
        session.create()
        keys.append(session.session_key)
    return keys


def data_summary() -> dict:
    with connection.cursor() as cursor:
        cursor.execute("SELECT version()")
        database_version = cursor.fetchone()[0]
        database_size = None
        if connection.vendor == "postgresql":
            cursor.execute("SELECT pg_database_size(current_database())")
            database_size = cursor.fetchone()[0]
    return {
        "students": StudentProfile.objects.filter(
            user__email__endswith=f"@{synthetic.SYNTHETIC_DOMAIN}"
        ).count(),
        "events": RegistrationEvent.objects.count(),
        "documents": Document.objects.count(),
        "versions": DocumentVersion.objects.count(),
        "waiting_for_review": DocumentVersion.objects.filter(status=VersionStatus.PENDING).count(),
        "database_version": database_version,
        "database_size": database_size,
    }


def addresses(student: User) -> dict:
    page = (
        DocumentPage.objects.filter(
            version__document__owner=student, version__status=VersionStatus.ACCEPTED
        )
        .exclude(file="")
        .select_related("version__document")
        .order_by("pk")
        .first()
    )
    # A surname to search for, of a student at the step the list is filtered on.
    surname = (
        StudentProfile.objects.filter(
            user__email__endswith=f"@{synthetic.SYNTHETIC_DOMAIN}",
            user__registrations__status="provisional-number",
        )
        .order_by("pk")
        .values_list("legal_surname", flat=True)
        .first()
    )
    return {
        "download": f"/en/documents/{page.version.document.uuid}/files/{page.uuid}/",
        "current_year_id": AcademicYear.objects.get(is_current=True).pk,
        "search": surname.lower(),
    }


def main() -> None:
    if sys.argv[1:] == ["summary"]:
        print(json.dumps(data_summary()))
        return
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 16
    student = User.objects.get(email=synthetic.FULL_TIMELINE_EMAIL)
    uploader = User.objects.get(email=synthetic.UPLOADER_EMAIL)
    staff = staff_user()
    print(
        json.dumps(
            {
                "sessions": {
                    "student": sessions_for(student, count),
                    "staff": sessions_for(staff, count),
                    "uploader": sessions_for(uploader, 1),
                },
                **addresses(student),
            }
        )
    )


if __name__ == "__main__":
    main()
