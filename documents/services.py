"""Writes on documents: upload, replace, delete, review.

Row iff file: files are written first, then the rows are inserted in one transaction; if
the transaction fails the new files are deleted again, and files a transaction stops using
are deleted only after it commits. The upload and delete transactions are durable (never
nested) so that "committed" really means committed.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Count, Max, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from documents.checks import CheckedFile, megabytes
from documents.emails import notify_review
from documents.kinds import DocumentKind
from documents.models import (
    Document,
    DocumentPage,
    DocumentVersion,
    RejectionReason,
    ReviewDecision,
    ReviewOutcome,
    VersionStatus,
)
from documents.registration import registration_after_upload
from documents.storage import delete_files, delete_files_on_commit, new_file_name, save_file
from portal.personal_pages import student_file_changed

REVIEW_PERMISSION = "documents.review_document"


class DocumentError(Exception):
    """A request the rules do not allow; `message` is shown to the person who asked."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class StorageUnavailable(DocumentError):
    pass


class QuotaExceeded(DocumentError):
    pass


class DocumentLocked(DocumentError):
    pass


class AlreadyReviewed(DocumentError):
    pass


class ReviewNotAllowed(DocumentError):
    pass


@dataclass(frozen=True)
class UploadResult:
    """What an upload changed: the tracker moves its "missing documents" step on from it."""

    document: Document
    version: DocumentVersion
    kind: DocumentKind
    replaced: bool
    # The upload completed what the CPAM asked for: the registration moved to "sent".
    registration_moved: bool = False


def document_upload(
    *, owner, kind: DocumentKind, files: Sequence[CheckedFile], by=None
) -> UploadResult:
    """Store checked files as a new version of the student's document of this kind."""
    kind = DocumentKind(kind)
    if not files:
        raise DocumentError(_("Choose at least one file."))
    if len(files) > settings.DOCUMENT_MAX_FILES_PER_UPLOAD:
        raise DocumentError(_too_many_files_message())
    # A cheap early refusal; the authoritative check runs again under the lock below.
    current = Document.objects.filter(owner=owner, kind=kind).values("current_version").first()
    _check_quota(owner=owner, files=files, replacing_id=(current or {}).get("current_version"))

    written: list[str] = []
    try:
        for checked in files:
            name = new_file_name(owner_uuid=owner.uuid, extension=checked.file_type)
            written.append(save_file(name=name, data=checked.data))
    except OSError:
        delete_files(written)
        raise StorageUnavailable(
            _(
                "The document storage is temporarily unavailable. Nothing was saved: please "
                "try again in a few minutes."
            )
        ) from None

    try:
        with transaction.atomic(durable=True):
            return _record_upload(owner=owner, kind=kind, files=files, names=written, by=by)
    except BaseException:
        delete_files(written)
        raise


def _record_upload(*, owner, kind, files, names, by) -> UploadResult:
    # Serialises one student's uploads, so two at once cannot both pass the quota.
    # FOR NO KEY UPDATE: it still serialises uploads, but lets another transaction insert
    # rows that refer to the student (a timeline event's actor), which takes a key-share
    # lock; a plain FOR UPDATE deadlocked with "I sent them" reported at the same moment.
    get_user_model().objects.select_for_update(no_key=True).only("pk").get(pk=owner.pk)
    document, _created = Document.objects.select_for_update().get_or_create(owner=owner, kind=kind)
    previous = document.current_version
    if previous is not None and previous.status == VersionStatus.ACCEPTED:
        raise DocumentLocked(_locked_message())
    _check_quota(owner=owner, files=files, replacing_id=previous.pk if previous else None)

    number = (document.versions.aggregate(last=Max("number"))["last"] or 0) + 1
    version = DocumentVersion.objects.create(
        document=document, number=number, uploaded_by=by or owner
    )
    DocumentPage.objects.bulk_create(
        DocumentPage(
            version=version,
            position=position,
            file=name,
            file_type=checked.file_type,
            original_name=checked.original_name,
            size=checked.size,
            sha256=checked.sha256,
            page_count=checked.page_count,
        )
        for position, (checked, name) in enumerate(zip(files, names, strict=True), start=1)
    )
    if previous is not None:
        if previous.status == VersionStatus.PENDING:
            previous.status = VersionStatus.REPLACED
            previous.save(update_fields=["status"])
        _remove_files_of(previous)
    document.current_version = version
    document.save(update_fields=["current_version"])
    student_file_changed(owner.pk)
    # In the same transaction: the upload and the step it completes commit together.
    moved = registration_after_upload(student=owner) is not None
    return UploadResult(
        document=document,
        version=version,
        kind=kind,
        replaced=bool(previous),
        registration_moved=moved,
    )


def document_delete(*, document: Document, by) -> None:
    """Withdraw the current version (not once accepted); its files go, its history stays."""
    with transaction.atomic(durable=True):
        document = Document.objects.select_for_update().get(pk=document.pk)
        version = document.current_version
        if version is None:
            raise DocumentError(_("There is nothing to delete: this document has no file."))
        if version.status == VersionStatus.ACCEPTED:
            raise DocumentLocked(_locked_message())
        version.status = VersionStatus.WITHDRAWN
        version.withdrawn_at = timezone.now()
        version.save(update_fields=["status", "withdrawn_at"])
        _remove_files_of(version)
        document.current_version = None
        document.save(update_fields=["current_version"])
        student_file_changed(document.owner_id)


def _remove_files_of(version: DocumentVersion) -> None:
    pages = list(version.pages.exclude(file=""))
    if not pages:
        return
    names = [page.file.name for page in pages]
    DocumentPage.objects.filter(pk__in=[page.pk for page in pages]).update(
        file="", removed_at=timezone.now()
    )
    delete_files_on_commit(names)


def _check_quota(*, owner, files: Sequence[CheckedFile], replacing_id: int | None) -> None:
    stored = DocumentPage.objects.filter(version__document__owner=owner).exclude(file="")
    if replacing_id is not None:
        stored = stored.exclude(version_id=replacing_id)
    totals = stored.aggregate(count=Count("pk"), size=Sum("size"))
    if totals["count"] + len(files) > settings.DOCUMENT_MAX_FILES:
        raise QuotaExceeded(
            _(
                "You can keep at most %(count)s files in the portal. Delete a document you no "
                "longer need, or contact the international office."
            )
            % {"count": settings.DOCUMENT_MAX_FILES}
        )
    if (totals["size"] or 0) + sum(f.size for f in files) > settings.DOCUMENT_MAX_TOTAL_SIZE:
        raise QuotaExceeded(
            _(
                "Your documents would take more than %(megabytes)s MB in total. Delete a "
                "document you no longer need, or upload smaller scans."
            )
            % {"megabytes": megabytes(settings.DOCUMENT_MAX_TOTAL_SIZE)}
        )


def _too_many_files_message() -> str:
    count = settings.DOCUMENT_MAX_FILES_PER_UPLOAD
    return ngettext(
        "You can upload at most %(count)s file at once.",
        "You can upload at most %(count)s files at once.",
        count,
    ) % {"count": count}


def _locked_message() -> str:
    return _(
        "This document has been accepted and can no longer be changed. Contact the "
        "international office if it needs to change."
    )


def can_review(user) -> bool:
    """Staff holding the review permission (checked on every request, never cached)."""
    return bool(user.is_active and user.is_staff and user.has_perm(REVIEW_PERMISSION))


def document_accept(*, version: DocumentVersion, by) -> ReviewDecision:
    """Accept a pending version."""
    return _decide(version=version, by=by, outcome=ReviewOutcome.ACCEPTED, reasons=(), comment="")


def document_reject(
    *,
    version: DocumentVersion,
    by,
    reasons: Sequence[RejectionReason],
    comment: str = "",
) -> ReviewDecision:
    """Reject a pending version with one or more catalogue reasons and an optional comment."""
    if not reasons:
        raise DocumentError(_("Choose at least one reason."))
    return _decide(
        version=version,
        by=by,
        outcome=ReviewOutcome.REJECTED,
        reasons=reasons,
        comment=comment.strip(),
    )


def _decide(*, version, by, outcome, reasons, comment) -> ReviewDecision:
    if not can_review(by):
        raise ReviewNotAllowed(_("You do not have permission to review documents."))
    with transaction.atomic():
        # Lock the document, then the version (the order uploads use too), so two reviewers,
        # or a reviewer and a student replacing the file, never both act on one version.
        document = Document.objects.select_for_update().get(pk=version.document_id)
        locked = DocumentVersion.objects.select_for_update().get(pk=version.pk)
        if locked.status != VersionStatus.PENDING:
            raise AlreadyReviewed(_already_reviewed_message(locked))
        decision = ReviewDecision.objects.create(
            version=locked, outcome=outcome, comment=comment, decided_by=by
        )
        if reasons:
            decision.reasons.set(reasons)
        locked.status = (
            VersionStatus.ACCEPTED if outcome == ReviewOutcome.ACCEPTED else VersionStatus.REJECTED
        )
        locked.save(update_fields=["status"])
        student_file_changed(document.owner_id)
        notify_review(decision=decision)
    version.status = locked.status
    return decision


def _already_reviewed_message(version: DocumentVersion) -> str:
    decision = ReviewDecision.objects.select_related("decided_by").filter(version=version).first()
    if decision is None:
        return _("The student replaced or deleted this file in the meantime: nothing was changed.")
    return _(
        "This document was already reviewed (%(outcome)s by %(who)s): nothing was changed."
    ) % {
        "outcome": decision.get_outcome_display().lower(),
        "who": decision.decided_by or _("a former member of staff"),
    }
