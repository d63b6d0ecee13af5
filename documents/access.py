"""Who may see which document: the rules, once. Anything not allowed is a 404."""

import uuid

from django.core.exceptions import PermissionDenied
from django.http import Http404

from documents.models import AccessAction, Document, DocumentAccessLog, DocumentPage
from documents.services import can_review


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


def get_document_for_review(*, user, document_uuid: uuid.UUID) -> Document:
    """For reviewers only: staff without the permission get 403, anyone else 404."""
    if not can_review(user):
        if user.is_staff:
            raise PermissionDenied
        raise Http404
    document = (
        Document.objects.select_related("owner", "current_version__decision")
        .filter(uuid=document_uuid)
        .first()
    )
    if document is None:
        raise Http404
    return document
