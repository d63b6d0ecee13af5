from io import BytesIO

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from documents import access
from documents.combine import combined_pdf
from documents.forms import UploadForm
from documents.kinds import KIND_HINTS, DocumentKind
from documents.models import AccessAction, VersionStatus
from documents.selectors import (
    TaskStatus,
    document_tasks,
    student_situation,
    version_history,
)
from documents.services import (
    DocumentError,
    document_delete,
    document_upload,
)
from documents.throttle import upload_attempt_allowed
from documents.upload_handlers import oversized_uploads
from portal.personal_pages import cached_personal_page


@login_required
@require_GET
def document_list(request):
    return cached_personal_page(request, "documents", lambda: _render_document_list(request))


def _render_document_list(request):
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


@login_required
@require_GET
def document_download(request, document_uuid, page_uuid):
    document, page = access.get_page_for_download(
        user=request.user, document_uuid=document_uuid, page_uuid=page_uuid
    )
    access.log_staff_access(
        user=request.user, document=document, action=AccessAction.DOWNLOAD, page=page
    )
    return access.attachment_response(
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
    access.log_staff_access(
        user=request.user, document=document, action=AccessAction.DOWNLOAD_COMBINED
    )
    return access.attachment_response(
        BytesIO(data), filename=document.slot_file_name, content_type="application/pdf"
    )


# --- The old review screen's addresses -----------------------------------------------
# Reviewers decide on one screen, the staff workplace's (office/admin_review.py). These
# addresses were bookmarked and mailed around, so they stay and send reviewers there for
# good; everyone else gets what they got before (404 for students, 403 for staff without
# the permission, the login page when signed out; office/mfa.py still asks staff for their
# second factor first). The admin's URL names are reversed, not imported: documents does
# not depend on office.


@login_required
def review_queue(request):
    access.require_reviewer(request.user)
    return HttpResponsePermanentRedirect(reverse("admin:office_pendingdocument_changelist"))


@login_required
def review(request, document_uuid):
    """The old screen and its accept/reject addresses: the admin's screen of that document.
    A decision posted here is not taken (a 301 is followed with a GET): the reviewer sees
    the document again on the one screen and decides there."""
    access.require_reviewer(request.user)
    return HttpResponsePermanentRedirect(
        reverse("admin:office_pendingdocument_review", kwargs={"document_uuid": document_uuid})
    )
