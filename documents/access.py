"""Who may see which document, and how a student's file leaves the server: the rules, once.

The review screen (office/admin_review.py, the one screen where reviewers decide) and the
students' own document pages (documents/views.py) both go through here, so the reviewer
gate, the stale-version check, the access-log write and the file headers cannot drift
apart. Anything a person may not see is a 404 (staff without the permission: 403).
"""

import uuid

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.utils.translation import gettext as _

from documents.models import (
    AccessAction,
    Document,
    DocumentAccessLog,
    DocumentPage,
    DocumentVersion,
)
from documents.services import DocumentError, can_review


def _refuse(*, user, document_uuid: uuid.UUID):
    """Log an attempt on a document that exists but is not this person's, then 404."""
    if Document.objects.filter(uuid=document_uuid).exists():
        DocumentAccessLog.objects.create(
            actor=user, action=AccessAction.DENIED, document_uuid=document_uuid
        )
    raise Http404


def get_document_for_owner(*, user, document_uuid: uuid.UUID) -> Document:
    """The student's own document; another student's (or a wrong id) is a 404."""
    document = (
        Document.objects.select_related("current_version__decision")
        .filter(uuid=document_uuid, owner=user)
        .first()
    )
    if document is None:
        _refuse(user=user, document_uuid=document_uuid)
    return document


def get_document_for_download(*, user, document_uuid: uuid.UUID) -> Document:
    """The document if the user owns it or may review documents; otherwise a 404."""
    document = (
        Document.objects.select_related("owner", "current_version")
        .filter(uuid=document_uuid)
        .first()
    )
    if document is None or not (document.owner_id == user.pk or can_review(user)):
        _refuse(user=user, document_uuid=document_uuid)
    return document


def get_page_for_download(
    *, user, document_uuid: uuid.UUID, page_uuid: uuid.UUID
) -> tuple[Document, DocumentPage]:
    """A stored file of a document the user may download; otherwise a 404."""
    document = get_document_for_download(user=user, document_uuid=document_uuid)
    page = (
        DocumentPage.objects.filter(uuid=page_uuid, version__document=document)
        .exclude(file="")
        .first()
    )
    if page is None:
        raise Http404
    return document, page


# --- Reviewing ------------------------------------------------------------------------


def require_reviewer(user) -> None:
    """Reviewers pass. Staff without the permission get 403 (they know the workplace
    exists); anyone else a 404, as for any address that is not theirs."""
    if not can_review(user):
        if user.is_staff:
            raise PermissionDenied
        raise Http404


def get_document_for_review(*, user, document_uuid: uuid.UUID) -> Document:
    """For reviewers only (require_reviewer), with what the review screen shows about the
    student and the last decision."""
    require_reviewer(user)
    document = (
        Document.objects.select_related(
            "owner__student_profile", "current_version__decision__decided_by"
        )
        .filter(uuid=document_uuid)
        .first()
    )
    if document is None:
        raise Http404
    return document


def get_page_for_review(
    *, user, document_uuid: uuid.UUID, page_uuid: uuid.UUID
) -> tuple[Document, DocumentPage]:
    """A stored file shown on the review screen: reviewers only, then the download rules."""
    require_reviewer(user)
    return get_page_for_download(user=user, document_uuid=document_uuid, page_uuid=page_uuid)


def reviewed_version(*, document: Document, version_uuid: uuid.UUID) -> DocumentVersion:
    """The version the reviewer saw. If the student replaced or deleted it since the screen
    was opened, nothing may be decided: a newer file is never accepted unseen."""
    version = document.current_version
    if version is None or version.uuid != version_uuid:
        raise DocumentError(
            _("The student replaced or deleted this file in the meantime: nothing was changed.")
        )
    return version


def log_staff_access(*, user, document: Document, action: str, page=None) -> None:
    """One access-log row per staff look at a student's document (SECURITY.md row 45).
    A student opening their own file is not logged."""
    if document.owner_id != user.pk:
        DocumentAccessLog.objects.create(
            actor=user,
            action=action,
            document_uuid=document.uuid,
            page_uuid=page.uuid if page else None,
        )


# --- Files leaving the server ----------------------------------------------------------


def _private(response: FileResponse) -> FileResponse:
    # Never sniffed into something runnable, never kept by a browser or a proxy.
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def attachment_response(data, *, filename: str, content_type: str) -> FileResponse:
    """A download the browser will neither sniff, render, cache nor run."""
    response = _private(
        FileResponse(data, as_attachment=True, filename=filename, content_type=content_type)
    )
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


def inline_file_response(page: DocumentPage) -> FileResponse:
    """A stored file shown inside the review screen (an image, or a PDF in a frame).

    Images were decoded and re-encoded at upload; PDFs were parsed and refused when they
    carry scripts or actions. The response may only be framed by the portal itself, is never
    cached, and loads nothing else.
    """
    response = _private(
        FileResponse(
            page.file.open("rb"),
            as_attachment=False,
            filename=page.download_name,
            content_type=page.content_type,
        )
    )
    response["X-Frame-Options"] = "SAMEORIGIN"
    response["Content-Security-Policy"] = "default-src 'none'; frame-ancestors 'self'"
    return response
