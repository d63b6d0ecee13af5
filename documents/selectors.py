"""Reads on documents: the student's tasks, the review queue, what was uploaded when."""

from dataclasses import dataclass
from datetime import datetime

from django.db import models
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from documents.kinds import KIND_HINTS, DocumentKind
from documents.models import (
    Document,
    DocumentPage,
    DocumentVersion,
    ReviewDecision,
    VersionStatus,
)
from documents.requirements import required_document_kinds
from students.models import Registration, StudentProfile
from students.paths import Flag, Path
from students.selectors import path_for_profile

# The path, its flags, the registration status and what the CPAM asked for again.
Situation = tuple[Path, frozenset[Flag], str | None, list[str]]


def situation_of(decision, registration) -> Situation:
    """The situation from a path decision and the registration (None before it exists)."""
    if registration is None:
        return decision.path, decision.flags, None, []
    return decision.path, decision.flags, registration.status, list(registration.missing_documents)


def student_situation(user) -> Situation | None:
    """The student's path, flags and registration status; None until they filled their profile.

    Without a profile every kind is offered as an optional upload.
    """
    profile = StudentProfile.objects.filter(user=user).first()
    if profile is None:
        return None
    decision = path_for_profile(profile)
    registration = (
        Registration.objects.filter(student=user, academic_year_id=profile.academic_year_id)
        .only("status", "missing_documents")
        .first()
    )
    return situation_of(decision, registration)


def required_documents(user) -> list[DocumentKind]:
    """The documents a student is asked for now (path × step): what the staff file shows."""
    situation = student_situation(user)
    if situation is None:
        return []
    path, flags, status, requested = situation
    return required_document_kinds(path=path, flags=flags, status=status, requested=requested)


class TaskStatus(models.TextChoices):
    MISSING = "missing", _("Missing")
    NOT_UPLOADED = "not-uploaded", _("Not uploaded")
    WAITING = "waiting", _("Uploaded — waiting for review")
    ACCEPTED = "accepted", _("Accepted")
    PROBLEM = "problem", _("There is a problem")


@dataclass(frozen=True)
class DocumentTask:
    kind: DocumentKind
    required: bool
    status: TaskStatus
    document: Document | None

    @property
    def label(self) -> str:
        return self.kind.label

    @property
    def hint(self) -> str:
        return KIND_HINTS[self.kind]

    @property
    def version(self) -> DocumentVersion | None:
        return self.document.current_version if self.document else None

    @property
    def decision(self):
        version = self.version
        return getattr(version, "decision", None) if version else None


_STATUS_OF_VERSION = {
    VersionStatus.PENDING: TaskStatus.WAITING,
    VersionStatus.ACCEPTED: TaskStatus.ACCEPTED,
    VersionStatus.REJECTED: TaskStatus.PROBLEM,
}


def student_documents(user) -> list[Document]:
    """The student's documents with their current version, pages and decision."""
    return list(
        Document.objects.filter(owner=user)
        .select_related("current_version__decision")
        .prefetch_related(
            Prefetch("current_version__pages", queryset=DocumentPage.objects.order_by("position")),
            "current_version__decision__reasons",
        )
    )


def document_tasks(user, *, situation: Situation | None = None) -> list[DocumentTask]:
    """Every kind as a task: the required ones first (when the path is known), then the rest.

    Callers that already know the student's situation (the dashboard) pass it in.
    """
    documents = {DocumentKind(d.kind): d for d in student_documents(user)}
    if situation is None:
        situation = student_situation(user)
    required = []
    if situation is not None:
        path, flags, status, requested = situation
        required = required_document_kinds(
            path=path, flags=flags, status=status, requested=requested
        )
    kinds = required + [kind for kind in DocumentKind if kind not in required]
    tasks = []
    for kind in kinds:
        document = documents.get(kind)
        version = document.current_version if document else None
        if version is not None:
            status = _STATUS_OF_VERSION[VersionStatus(version.status)]
        else:
            status = TaskStatus.MISSING if kind in required else TaskStatus.NOT_UPLOADED
        tasks.append(
            DocumentTask(kind=kind, required=kind in required, status=status, document=document)
        )
    return tasks


def kinds_uploaded_since(*, owner, since: datetime) -> set[DocumentKind]:
    """Kinds the student uploaded (or replaced) after a moment, e.g. the CPAM's request."""
    kinds = DocumentVersion.objects.filter(
        document__owner=owner, uploaded_at__gte=since
    ).values_list("document__kind", flat=True)
    return {DocumentKind(kind) for kind in kinds}


def versions_waiting_for_review():
    """Current versions nobody has decided on yet, oldest first.

    A pending version is always its document's current one: uploading a new version marks
    the one it replaces "replaced", deleting marks it "withdrawn" (services.py). So the
    status alone finds them, and the planner reads the partial index on pending versions in
    upload order, a page at a time, and counts the queue from that index alone. (Comparing
    with Document.current_version as well makes PostgreSQL misjudge the join and sort the
    whole queue on every page: 0.3 s at 100 000 students instead of 3 ms.) The file count
    is a subquery, so it is counted only for the rows shown.
    """
    file_count = (
        DocumentPage.objects.filter(version=models.OuterRef("pk"))
        .order_by()
        .values("version")
        .annotate(total=models.Count("pk"))
        .values("total")
    )
    return (
        DocumentVersion.objects.filter(status=VersionStatus.PENDING)
        .select_related("document__owner")
        .annotate(page_total=models.Subquery(file_count))
        .order_by("uploaded_at", "pk")
    )


def version_history(document: Document) -> list[DocumentVersion]:
    """Every version of a document, newest first, with its pages and decision."""
    return list(
        document.versions.select_related("decision__decided_by", "uploaded_by")
        .prefetch_related("pages", "decision__reasons")
        .order_by("-number")
    )


class AcceptSkip(models.TextChoices):
    """Why the bulk accept leaves a selected document out (issue 15, item 7)."""

    NO_FILE = "no-file", _("no file to accept")
    DECIDED = "decided", _("already reviewed")
    PAST_YEAR = "past-year", _("student not in the current academic year")


def bulk_accept_not_applicable(document: Document, *, current_year_id: int | None) -> str | None:
    """Why accepting this document in bulk does not apply, or None when it does.

    Expects owner__student_profile and current_version selected with the document. A past
    year's file is closed: accepting it would mail a student who has moved on. A student
    without a profile yet is in no year, so nothing keeps their file from being accepted.
    """
    version = document.current_version
    if version is None:
        return AcceptSkip.NO_FILE
    if version.status != VersionStatus.PENDING:
        return AcceptSkip.DECIDED
    profile = getattr(document.owner, "student_profile", None)
    if profile is not None and profile.academic_year_id != current_year_id:
        return AcceptSkip.PAST_YEAR
    return None


def reviewed_since(*, student_id: int, since: datetime) -> bool:
    """Whether staff decided on one of the student's documents after `since`."""
    return ReviewDecision.objects.filter(
        version__document__owner_id=student_id, decided_at__gt=since
    ).exists()
