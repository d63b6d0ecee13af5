from io import BytesIO

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from documents import access
from documents.combine import combined_pdf
from documents.forms import RejectForm, UploadForm, VersionForm
from documents.kinds import KIND_HINTS, DocumentKind
from documents.models import AccessAction, DocumentAccessLog, VersionStatus
from documents.selectors import (
    TaskStatus,
    document_tasks,
    student_situation,
    version_history,
    versions_waiting_for_review,
)
from documents.services import (
    DocumentError,
    can_review,
    document_accept,
    document_delete,
    document_reject,
    document_upload,
)
from documents.throttle import upload_attempt_allowed
from documents.upload_handlers import oversized_uploads

REVIEW_QUEUE_PAGE_SIZE = 50


@login_required
@require_GET
def document_list(request):
    situation = student_situation(request.user)
    tasks = document_tasks(request.user, situation=situation)
    return render(
        request,
        "documents/list.html",
        {
            # A path is known but nothing is asked for now (say, after the definitive number).
            "nothing_missing": situation is not None,
            "required_tasks": [task for task in tasks if task.required],
            "other_tasks": [task for task in tasks if not task.required],
            "TaskStatus": TaskStatus,
        },
    )


@login_required
@require_GET
def document_detail(request, document_uuid):
    document = access.get_document_for_owner(user=request.user, document_uuid=document_uuid)
    return render(
        request,
        "documents/detail.html",
        {"document": document, "versions": version_history(document)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def document_upload_new(request, kind):
    try:
        kind = DocumentKind(kind)
    except ValueError:
        raise Http404 from None
    existing = request.user.documents.filter(kind=kind).first()
    if existing is not None and existing.current_version_id and request.method == "GET":
        return redirect("documents:replace", document_uuid=existing.uuid)
    return _upload_page(request, kind=kind, document=existing)


@login_required
@require_http_methods(["GET", "POST"])
def document_replace(request, document_uuid):
    document = access.get_document_for_owner(user=request.user, document_uuid=document_uuid)
    if document.status == VersionStatus.ACCEPTED:
        messages.error(request, _("This document has been accepted and can no longer be changed."))
        return redirect("documents:detail", document_uuid=document.uuid)
    return _upload_page(request, kind=DocumentKind(document.kind), document=document)


def _upload_page(request, *, kind, document):
    status = 200
    form = UploadForm()
    page_error = None
    if request.method == "POST":
        if not upload_attempt_allowed(user=request.user):
            page_error = _(
                "You have sent many files in the last hour. Please wait a while before "
                "uploading again."
            )
            status = 429
        else:
            form = UploadForm(request.POST, request.FILES, oversized=oversized_uploads(request))
            if form.is_valid():
                # Taken out of the form: a form is freed only by the cyclic garbage collector
                # (its bound fields refer back to it), which would keep up to 50 MB of checked
                # files in the worker after the request (bench/README.md, upload memory).
                files = form.cleaned_data.pop("files")
                try:
                    result = document_upload(owner=request.user, kind=kind, files=files)
                except DocumentError as error:
                    form.add_error(None, error.message)
                else:
                    del files
                    messages.success(
                        request,
                        _("%(document)s: uploaded. The international office will check it.")
                        % {"document": kind.label},
                    )
                    if result.registration_moved:
                        messages.info(
                            request,
                            _(
                                "Every document the CPAM asked for is now in the portal, so "
                                "your tracker moved on. Remember to deposit them in your space "
                                "on the official site too."
                            ),
                        )
                    return redirect("documents:list")
    return render(
        request,
        "documents/upload.html",
        {
            "form": form,
            "kind": kind,
            "hint": KIND_HINTS[kind],
            "document": document,
            "page_error": page_error,
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def document_delete_view(request, document_uuid):
    document = access.get_document_for_owner(user=request.user, document_uuid=document_uuid)
    if request.method == "POST":
        try:
            document_delete(document=document, by=request.user)
        except DocumentError as error:
            messages.error(request, error.message)
            return redirect("documents:detail", document_uuid=document.uuid)
        messages.success(
            request, _("%(document)s: deleted.") % {"document": document.get_kind_display()}
        )
        return redirect("documents:list")
    if document.current_version is None:
        return redirect("documents:detail", document_uuid=document.uuid)
    return render(request, "documents/delete.html", {"document": document})


def _private_file_response(data, *, filename: str, content_type: str) -> FileResponse:
    """An attachment the browser will neither sniff, render, cache nor run."""
    response = FileResponse(data, as_attachment=True, filename=filename, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


def _log_staff_access(request, *, document, action, page=None) -> None:
    if document.owner_id != request.user.pk:
        DocumentAccessLog.objects.create(
            actor=request.user,
            action=action,
            document_uuid=document.uuid,
            page_uuid=page.uuid if page else None,
        )


@login_required
@require_GET
def document_download(request, document_uuid, page_uuid):
    document, page = access.get_page_for_download(
        user=request.user, document_uuid=document_uuid, page_uuid=page_uuid
    )
    _log_staff_access(request, document=document, action=AccessAction.DOWNLOAD, page=page)
    return _private_file_response(
        page.file.open("rb"), filename=page.download_name, content_type=page.content_type
    )


@login_required
@require_GET
def document_combined_pdf(request, document_uuid):
    document = access.get_document_for_download(user=request.user, document_uuid=document_uuid)
    version = document.current_version
    if version is None:
        raise Http404
    data = combined_pdf(version)
    _log_staff_access(request, document=document, action=AccessAction.DOWNLOAD_COMBINED)
    return _private_file_response(
        BytesIO(data), filename=document.slot_file_name, content_type="application/pdf"
    )


@login_required
@require_GET
def review_queue(request):
    if not can_review(request.user):
        if request.user.is_staff:
            raise PermissionDenied
        raise Http404
    page = Paginator(versions_waiting_for_review(), REVIEW_QUEUE_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "documents/review_queue.html", {"page": page, "versions": page})


@login_required
@require_GET
def review(request, document_uuid):
    document = access.get_document_for_review(user=request.user, document_uuid=document_uuid)
    _log_staff_access(request, document=document, action=AccessAction.REVIEW_VIEW)
    return _review_page(request, document=document)


def _review_page(request, *, document, accept_form=None, reject_form=None):
    version = document.current_version
    initial = {"version": version.uuid} if version else {}
    return render(
        request,
        "documents/review.html",
        {
            "document": document,
            "version": version,
            "versions": version_history(document),
            "accept_form": accept_form or VersionForm(initial=initial),
            "reject_form": reject_form or RejectForm(initial=initial),
        },
    )


def _reviewed_version(document, form):
    """The version the reviewer saw; if the student replaced it since, say so."""
    version = document.current_version
    if version is None or version.uuid != form.cleaned_data["version"]:
        raise DocumentError(
            _("The student replaced or deleted this file in the meantime: nothing was changed.")
        )
    return version


@login_required
@require_POST
def review_accept(request, document_uuid):
    document = access.get_document_for_review(user=request.user, document_uuid=document_uuid)
    form = VersionForm(request.POST)
    if not form.is_valid():
        return _review_page(request, document=document, accept_form=form)
    try:
        document_accept(version=_reviewed_version(document, form), by=request.user)
    except DocumentError as error:
        messages.error(request, error.message)
        return redirect("documents:review", document_uuid=document.uuid)
    messages.success(
        request,
        _("%(document)s of %(student)s: accepted.")
        % {"document": document.get_kind_display(), "student": document.owner},
    )
    return redirect("documents:review_queue")


@login_required
@require_POST
def review_reject(request, document_uuid):
    document = access.get_document_for_review(user=request.user, document_uuid=document_uuid)
    form = RejectForm(request.POST)
    if not form.is_valid():
        return _review_page(request, document=document, reject_form=form)
    try:
        document_reject(
            version=_reviewed_version(document, form),
            by=request.user,
            reasons=list(form.cleaned_data["reasons"]),
            comment=form.cleaned_data["comment"],
        )
    except DocumentError as error:
        messages.error(request, error.message)
        return redirect("documents:review", document_uuid=document.uuid)
    messages.success(
        request,
        _("%(document)s of %(student)s: rejected. The student was told why.")
        % {"document": document.get_kind_display(), "student": document.owner},
    )
    return redirect("documents:review_queue")
