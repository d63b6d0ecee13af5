"""E-mails and reminders in each recipient's language, Arabic ones right to left."""

import re
from datetime import date

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.utils import timezone

from messaging.services import OFFICE_GROUP, message_send
from notifications.models import Notice, NoticeKind
from tests.conftest import make_verified_user
from tests.notifications.test_notices import notify_lifecycle
from tests.notifications.test_send_reminders import run  # noqa: F401
from tests.students.conftest import make_profile, year  # noqa: F401

CODES = ["en", "fr", "es", "zh-hans", "ar"]
# How each language writes a day of August 2027 (Django's formats and month names; Western
# digits in every language).
AUGUST_2027 = {
    "en": "Aug. 31, 2027",
    "fr": "août 2027",
    "es": "de agosto de 2027",
    "zh-hans": "2027年8月",
    "ar": "أغسطس، 2027",
}


@pytest.mark.parametrize("code", CODES)
def test_a_notice_links_to_the_portal_in_the_recipients_language(
    alice, settings, code, django_capture_on_commit_callbacks
):
    settings.PUBLIC_BASE_URL = "https://portal.example.org"
    alice.preferred_language = code
    alice.save()

    with django_capture_on_commit_callbacks(execute=True):
        notify_lifecycle(alice)

    message = mail.outbox[0]
    assert f"https://portal.example.org/{code}/dashboard/" in message.body
    html, _mimetype = message.alternatives[0]
    tag = re.search(r"<html[^>]*>", html).group(0)
    assert f'lang="{code}"' in tag
    assert ('dir="rtl"' in tag) == (code == "ar")


@pytest.mark.parametrize("code", CODES)
def test_a_reminder_gives_its_date_as_the_recipients_language_writes_it(
    alice,
    make_profile,
    year,
    run,
    code,  # noqa: F811
):
    alice.preferred_language = code
    alice.save()
    expiry = date(2027, 8, 31)
    make_profile(alice, nationality="DE", ehic_held=True, ehic_expiry=expiry)

    run(days_from_now=(expiry - timezone.localdate()).days - 10)

    [notice] = Notice.objects.filter(kind=NoticeKind.REMINDER_EHIC_EXPIRING)
    assert AUGUST_2027[code] in notice.body_text
    assert f"/{code}/" in notice.body_text
    assert not re.search("[\u0660-\u0669]", notice.body_text)  # Western digits


@pytest.mark.parametrize(("code", "written_in"), [("ar", "en"), ("zh-hans", "en"), ("fr", "fr")])
def test_the_office_is_told_in_the_admins_language(
    alice, code, written_in, django_capture_on_commit_callbacks
):
    staff = make_verified_user(email="office@example.org", language=code, is_staff=True)
    staff.groups.add(Group.objects.get(name=OFFICE_GROUP))

    with django_capture_on_commit_callbacks(execute=True):
        message_send(student=alice, author=alice, body="When will my passport be checked?")

    [message] = [m for m in mail.outbox if m.to == ["office@example.org"]]
    html, _mimetype = message.alternatives[0]
    assert re.search(rf'<html lang="{written_in}">', html)
    assert "/admin/office/student/" in message.body
