"""The staff workplace: what the international office needs beside the students' own models.

- `Student`: the students' list in the admin. A proxy of the user, because a student's
  documents and messages belong to the user, so they show as inlines on one page.
- `PendingDocument`: the review queue, a proxy of Document (current files waiting).
- The stuck-file thresholds are students.models.StepThreshold (the student's dashboard reads
  them too); staff edit them here, in the admin.
- `NumberAccessLog`: append-only record of staff reading or exporting a full number.

The change history of profiles, registrations and documents (django-simple-history) is
registered here too, so the workplace's audit tables live in one app and the students' and
documents' apps keep their own migrations.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history import register

from accounts.models import User
from documents.models import AppendOnlyAccessLog, Document
from students.models import Registration, StudentProfile
from students.nir import NumberKind

register(StudentProfile, app=__package__, table_name="office_history_studentprofile")
register(Registration, app=__package__, table_name="office_history_registration")
register(Document, app=__package__, table_name="office_history_document")


class StudentManager(models.Manager):
    def get_queryset(self):
        return super().get_queryset().filter(is_staff=False, is_superuser=False)


class Student(User):
    """A student as the office sees them: profile, registration, documents, messages."""

    objects = StudentManager()

    class Meta:
        proxy = True
        verbose_name = _("student")
        verbose_name_plural = _("students")
        permissions = [
            ("record_event", _("Can record registration steps for students")),
            ("export_student", _("Can export students to CSV")),
            ("view_full_number", _("Can see students' full social-security numbers")),
            (
                "correct_registration",
                _("Can move registrations back to an earlier step and correct numbers"),
            ),
        ]

    def __str__(self):
        profile = getattr(self, "student_profile", None)
        return str(profile) if profile is not None else self.email


class PendingDocumentManager(models.Manager):
    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .filter(current_version__status="pending")
            .order_by("current_version__uploaded_at", "pk")
        )


class PendingDocument(Document):
    """A document whose current file waits for a decision: the review queue, oldest first."""

    objects = PendingDocumentManager()

    class Meta:
        proxy = True
        verbose_name = _("document waiting for review")
        verbose_name_plural = _("review queue")


class NumberAccess(models.TextChoices):
    VIEW = "view", _("Viewed the full number")
    EXPORT = "export", _("Exported the full number")


class NumberAccessLog(AppendOnlyAccessLog, models.Model):
    """Append-only: who read a student's full social-security number, and when. Never the
    number itself."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("who"),
    )
    # A copy of the actor's id that outlives their account (as in documents' access log).
    actor_account_id = models.PositiveBigIntegerField(
        _("account id of who"), null=True, blank=True, editable=False
    )
    action = models.CharField(_("action"), max_length=10, choices=NumberAccess.choices)
    student_uuid = models.UUIDField(_("student"))
    number_kind = models.CharField(_("number"), max_length=12, choices=NumberKind.choices)
    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("number access")
        verbose_name_plural = _("number accesses")
        ordering = ["-at"]

    def __str__(self):
        who = self.actor or f"#{self.actor_account_id}"
        return f"{who} {self.action} {self.number_kind} {self.student_uuid}"
