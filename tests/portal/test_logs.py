"""No secret in any log line, and no forged line (SECURITY.md row 46; docs/logging-inventory.md).

One journey through the portal with every logger at DEBUG: sign-up, a failed login, a profile,
a provisional number, the number helper, an upload, a refused stranger, a review and the
data download. Then no password, social-security number (plain or compact), session key,
e-mail confirmation key or passport file name may appear in any record.
"""

import logging
import re
import sys

import pytest
from django.contrib.sessions.models import Session
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from documents.models import Document
from portal.logformat import SingleRecordFormatter
from students import nir
from students.models import Registration
from tests.documents import files
from tests.documents.conftest import bob, private_storage  # noqa: F401
from tests.students.conftest import DEFINITIVE, PROVISIONAL, year  # noqa: F401
from tests.students.test_profile import form_data

PASSWORD = "dana-signs-up-with-this-long-phrase"
WRONG_PASSWORD = "dana-mistypes-this-other-phrase"
PASSPORT_NAME = "passport-of-dana-ivanova"
FORGED = "2030-01-01 12:00:00,000 ERROR django.security forged record"


@pytest.fixture
def every_record(caplog):
    """Every record down to DEBUG, Django's own loggers included; only the loggers the
    settings pin to a higher level (because at DEBUG they write secrets) keep it."""
    for name in (None, "django", "django.request", "django.security", "allauth"):
        caplog.set_level(logging.DEBUG, logger=name)
    return caplog


def session_keys(*clients: Client) -> set[str]:
    keys = {
        client.cookies["sessionid"].value for client in clients if "sessionid" in client.cookies
    }
    return keys | set(Session.objects.values_list("session_key", flat=True))


def test_a_journey_through_the_portal_logs_no_secret(
    every_record, year, bob, link_in_mail, log_in, password, django_capture_on_commit_callbacks
):
    dana, stranger, reviewer = Client(), Client(), Client()
    seen_keys = set()

    # Sign-up, and the confirmation link from the e-mail.
    dana.post(
        "/en/accounts/signup/",
        {"email": "dana@example.org", "password1": PASSWORD, "password2": PASSWORD},
    )
    confirm = link_in_mail(mail.outbox[-1], r"^/en/accounts/confirm-email/[^/]+/$")
    dana.post(confirm)
    seen_keys |= session_keys(dana)

    # A failed login, then one with a line break in the e-mail address.
    stranger.post("/en/accounts/login/", {"login": "dana@example.org", "password": WRONG_PASSWORD})
    stranger.post("/en/accounts/login/", {"login": f"x@example.org\r\n{FORGED}", "password": "x"})

    # The profile, the report of a provisional number (a wrong one first), the helper.
    dana.post("/en/profile/", form_data(year))
    registration = Registration.objects.get(student__email="dana@example.org")
    today = timezone.localdate().isoformat()
    dana.post(f"/en/registration/{registration.uuid}/submitted/", {"on": today, "note": ""})
    report = f"/en/registration/{registration.uuid}/provisional-number/"
    dana.post(report, {"number": PROVISIONAL[:-2] + "00", "on": today, "note": ""})
    dana.post(report, {"number": nir.format_number(PROVISIONAL), "on": today, "note": ""})
    dana.post("/en/number/", {"number": DEFINITIVE})
    seen_keys |= session_keys(dana)

    # An upload, a stranger refused, a review, and the data download.
    dana.post(
        "/en/documents/upload/passport-id/",
        {"files": [SimpleUploadedFile(f"{PASSPORT_NAME}.pdf", files.pdf())]},
    )
    document = Document.objects.get(owner__email="dana@example.org")
    log_in(stranger, "bob@example.org", password)
    reviewer.force_login(bob)
    stranger.force_login(bob.__class__.objects.create_user(email="eve@example.org"))
    stranger.get(f"/en/documents/{document.uuid}/")
    screen = f"/admin/office/pendingdocument/{document.uuid}/review/"
    reviewer.get(screen)
    with django_capture_on_commit_callbacks(execute=True):  # the e-mail to Dana goes out
        reviewer.post(screen, {"version": document.current_version.uuid, "decision": "accept"})
    dana.post("/en/accounts/reauthenticate/", {"password": PASSWORD})
    b"".join(dana.post("/en/account/my-data/").streaming_content)
    seen_keys |= session_keys(dana, stranger, reviewer)

    assert document.current_version.pages.get().original_name == f"{PASSPORT_NAME}.pdf"
    assert Registration.objects.get(pk=registration.pk).provisional_number == PROVISIONAL
    secrets = {
        PASSWORD,
        WRONG_PASSWORD,
        password,
        PASSPORT_NAME,
        confirm.rstrip("/").rsplit("/", 1)[-1],
        *seen_keys,
    }
    for number in (PROVISIONAL, DEFINITIVE):
        secrets |= {number, nir.format_number(number), number[:13], number[-2:] + number[:13]}
    formatter = SingleRecordFormatter("%(asctime)s %(levelname)s %(name)s %(message)s")
    logged = "\n".join(formatter.format(record) for record in every_record.records)
    assert every_record.records, "the journey logs something (at least the 404)"
    leaked = sorted(secret for secret in secrets if secret in logged)
    assert leaked == []
    digits_only = re.sub(r"\D", "", logged)
    assert PROVISIONAL[:13] not in digits_only
    assert DEFINITIVE[:13] not in digits_only


def test_a_line_break_in_a_logged_path_cannot_start_a_record(every_record, alice):
    client = Client()
    client.get("/en/no-such-page%0D%0A" + FORGED.replace(" ", "%20") + "/")

    (record,) = [r for r in every_record.records if r.name == "django.request"]
    lines = SingleRecordFormatter("%(levelname)s %(name)s %(message)s").format(record)
    assert lines.startswith("WARNING django.request Not Found:")
    assert all(not line.startswith("2030") for line in lines.splitlines())


def test_the_console_formatter_keeps_one_record_per_first_line():
    formatter = SingleRecordFormatter("%(levelname)s %(name)s %(message)s")
    record = logging.LogRecord(
        "portal", logging.WARNING, __file__, 1, "user %s", (f"x\r\n{FORGED}",), None
    )

    text = formatter.format(record)

    assert text == f"WARNING portal user x\\r\n    | {FORGED}"
    assert [line for line in text.splitlines() if not line.startswith("    | ")] == [
        "WARNING portal user x\\r"
    ]


def test_tracebacks_are_indented_under_their_record():
    formatter = SingleRecordFormatter("%(levelname)s %(message)s")
    try:
        raise ValueError(f"bad input\n{FORGED}")
    except ValueError:
        record = logging.LogRecord(
            "portal", logging.ERROR, __file__, 1, "failed", (), exc_info=sys.exc_info()
        )

    lines = formatter.format(record).splitlines()

    assert lines[0] == "ERROR failed"
    assert all(line.startswith("    | ") for line in lines[1:])


def test_the_configured_console_handler_uses_it(settings):
    formatter = settings.LOGGING["formatters"][settings.LOGGING["handlers"]["console"]["formatter"]]

    assert formatter["()"] == "portal.logformat.SingleRecordFormatter"


@pytest.mark.parametrize(
    ("name", "level"), [("django.db.backends", logging.WARNING), ("django.template", logging.INFO)]
)
def test_loggers_that_write_secrets_at_debug_stay_above_it_whatever_log_level_says(name, level):
    assert logging.getLogger(name).level == level
