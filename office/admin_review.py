"""The review queue: documents waiting for a decision, oldest first, and one screen per
document with its files beside the decision form. Decisions go through documents' services
(document_accept / document_reject), so the student's notice is the same whoever decides."""

from django.contrib import admin, messages
from django.contrib.admin.views.main import (
    ALL_VAR,
    IS_FACETS_VAR,
    IS_POPUP_VAR,
    ORDER_VAR,
    PAGE_VAR,
    TO_FIELD_VAR,
)
from django.db.models import Count, OuterRef, Subquery
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from documents import access
from documents.admin import accept_selected_documents
from documents.models import (
    AccessAction,
    Document,
    DocumentKind,
    DocumentPage,
    DocumentVersion,
    FileType,
)
from documents.selectors import version_history
from documents.services import DocumentError, can_review, document_accept, document_reject
from office.admin_rows import PlainRowCheckboxMixin, PlainRowsMixin
from office.forms import ReviewDecisionForm
from office.models import PendingDocument
from office.pagination import KeysFirstPaginator, page_hint
from office.selectors import search_people
from students.models import Registration

# Parameters of the list that change neither which rows it holds nor how many.
LIST_ONLY_PARAMETERS = {ALL_VAR, IS_FACETS_VAR, IS_POPUP_VAR, ORDER_VAR, PAGE_VAR, TO_FIELD_VAR}


# Lazy labels, read in the active language when shown; an unknown value shows as stored,
# as get_kind_display() does.
_KIND_LABELS = dict(DocumentKind.choices)


def _kind_label(kind: str) -> str:
    return str(_KIND_LABELS.get(kind, kind))


@admin.register(PendingDocument)
class ReviewQueueAdmin(PlainRowsMixin, PlainRowCheckboxMixin, admin.ModelAdmin):
    list_display = ["student", "kind_label", "uploaded", "waiting_days", "file_count", "review"]
    list_display_links = None
    list_filter = ["kind"]
    search_fields = [
        "owner__email",
        "owner__student_profile__legal_surname",
        "owner__student_profile__legal_given_names",
    ]
    list_select_related = ["owner__student_profile", "current_version"]
    list_per_page = 50
    show_full_result_count = False
    actions = [accept_selected_documents]

    def changelist_view(self, request, extra_context=None):
        # A plain title instead of Django's "Select document waiting for review to view".
        title = {"title": _("Review queue")}
        return super().changelist_view(request, {**title, **(extra_context or {})})

    def get_queryset(self, request):
        # The file count is a subquery, so it is counted for the rows shown only (a Count()
        # join would group the whole queue before the page is cut: 0.75 s at 100 000
        # students).
        files = (
            DocumentPage.objects.filter(version=OuterRef("current_version"))
            .order_by()
            .values("version")
            .annotate(total=Count("pk"))
            .values("total")
        )
        return (
            super()
            .get_queryset(request)
            .annotate(file_count=Subquery(files))
            .order_by("current_version__uploaded_at", "pk")
        )

    def get_paginator(self, request, queryset, per_page, orphans=0, allow_empty_first_page=True):
        # The whole queue (no filter, no search) is counted from the partial index on
        # pending versions: a pending version is always its document's current one
        # (documents.selectors.versions_waiting_for_review). Counting the documents instead
        # joins every document of every student (0.1 s at 100 000 students).
        narrowed = any(key not in LIST_ONLY_PARAMETERS for key in request.GET)
        count = None if narrowed else DocumentVersion.objects.filter(status="pending").count()
        return KeysFirstPaginator(
            queryset,
            per_page,
            orphans,
            allow_empty_first_page,
            count=count,
            page_hint=page_hint(request) if narrowed else None,
        )

    def get_search_results(self, request, queryset, search_term):
        # The students' name or e-mail, found through their indexes (office.selectors).
        return search_people(queryset, search_term, person="owner"), False

    def get_ordering(self, request):
        return ["current_version__uploaded_at", "pk"]

    # Reviewers only; nobody adds, edits or deletes from here.
    def has_module_permission(self, request):
        return can_review(request.user)

    def has_view_permission(self, request, obj=None):
        return can_review(request.user)

    def has_review_permission(self, request):
        return can_review(request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(
        description=gettext_lazy("student"), ordering="owner__student_profile__legal_surname"
    )
    def student(self, document):
        profile = getattr(document.owner, "student_profile", None)
        return str(profile) if profile else document.owner.email

    # The kind's label from its enum: a choices field's display builds a dictionary of every
    # kind (make_hashable over the choices) for each cell, twice a row with the checkbox's
    # label; together that was the queue's costliest cell.
    @admin.display(description=gettext_lazy("kind"), ordering="kind")
    def kind_label(self, document):
        return _kind_label(document.kind)

    def row_label(self, document) -> str:
        # As Document.__str__ says it, without get_kind_display().
        return f"{_kind_label(document.kind)} ({document.owner})"

    @admin.display(description=gettext_lazy("uploaded"), ordering="current_version__uploaded_at")
    def uploaded(self, document):
        return date_format(
            timezone.localtime(document.current_version.uploaded_at), "DATETIME_FORMAT"
        )

    @admin.display(description=gettext_lazy("days waiting"))
    def waiting_days(self, document):
        uploaded = timezone.localtime(document.current_version.uploaded_at).date()
        return (timezone.localdate() - uploaded).days

    @admin.display(description=gettext_lazy("files"))
    def file_count(self, document):
        return document.file_count

    @admin.display(description=gettext_lazy("review"))
    def review(self, document):
        url = reverse(
            "admin:office_pendingdocument_review", kwargs={"document_uuid": document.uuid}
        )
        return format_html('<a class="button" href="{}">{}</a>', url, _("Review"))

    # --- One screen per document -----------------------------------------------------

    def get_urls(self):
        def view(function):
            return self.admin_site.admin_view(function)

        return [
            path(
                "<uuid:document_uuid>/review/",
                view(self.review_view),
                name="office_pendingdocument_review",
            ),
            path(
                "<uuid:document_uuid>/files/<uuid:page_uuid>/",
                view(self.file_view),
                name="office_pendingdocument_file",
            ),
            *super().get_urls(),
        ]

    def _document(self, request, document_uuid) -> Document:
        # The reviewer gate is documents.access's, shared with every document view.
        return access.get_document_for_review(user=request.user, document_uuid=document_uuid)

    def _next_waiting(self, document) -> PendingDocument | None:
        return PendingDocument.objects.exclude(pk=document.pk).first()

    def review_view(self, request, document_uuid):
        document = self._document(request, document_uuid)
        version = document.current_version
        form = ReviewDecisionForm(
            request.POST or None, initial={"version": version.uuid if version else None}
        )
        if request.method == "POST":
            if form.is_valid():
                response = self._decide(request, document, form)
                if response is not None:
                    return response
        else:
            access.log_staff_access(
                user=request.user, document=document, action=AccessAction.REVIEW_VIEW
            )
        pages = []
        if version is not None:
            pages = [page for page in version.pages.order_by("position") if page.file]
        profile = getattr(document.owner, "student_profile", None)
        registration = (
            Registration.objects.filter(
                student=document.owner, academic_year_id=profile.academic_year_id
            ).first()
            if profile is not None
            else None
        )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Review: %(document)s") % {"document": document.get_kind_display()},
            # What a reviewer needs to judge "name does not match" or "wrong year".
            "profile": profile,
            "registration": registration,
            "file_url": reverse("admin:office_student_change", args=[document.owner.pk]),
            "document": document,
            "student": getattr(document.owner, "student_profile", None) or document.owner,
            "version": version,
            "pages": pages,
            "image_types": [FileType.JPEG, FileType.PNG],
            "versions": version_history(document),
            "form": form,
            "waiting": PendingDocument.objects.count(),
            "next_document": self._next_waiting(document),
        }
        return TemplateResponse(request, "admin/office/review.html", context)

    def _decide(self, request, document, form):
        data = form.cleaned_data
        try:
            # Refused when the student replaced the file since the screen was opened.
            version = access.reviewed_version(document=document, version_uuid=data["version"])
            if data["decision"] == ReviewDecisionForm.ACCEPT:
                document_accept(version=version, by=request.user)
                done = _("%(document)s of %(student)s: accepted.")
            else:
                document_reject(
                    version=version,
                    by=request.user,
                    reasons=list(data["reasons"]),
                    comment=data["comment"],
                )
                done = _("%(document)s of %(student)s: rejected. The student was told why.")
        except DocumentError as error:
            messages.error(request, error.message)
            return redirect("admin:office_pendingdocument_review", document_uuid=document.uuid)
        messages.success(
            request, done % {"document": document.get_kind_display(), "student": document.owner}
        )
        if "_next" in request.POST:
            following = self._next_waiting(document)
            if following is not None:
                return redirect("admin:office_pendingdocument_review", document_uuid=following.uuid)
            messages.info(request, _("The review queue is empty."))
        return redirect("admin:office_pendingdocument_changelist")

    def file_view(self, request, document_uuid, page_uuid):
        document, page = access.get_page_for_review(
            user=request.user, document_uuid=document_uuid, page_uuid=page_uuid
        )
        access.log_staff_access(
            user=request.user, document=document, action=AccessAction.DOWNLOAD, page=page
        )
        return access.inline_file_response(page)
