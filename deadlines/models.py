"""A student's private calendar feed: one secret link, revocable and regenerable."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from students.encryption import EncryptedTextField


class CalendarFeed(models.Model):
    """The secret that opens one student's deadlines feed (at most one per student).

    The feed is read by calendar apps without a session, so the token in its address is the
    only key: it is found by its SHA-256 (indexed), and kept encrypted only so the calendar
    page can show the same link again.
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    student = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="calendar_feed",
        verbose_name=_("student"),
    )
    token_hash = models.CharField(_("token hash"), max_length=64, unique=True)
    token = EncryptedTextField(_("token"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_read_at = models.DateTimeField(_("last read by a calendar"), null=True, blank=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self):
        return str(_("Calendar feed"))
