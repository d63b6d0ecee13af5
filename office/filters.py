"""Filters of the students' list. They work on the annotations of
`office.selectors.students_for_office()` (path, step, step_since, documents_waiting…)."""

import functools

from django.contrib import admin, messages
from django.db.models import Exists, OuterRef, Q
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_countries import countries

from documents.models import Document, VersionStatus
from messaging.models import Message, Side
from office.selectors import stuck, waiting_longer_than
from portal.cache import get_or_compute
from students import lifecycle
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


# Step badges of the list, short enough for one line (the file shows the full names).
SHORT_STEP_LABELS = lifecycle.short_status_labels()


class CheckedFilter(admin.SimpleListFilter):
    """A filter whose value must be one of its own choices (issue 15, item 8).

    A hand-typed or stale address (?year=abc, ?waiting=99999999999999999999999) is ignored
    with a message naming the filter, instead of reaching the database and answering 500.
    """

    # Values accepted besides the listed choices (e.g. the default's explicit "all").
    extra_values: tuple[str, ...] = ()

    def __init__(self, request, params, model, model_admin):
        self._request = request
        self._warned = False
        super().__init__(request, params, model, model_admin)

    def value(self):
        value = super().value()
        if value is None:
            return None
        allowed = {str(lookup) for lookup, _title in self.lookup_choices}
        if value in allowed or value in self.extra_values:
            return value
        if not self._warned:
            self._warned = True
            messages.warning(
                self._request,
                _("The filter “%(filter)s” was ignored: its value is not one of its choices.")
                % {"filter": self.title},
            )
        return None


class PathFilter(CheckedFilter):
    title = _("path")
    parameter_name = "path"

    def lookups(self, request, model_admin):
        return [(path, SHORT_PATH_LABELS[path]) for path in Path.values]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(path=self.value())
        return queryset


class StepFilter(CheckedFilter):
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


@functools.lru_cache(maxsize=32)
def _by_name(language: str, codes: tuple[str, ...]) -> list[tuple[str, str]]:
    # Sorting forty names in the reader's language on each view of the list: once per
    # language and set of nationalities instead.
    return sorted(((code, str(countries.name(code))) for code in codes), key=lambda c: c[1])


class NationalityFilter(CheckedFilter):
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
        return _by_name(translation.get_language(), tuple(codes))

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(student_profile__nationality=self.value())
        return queryset


ALL_YEARS = "all"


def current_year_pk() -> str | None:
    pk = AcademicYear.objects.filter(is_current=True).values_list("pk", flat=True).first()
    return str(pk) if pk is not None else None


class AcademicYearFilter(CheckedFilter):
    """The current academic year unless another (or all) is chosen: a bulk reminder sent
    from the list must not reach last year's finished students by default."""

    title = _("academic year")
    parameter_name = "year"

    def lookups(self, request, model_admin):
        years = list(AcademicYear.objects.all())
        self._current = next((str(year.pk) for year in years if year.is_current), None)
        return [(ALL_YEARS, _("All years"))] + [(str(year.pk), year.label) for year in years]

    def effective_value(self) -> str | None:
        value = self.value()
        return self._current if value is None else value

    def has_output(self):
        return True

    def choices(self, changelist):
        chosen = self.effective_value()
        for lookup, title in self.lookup_choices:
            yield {
                "selected": chosen == lookup,
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": title,
            }

    def queryset(self, request, queryset):
        value = self.effective_value()
        if not value or value == ALL_YEARS:
            return queryset
        in_year = Q(student_profile__academic_year_id=value)
        if value == self._current:
            # Who signed up but has not told us about themselves yet is this year's too.
            in_year |= Q(student_profile__isnull=True)
        return queryset.filter(in_year)


class NumberDisagreementFilter(CheckedFilter):
    """Students whose recorded number disagrees with their profile (students/nir_profile)."""

    title = _("number and profile")
    parameter_name = "number_check"

    def lookups(self, request, model_admin):
        return [("disagree", _("Number and profile disagree"))]

    def queryset(self, request, queryset):
        if self.value() == "disagree":
            return queryset.exclude(number_disagreements="").exclude(
                number_disagreements__isnull=True
            )
        return queryset


WAITING_DAYS = [7, 14, 30, 60, 90]


class WaitingFilter(CheckedFilter):
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


class DocumentsToReviewFilter(CheckedFilter):
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


class StuckFilter(CheckedFilter):
    """Past the threshold staff set for the step (Stuck-file thresholds)."""

    title = _("stuck")
    parameter_name = "stuck"

    def lookups(self, request, model_admin):
        return [("yes", _("Stuck past the step's threshold"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(stuck())
        return queryset


class UnreadMessagesFilter(CheckedFilter):
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
