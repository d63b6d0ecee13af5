import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class NoticeKind(models.TextChoices):
    # Essential notices: always sent.
    DOCUMENT_ACCEPTED = "document-accepted", _("Document accepted")
    DOCUMENT_REJECTED = "document-rejected", _("Document rejected")
    DOCUMENTS_ACCEPTED = "documents-accepted", _("All required documents accepted")
    LIFECYCLE_EVENT = "lifecycle-event", _("Registration step recorded by staff")
    MISSING_DOCUMENTS = "missing-documents", _("Missing documents requested")
    NEW_MESSAGE = "new-message", _("New message")
    # Reminders: the student may switch them off.
    REMINDER_DOCUMENTS_MISSING = "reminder-documents-missing", _("Reminder: documents missing")
    REMINDER_REJECTED_NOT_REPLACED = "reminder-rejected", _("Reminder: rejected document")
    REMINDER_EHIC_EXPIRING = "reminder-ehic", _("Reminder: EHIC expiring")
    REMINDER_PROVISIONAL_NUMBER = "reminder-provisional", _("Reminder: no definitive number yet")
    REMINDER_CARTE_VITALE = "reminder-carte-vitale", _("Reminder: order the Carte Vitale")
    REMINDER_CLAIM_FOLLOW_UP = "reminder-claim", _("Reminder: claim without reimbursement")
    REMINDER_FROM_OFFICE = "reminder-office", _("Reminder sent by the international office")

    @property
    def is_reminder(self) -> bool:
        return self.value.startswith("reminder-")


class NoticeStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting to be sent")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Sending failed, will be retried")
    GAVE_UP = "gave-up", _("Sending failed for good")


class Notice(models.Model):
    """One e-mail to one person, rendered in their language when it was decided."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notices",
        verbose_name=_("recipient"),
    )
    kind = models.CharField(_("kind"), max_length=40, choices=NoticeKind.choices)
    # Reminders carry a key naming what they remind about and its window (e.g. the
    # document and the week); the constraint below makes a second send impossible.
    dedup_key = models.CharField(_("deduplication key"), max_length=200, blank=True)
    subject = models.CharField(_("subject"), max_length=300)
    body_text = models.TextField(_("text"))
    body_html = models.TextField(_("HTML"))
    status = models.CharField(
        _("status"), max_length=10, choices=NoticeStatus.choices, default=NoticeStatus.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.CharField(_("last error"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("notice")
        verbose_name_plural = _("notices")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "kind", "dedup_key"],
                condition=~Q(dedup_key=""),
                name="notice_sent_once_per_key",
            ),
        ]
        indexes = [models.Index(fields=["status", "attempts"], name="notice_status_idx")]

    def __str__(self):
        return f"{self.get_kind_display()} → {self.recipient}"
