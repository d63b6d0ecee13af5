"""One conversation per student with the international office, about the student's file.

Text only: documents go through the checked uploads, never through messages.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

MAX_MESSAGE_LENGTH = 5000


class Side(models.TextChoices):
    STUDENT = "student", _("student")
    OFFICE = "office", _("international office")


class Message(models.Model):
    """One message of a student's thread; `read_at` is when the other side first saw it."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    student = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="thread_messages",
        verbose_name=_("student"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("written by"),
    )
    side = models.CharField(_("from"), max_length=10, choices=Side.choices)
    body = models.TextField(_("message"), max_length=MAX_MESSAGE_LENGTH)
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["student", "side", "read_at"], name="message_unread_idx")]

    def __str__(self):
        return f"{self.get_side_display()} · {self.created_at:%Y-%m-%d %H:%M}"
