"""Which reminders are due today: one rule per reminder, each with its own window.

A reminder's `dedup_key` names what it is about and its window (a document version, a
card's expiry date, a week since sign-up…); Notice's unique constraint then makes a second
send within that window impossible, even from two runs at once.
"""

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.db.models import F, OuterRef, Subquery

from accounts.models import User
from documents.kinds import DocumentKind
from documents.models import DocumentVersion, VersionStatus
from documents.requirements import required_document_kinds
from documents.selectors import TaskStatus, document_tasks
from expenses.models import CareExpense, ClaimState
from notifications.models import NoticeKind
from students import lifecycle
from students.models import EventKind, Registration, RegistrationEvent, StudentProfile
from students.paths import REGISTERING_PATHS, Path
from students.selectors import path_for_profile


@dataclass(frozen=True)
class Reminder:
    recipient: User
    kind: NoticeKind
    topic: str
    dedup_key: str
    url_name: str
    context: dict = field(default_factory=dict)


def _window(*, since: date, today: date, days: int) -> int:
    return (today - since).days // days


def documents_missing(today: date) -> Iterator[Reminder]:
    """Required documents still missing N days after sign-up; again every repeat window."""
    cutoff = today - timedelta(days=settings.REMINDER_DOCUMENTS_MISSING_DAYS)
    profiles = StudentProfile.objects.filter(
        user__date_joined__date__lte=cutoff, user__is_active=True
    ).select_related("user")
    registrations = {
        student: (status, requested)
        for student, status, requested in Registration.objects.filter(
            student__in=[p.user_id for p in profiles]
        ).values_list("student_id", "status", "missing_documents")
    }
    for profile in profiles:
        decision = path_for_profile(profile)
        status, requested = registrations.get(profile.user_id, (None, []))
        if decision.path not in REGISTERING_PATHS and decision.path != Path.EU_WITH_EHIC:
            continue
        # What is asked for at this path and step (documents/requirements.py, the one
        # place): nothing once registered, unless the CPAM asked for documents again.
        if not required_document_kinds(
            path=decision.path, flags=decision.flags, status=status, requested=requested
        ):
            continue
        tasks = document_tasks(
            profile.user, situation=(decision.path, decision.flags, status, requested)
        )
        missing = [task.label for task in tasks if task.status == TaskStatus.MISSING]
        if not missing:
            continue
        window = _window(
            since=profile.user.date_joined.date(),
            today=today,
            days=settings.REMINDER_REPEAT_DAYS,
        )
        yield Reminder(
            recipient=profile.user,
            kind=NoticeKind.REMINDER_DOCUMENTS_MISSING,
            topic="documents_missing",
            dedup_key=f"documents-missing:{window}",
            url_name="documents:list",
            context={"documents": missing},
        )


def rejected_not_replaced(today: date) -> Iterator[Reminder]:
    """A rejected document still not replaced N days after the decision: once per rejection."""
    cutoff = today - timedelta(days=settings.REMINDER_REJECTED_DAYS)
    versions = DocumentVersion.objects.filter(
        status=VersionStatus.REJECTED,
        document__current_version=F("pk"),
        decision__decided_at__date__lte=cutoff,
        document__owner__is_active=True,
    ).select_related("document__owner")
    for version in versions:
        document = version.document
        yield Reminder(
            recipient=document.owner,
            kind=NoticeKind.REMINDER_REJECTED_NOT_REPLACED,
            topic="rejected_not_replaced",
            dedup_key=f"rejected:{version.uuid}",
            url_name="documents:list",
            # The label stays lazy: it is rendered in the student's language.
            context={"document": DocumentKind(document.kind).label},
        )


def ehic_expiring(today: date) -> Iterator[Reminder]:
    """The EHIC expires within 30 days or before the academic year ends: once per expiry date."""
    soon = today + timedelta(days=settings.REMINDER_EHIC_DAYS)
    profiles = StudentProfile.objects.filter(
        ehic_held=True, ehic_expiry__isnull=False, ehic_expiry__gte=today, user__is_active=True
    ).select_related("user")
    for profile in profiles:
        if profile.ehic_expiry > soon and profile.ehic_expiry >= profile.academic_year_end:
            continue
        yield Reminder(
            recipient=profile.user,
            kind=NoticeKind.REMINDER_EHIC_EXPIRING,
            topic="ehic_expiring",
            dedup_key=f"ehic:{profile.ehic_expiry.isoformat()}",
            url_name="students:profile",
            context={"expiry": profile.ehic_expiry, "year_end": profile.academic_year_end},
        )


def _step_dates(kind: EventKind):
    return Subquery(
        RegistrationEvent.objects.filter(registration=OuterRef("pk"), kind=kind)
        .order_by("-occurred_on")
        .values("occurred_on")[:1]
    )


def provisional_without_definitive(today: date) -> Iterator[Reminder]:
    """A provisional number older than 3 months and still no definitive one: monthly."""
    cutoff = today - timedelta(days=settings.REMINDER_PROVISIONAL_DAYS)
    registrations = (
        Registration.objects.filter(
            # From the provisional number until the definitive one (students/lifecycle.py).
            status__in=lifecycle.statuses_between(
                str(lifecycle.PROVISIONAL_NUMBER.status), str(lifecycle.DEFINITIVE_NUMBER.status)
            ),
            student__is_active=True,
        )
        .annotate(provisional_on=_step_dates(lifecycle.PROVISIONAL_NUMBER.event))
        .filter(provisional_on__lte=cutoff)
        .select_related("student")
    )
    for registration in registrations:
        window = _window(
            since=registration.provisional_on,
            today=today,
            days=settings.REMINDER_PROVISIONAL_REPEAT_DAYS,
        )
        yield Reminder(
            recipient=registration.student,
            kind=NoticeKind.REMINDER_PROVISIONAL_NUMBER,
            topic="provisional_without_definitive",
            dedup_key=f"provisional:{registration.uuid}:{window}",
            url_name="students:dashboard",
            context={"since": registration.provisional_on},
        )


def carte_vitale_not_ordered(today: date) -> Iterator[Reminder]:
    """No Carte Vitale ordered N days after the definitive number: once."""
    cutoff = today - timedelta(days=settings.REMINDER_CARTE_VITALE_DAYS)
    registrations = (
        Registration.objects.filter(
            status=lifecycle.DEFINITIVE_NUMBER.status,
            student__is_active=True,
            **{f"{lifecycle.CARTE_VITALE_ORDERED.date_field}__isnull": True},
        )
        .annotate(definitive_on=_step_dates(lifecycle.DEFINITIVE_NUMBER.event))
        .filter(definitive_on__lte=cutoff)
        .select_related("student")
    )
    for registration in registrations:
        yield Reminder(
            recipient=registration.student,
            kind=NoticeKind.REMINDER_CARTE_VITALE,
            topic="carte_vitale_not_ordered",
            dedup_key=f"carte-vitale:{registration.uuid}",
            url_name="students:dashboard",
        )


def claim_without_reimbursement(today: date) -> Iterator[Reminder]:
    """A treatment sheet sent CLAIM_FOLLOW_UP_DAYS ago, no reimbursement recorded: once."""
    cutoff = today - timedelta(days=settings.CLAIM_FOLLOW_UP_DAYS)
    claims = CareExpense.objects.filter(
        state=ClaimState.SENT, sent_on__lt=cutoff, student__is_active=True
    ).select_related("student")
    for claim in claims:
        yield Reminder(
            recipient=claim.student,
            kind=NoticeKind.REMINDER_CLAIM_FOLLOW_UP,
            topic="claim_without_reimbursement",
            dedup_key=f"claim:{claim.uuid}",
            url_name="expenses:list",
            context={"visit_date": claim.visit_date, "sent_on": claim.sent_on},
        )


RULES = [
    documents_missing,
    rejected_not_replaced,
    ehic_expiring,
    provisional_without_definitive,
    carte_vitale_not_ordered,
    claim_without_reimbursement,
]


def due_reminders(*, today: date) -> Iterator[Reminder]:
    """Every reminder due today, from every rule."""
    for rule in RULES:
        yield from rule(today)
