"""Filters of the students' list. They work on the annotations of
`office.selectors.students_for_office()` (path, step, step_since, documents_waiting…)."""

from django.contrib import admin
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_countries import countries

from documents.models import Document, VersionStatus
from messaging.models import Message, Side
from office.selectors import stuck, waiting_longer_than
from portal.cache import get_or_compute
from students.models import AcademicYear, Status, StudentProfile
from students.paths import Path

# The list has many columns: short path names (the student's page shows the full ones).
SHORT_PATH_LABELS = {
    Path.EU_WITH_EHIC: _("EU, with EHIC"),
    Path.EU_REGISTER: _("EU, registers"),
    Path.NON_EU: _("Outside the EU"),
    Path.QUEBEC: _("Quebec"),
    Path.ALREADY_REGISTERED: _("Already registered"),
    Path.SHORT_STAY: _("Short stay"),
}


class PathFilter(admin.SimpleListFilter):
    title = _("path")
    parameter_name = "path"

    def lookups(self, request, model_admin):
        return [(path, SHORT_PATH_LABELS[path]) for path in Path.values]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(path=self.value())
        return queryset


class StepFilter(admin.SimpleListFilter):
    title = _("step")
    parameter_name = "step"

    def lookups(self, request, model_admin):
        return Status.choices

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(step=self.value())
        return queryset


# The nationalities present change rarely, and finding them reads every profile (20 ms at
# 100 000 students on each view of the list): they are kept in the shared cache a while.
NATIONALITIES_CACHE_KEY = "office:nationalities-present"
NATIONALITIES_CACHE_SECONDS = 10 * 60


class NationalityFilter(admin.SimpleListFilter):
    """Only the nationalities present, by name (one query, or one cache read)."""

    title = _("nationality")
    parameter_name = "nationality"

    def lookups(self, request, model_admin):
        codes = get_or_compute(
            NATIONALITIES_CACHE_KEY,
            lambda: sorted(
                StudentProfile.objects.order_by().values_list("nationality", flat=True).distinct()
            ),
            NATIONALITIES_CACHE_SECONDS,
        )
        return sorted(((code, countries.name(code)) for code in codes), key=lambda c: c[1])

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(student_profile__nationality=self.value())
        return queryset


class AcademicYearFilter(admin.SimpleListFilter):
    title = _("academic year")
    parameter_name = "year"

    def lookups(self, request, model_admin):
        return [(str(year.pk), year.label) for year in AcademicYear.objects.all()]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(student_profile__academic_year_id=self.value())
        return queryset


WAITING_DAYS = [7, 14, 30, 60, 90]


class WaitingFilter(admin.SimpleListFilter):
    title = _("at the same step for")
    parameter_name = "waiting"

    def lookups(self, request, model_admin):
        return [
            (
                str(days),
                ngettext("more than %(days)s day", "more than %(days)s days", days)
                % {"days": days},
            )
            for days in WAITING_DAYS
        ]

    def queryset(self, request, queryset):
        if self.value() and self.value().isdigit():
            return queryset.filter(waiting_longer_than(int(self.value())))
        return queryset


class DocumentsToReviewFilter(admin.SimpleListFilter):
    title = _("documents to review")
    parameter_name = "to_review"

    def lookups(self, request, model_admin):
        return [("yes", _("Some waiting for review")), ("no", _("None waiting"))]

    def queryset(self, request, queryset):
        # A semi-join (EXISTS) rather than the count annotation: fast on a large cohort.
        waiting = Document.objects.filter(
            owner=OuterRef("pk"), current_version__status=VersionStatus.PENDING
        )
        if self.value() == "yes":
            return queryset.filter(Exists(waiting))
        if self.value() == "no":
            return queryset.filter(~Exists(waiting))
        return queryset


class StuckFilter(admin.SimpleListFilter):
    """Past the threshold staff set for the step (Stuck-file thresholds)."""

    title = _("stuck")
    parameter_name = "stuck"

    def lookups(self, request, model_admin):
        return [("yes", _("Stuck past the step's threshold"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(stuck())
        return queryset


class UnreadMessagesFilter(admin.SimpleListFilter):
    title = _("messages")
    parameter_name = "unread"

    def lookups(self, request, model_admin):
        return [("yes", _("Unread messages from the student"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            unread = Message.objects.filter(
                student=OuterRef("pk"), side=Side.STUDENT, read_at__isnull=True
            )
            return queryset.filter(Exists(unread))
        return queryset
