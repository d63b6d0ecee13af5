"""E-mails and reminders in each recipient's language, Arabic ones right to left."""

import re
from datetime import date

import pytest
from django.core import mail
from django.utils import timezone

from notifications.models import Notice, NoticeKind
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
