"""Staff views of documents. Files are never linked directly: downloads go through the
checked, logged views; decisions go through the same services as the review page."""

from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from documents.models import (
    Document,
    DocumentAccessLog,
    DocumentPage,
    DocumentVersion,
    RejectionReason,
    ReviewDecision,
)
from documents.selectors import AcceptSkip, bulk_accept_not_applicable
from documents.services import DocumentError, can_review, document_accept
from students.selectors import current_academic_year


def _say_left_out(modeladmin, request, left_out) -> None:
    """Name each selected document the bulk accept left out, and why."""
    if not left_out:
        return
    modeladmin.message_user(
        request,
        ngettext(
            "Not accepted (the action does not apply): %(which)s.",
            "Not accepted (the action does not apply): %(which)s.",
            len(left_out),
        )
        % {"which": "; ".join(text for _document, text in left_out)},
        messages.WARNING,
    )


@admin.action(
    description=_("Accept the current file of the selected documents"), permissions=["review"]
)
def accept_selected_documents(modeladmin, request, queryset):
    """A confirmation page listing each file, then one decision per document, through the
    service. Documents the action does not apply to (no file, already reviewed, a past
    year's student) are left out and named with the reason, on the confirmation page and
    after. Only the versions shown on the confirmation page are accepted: a file the
    student replaced in the meantime is left for review."""
    selected = list(
        queryset.select_related("owner__student_profile", "current_version").order_by("pk")
    )
    current_year = current_academic_year()
    current_year_id = current_year.pk if current_year else None
    documents, left_out = [], []
    for document in selected:
        reason = bulk_accept_not_applicable(document, current_year_id=current_year_id)
        if reason is None:
            documents.append(document)
        else:
            # Named as on the confirmation page: the student first, then the document.
            student = getattr(document.owner, "student_profile", None) or document.owner.email
            text = gettext("%(student)s, %(document)s: %(reason)s") % {
                "student": student,
                "document": document.get_kind_display(),
                "reason": AcceptSkip(reason).label,
            }
            left_out.append((document, text))
    if not documents:
        _say_left_out(modeladmin, request, left_out)
        return None
    if request.POST.get("post") == "yes":
        _say_left_out(modeladmin, request, left_out)
        confirmed = set(request.POST.getlist("version"))
        accepted = 0
        for document in documents:
            version = document.current_version
            if str(version.uuid) not in confirmed:
                modeladmin.message_user(
                    request,
                    gettext("%(document)s: the file changed since you confirmed; not accepted.")
                    % {"document": document},
                    messages.WARNING,
                )
                continue
            try:
                document_accept(version=version, by=request.user)
            except DocumentError as error:
                modeladmin.message_user(request, f"{document}: {error.message}", messages.WARNING)
            else:
                accepted += 1
        modeladmin.message_user(
            request,
            ngettext("%(count)s document accepted.", "%(count)s documents accepted.", accepted)
            % {"count": accepted},
            messages.SUCCESS,
        )
        return None
    return TemplateResponse(
        request,
        "admin/documents/accept_confirmation.html",
        {
            **modeladmin.admin_site.each_context(request),
            "opts": modeladmin.opts,
            "title": gettext("Accept the selected documents?"),
            "documents": documents,
            "left_out": left_out,
            "action_checkbox_name": ACTION_CHECKBOX_NAME,
        },
    )


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class VersionInline(ReadOnlyInline):
    model = DocumentVersion
    fields = ["number", "status", "uploaded_at", "decision_summary"]
    readonly_fields = fields
    ordering = ["-number"]

    @admin.display(description=_("decision"))
    def decision_summary(self, version):
        decision = getattr(version, "decision", None)
        if decision is None:
            return "—"
        reasons = ", ".join(reason.label for reason in decision.reasons.all())
        return f"{decision.get_outcome_display()} ({decision.decided_by}) {reasons}".strip()


@admin.register(Document)
class DocumentAdmin(SimpleHistoryAdmin):
    list_display = ["owner", "kind", "current_status", "created_at", "review_link"]
    list_filter = ["kind", "current_version__status"]
    search_fields = ["owner__email", "uuid"]
    list_select_related = ["owner", "current_version"]
    fields = ["uuid", "owner", "kind", "current_version", "created_at", "review_link"]
    readonly_fields = fields
    inlines = [VersionInline]
    actions = [accept_selected_documents]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        # Files must be removed with their rows: deletion goes through the services.
        return False

    def has_view_permission(self, request, obj=None):
        return can_review(request.user) or super().has_view_permission(request, obj)

    def has_review_permission(self, request):
        return can_review(request.user)

    @admin.display(description=_("status"))
    def current_status(self, document):
        version = document.current_version
        return version.get_status_display() if version else _("No file")

    @admin.display(description=_("review"))
    def review_link(self, document):
        # The review screen of the staff workplace (office app): files beside the decision.
        url = reverse(
            "admin:office_pendingdocument_review", kwargs={"document_uuid": document.uuid}
        )
        return format_html('<a href="{}">{}</a>', url, _("Review"))


@admin.register(RejectionReason)
class RejectionReasonAdmin(admin.ModelAdmin):
    list_display = ["code", "label_en", "label_fr", "position", "is_active"]
    list_editable = ["position", "is_active"]
    search_fields = ["code", "label_en", "label_fr"]


@admin.register(ReviewDecision)
class ReviewDecisionAdmin(admin.ModelAdmin):
    list_display = ["version", "outcome", "decided_by", "decided_at"]
    list_filter = ["outcome"]
    list_select_related = ["version__document__owner", "decided_by"]
    search_fields = ["version__document__owner__email"]
    fields = ["version", "outcome", "reasons", "comment", "decided_by", "decided_at"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(DocumentAccessLog)
class DocumentAccessLogAdmin(admin.ModelAdmin):
    """Append-only: only superusers read it; nobody adds, edits or deletes entries."""

    list_display = ["at", "actor", "action", "document_uuid", "page_uuid"]
    list_filter = ["action"]
    list_select_related = ["actor"]
    search_fields = ["actor__email", "document_uuid"]
    fields = list_display
    readonly_fields = list_display
    list_select_related = ["actor"]

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(DocumentPage)
class DocumentPageAdmin(admin.ModelAdmin):
    """File metadata only (name, type, size, checksum); the file itself is downloaded from
    the review page, so that the download is logged."""

    list_display = ["original_name", "version", "file_type", "size", "created_at", "removed_at"]
    fields = [
        "uuid",
        "version",
        "position",
        "original_name",
        "file_type",
        "size",
        "sha256",
        "page_count",
        "created_at",
        "removed_at",
    ]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
