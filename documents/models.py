"""A student's documents: one Document per kind, a Version per upload, Pages per version.

Every upload or replacement is a new version and every staff decision is a row, so the
history of a document is never overwritten. A page row names a file in private storage if
and only if that file exists (services.py keeps it so; `documents_orphans` checks it).
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from documents.kinds import KIND_HINTS, SLOT_FILE_NAMES, DocumentKind


class VersionStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for review")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")
    REPLACED = "replaced", _("Replaced before review")
    WITHDRAWN = "withdrawn", _("Deleted by the student")


class FileType(models.TextChoices):
    """The types we accept, decided from the content; the value is the stored extension."""

    PDF = "pdf", "PDF"
    JPEG = "jpg", "JPEG"
    PNG = "png", "PNG"

    @property
    def content_type(self) -> str:
        return {"pdf": "application/pdf", "jpg": "image/jpeg", "png": "image/png"}[self.value]


class Document(models.Model):
    """One document slot of one student (their passport, their RIB, …)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="documents",
        verbose_name=_("student"),
    )
    kind = models.CharField(_("kind"), max_length=32, choices=DocumentKind.choices)
    current_version = models.OneToOneField(
        "DocumentVersion",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("current version"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["owner_id", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["owner", "kind"], name="document_one_per_kind"),
        ]
        permissions = [("review_document", _("Can review students' documents"))]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.owner})"

    @property
    def hint(self) -> str:
        return KIND_HINTS[DocumentKind(self.kind)]

    @property
    def slot_file_name(self) -> str:
        return SLOT_FILE_NAMES[DocumentKind(self.kind)]

    @property
    def status(self) -> str | None:
        return self.current_version.status if self.current_version else None


class DocumentVersion(models.Model):
    """One upload (or replacement) of a document, with its pages and its review."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    document = models.ForeignKey(
        Document, on_delete=models.CASCADE, related_name="versions", verbose_name=_("document")
    )
    number = models.PositiveIntegerField(_("version"))
    status = models.CharField(
        _("status"), max_length=16, choices=VersionStatus.choices, default=VersionStatus.PENDING
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)

    class Meta:
        verbose_name = _("document version")
        verbose_name_plural = _("document versions")
        ordering = ["document_id", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="version_number_unique"),
        ]
        indexes = [
            # The review queue: pending versions, oldest first, a page at a time.
            models.Index(
                fields=["uploaded_at", "id"],
                condition=Q(status="pending"),
                name="version_pending_queue_idx",
            ),
        ]

    def __str__(self):
        return f"{self.document} v{self.number}"


class DocumentPage(models.Model):
    """One stored file of a version: a PDF, or a photo of one side of a card."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    version = models.ForeignKey(
        DocumentVersion, on_delete=models.CASCADE, related_name="pages", verbose_name=_("version")
    )
    position = models.PositiveSmallIntegerField(_("position"))
    # Empty once the file was removed (the version was replaced or withdrawn); the row stays
    # as history.
    file = models.FileField(_("file"), max_length=255, blank=True)
    file_type = models.CharField(_("file type"), max_length=8, choices=FileType.choices)
    original_name = models.CharField(_("original name"), max_length=100)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    page_count = models.PositiveSmallIntegerField(_("pages"), default=1)
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    removed_at = models.DateTimeField(_("file removed"), null=True, blank=True)

    class Meta:
        verbose_name = _("document page")
        verbose_name_plural = _("document pages")
        ordering = ["version_id", "position"]
        constraints = [
            models.UniqueConstraint(fields=["version", "position"], name="page_position_unique"),
            models.UniqueConstraint(
                fields=["file"], condition=~Q(file=""), name="page_file_unique"
            ),
        ]

    def __str__(self):
        return self.original_name

    @property
    def content_type(self) -> str:
        return FileType(self.file_type).content_type

    @property
    def download_name(self) -> str:
        """The name offered when downloading: the original stem with the real extension."""
        stem = self.original_name.rsplit(".", 1)[0] or "document"
        return f"{stem}.{self.file_type}"


class RejectionReason(models.Model):
    """A catalogue entry staff pick when rejecting, with what the student should do."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    label_en = models.CharField(_("reason (English)"), max_length=200)
    label_fr = models.CharField(_("reason (French)"), max_length=200)
    how_to_fix_en = models.TextField(_("how to fix it (English)"))
    how_to_fix_fr = models.TextField(_("how to fix it (French)"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_active = models.BooleanField(_("offered to reviewers"), default=True)

    class Meta:
        verbose_name = _("rejection reason")
        verbose_name_plural = _("rejection reasons")
        ordering = ["position", "code"]

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        """The reason in the active language (the student's, inside their e-mails)."""
        return self.label_fr if _is_french() else self.label_en

    @property
    def how_to_fix(self) -> str:
        return self.how_to_fix_fr if _is_french() else self.how_to_fix_en


def _is_french() -> bool:
    return (get_language() or "").startswith("fr")


class ReviewOutcome(models.TextChoices):
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")


class ReviewDecision(models.Model):
    """A staff decision on one version; a version is decided at most once."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    version = models.OneToOneField(
        DocumentVersion,
        on_delete=models.CASCADE,
        related_name="decision",
        verbose_name=_("version"),
    )
    outcome = models.CharField(_("decision"), max_length=16, choices=ReviewOutcome.choices)
    reasons = models.ManyToManyField(
        RejectionReason, blank=True, related_name="+", verbose_name=_("reasons")
    )
    comment = models.TextField(_("comment for the student"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided"), auto_now_add=True)

    class Meta:
        verbose_name = _("review decision")
        verbose_name_plural = _("review decisions")
        ordering = ["-decided_at"]

    def __str__(self):
        return f"{self.get_outcome_display()}: {self.version}"


class AccessAction(models.TextChoices):
    DOWNLOAD = "download", _("Downloaded a file")
    DOWNLOAD_COMBINED = "download-combined", _("Downloaded the ready-to-upload PDF")
    REVIEW_VIEW = "review-view", _("Opened the review page")
    DENIED = "denied", _("Was refused access")


class AppendOnlyAccessLog:
    """Model mixin for access logs: entries are written once, with the actor's account id
    copied beside the link so they stay complete (pseudonymous) after the account goes."""

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("Access log entries are never changed.")
        self.actor_account_id = self.actor_id
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Access log entries are only deleted by age, by `purge_expired`.")


class DocumentAccessLog(AppendOnlyAccessLog, models.Model):
    """Append-only: who opened which student document, and when. Never the content."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("who"),
    )
    # A copy of the actor's id that outlives their account: once the account is deleted
    # the entry is pseudonymous (an id, no name or e-mail) but still complete.
    actor_account_id = models.PositiveBigIntegerField(
        _("account id of who"), null=True, blank=True, editable=False
    )
    action = models.CharField(_("action"), max_length=24, choices=AccessAction.choices)
    document_uuid = models.UUIDField(_("document"))
    page_uuid = models.UUIDField(_("page"), null=True, blank=True)
    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("document access")
        verbose_name_plural = _("document accesses")
        ordering = ["-at"]

    def __str__(self):
        who = self.actor or f"#{self.actor_account_id}"
        return f"{who} {self.action} {self.document_uuid}"
