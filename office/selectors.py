"""Reads for the staff workplace: the students' list, stuck files, the dashboard's figures.

Every figure comes from a fixed number of queries, whatever the number of students: the
list is one query (joins and correlated subqueries) plus its count; the dashboard a handful
of grouped queries. Everything here runs the same on PostgreSQL and SQLite.
"""

import functools
import statistics
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from django.db.models import (
    Count,
    DateTimeField,
    F,
    FilteredRelation,
    Max,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce, Greatest, TruncDate
from django.utils import timezone
from django.utils.text import smart_split, unescape_string_literal

from accounts.models import User
from documents.models import Document, DocumentVersion, VersionStatus
from documents.selectors import document_tasks, versions_waiting_for_review
from messaging.models import Message
from messaging.selectors import unread_by_office_subquery, unread_by_office_total
from office.models import Student
from portal.cache import get_or_compute
from students.models import (
    AcademicYear,
    EventKind,
    Registration,
    RegistrationEvent,
    RequestedDocument,
    Status,
    StudentProfile,
)
from students.nir import NumberKind
from students.paths import REGISTERING_PATHS, Path
from students.selectors import stuck_thresholds

# Stands in for "never" so that Greatest() ignores a missing date on every database
# (PostgreSQL's GREATEST skips NULLs, SQLite's MAX returns NULL).
NEVER = datetime(2000, 1, 1, tzinfo=UTC)

# The steps a file can wait at: once the definitive number is there, nothing is pending.
WAITING_STATUSES = [status for status in Status.values if status != Status.DEFINITIVE_NUMBER]


def _step_since():
    """The day the current registration entered its step (its creation for "not started")."""
    entered = (
        RegistrationEvent.objects.filter(registration_id=OuterRef("registration_id"))
        .filter(to_status=OuterRef("step"))
        .exclude(from_status=F("to_status"))
        .order_by("-occurred_on", "-created_at", "-id")
        .values("occurred_on")[:1]
    )
    return Coalesce(Subquery(entered), TruncDate("current__created_at"))


def _count(queryset, owner_field: str):
    counts = (
        queryset.filter(**{owner_field: OuterRef("pk")})
        .order_by()
        .values(owner_field)
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Coalesce(Subquery(counts), 0)


def _latest(queryset, owner_field: str, date_field: str):
    latest = (
        queryset.filter(**{owner_field: OuterRef("pk")})
        .order_by()
        .values(owner_field)
        .annotate(latest=Max(date_field))
        .values("latest")
    )
    return Coalesce(Subquery(latest), Value(NEVER), output_field=DateTimeField())


def students_for_office() -> QuerySet[Student]:
    """Students with their current registration (the one of their profile's academic year)
    and what the office sorts and filters on, in one query.

    The query is built once per process and each caller gets its own copy: building its
    annotations cost 3.6 ms of Python on every view of the list, a copy 0.01 ms (issue 15,
    item 9). Nothing in it depends on the request or the day (the time zone is applied when
    the query is compiled).
    """
    return _students_for_office().all()


@functools.cache
def _students_for_office() -> QuerySet[Student]:
    pending = Document.objects.filter(current_version__status=VersionStatus.PENDING)
    return (
        Student.objects.select_related("student_profile")
        .annotate(
            current=FilteredRelation(
                "registrations",
                condition=Q(registrations__academic_year=F("student_profile__academic_year")),
            )
        )
        .annotate(
            registration_id=F("current__id"),
            registration_uuid=F("current__uuid"),
            step=F("current__status"),
            path=F("current__path"),
            number_disagreements=F("current__number_disagreements"),
            carte_vitale_received_on=F("current__carte_vitale_received_on"),
        )
        .annotate(
            step_since=_step_since(),
            documents_waiting=_count(pending, "owner"),
            unread_messages=unread_by_office_subquery(),
            last_activity=Greatest(
                _latest(RegistrationEvent.objects.all(), "registration__student", "created_at"),
                _latest(DocumentVersion.objects.all(), "document__owner", "uploaded_at"),
                _latest(Message.objects.all(), "student", "created_at"),
                Coalesce("student_profile__updated_at", Value(NEVER), output_field=DateTimeField()),
            ),
        )
    )


def people_matching(word: str) -> QuerySet:
    """Ids of the people whose surname, given names or e-mail address contain `word`.

    What the admin's search does with these fields, written as a union of one query per
    table: PostgreSQL answers each part from a trigram index (migrations students 0003 and
    accounts 0003), where an OR across the joined tables makes it read both tables whole.
    """
    names = StudentProfile.objects.filter(
        Q(legal_surname__icontains=word) | Q(legal_given_names__icontains=word)
    ).values("user_id")
    emails = User.objects.filter(email__icontains=word).values("pk")
    # UNION ALL: the caller asks `pk IN (…)`, which ignores repeats; no need to remove them.
    return names.union(emails, all=True)


def search_people(queryset: QuerySet, term: str, *, person: str = "pk") -> QuerySet:
    """`queryset` narrowed to the people (at `person`) matching every word of `term`, the
    admin's way: words split on spaces, quoted phrases kept whole."""
    for word in smart_split(term):
        if word[0] in "\"'" and word[-1] == word[0]:
            word = unescape_string_literal(word)
        if word:
            queryset = queryset.filter(**{f"{person}__in": people_matching(word)})
    return queryset


def thresholds() -> dict[str, int]:
    """Days after which a file counts as stuck, by step: the students' own table, which the
    student's task list reads too (one place)."""
    return stuck_thresholds()


def waiting_longer_than(days: int, *, today: date | None = None) -> Q:
    """On `students_for_office()`: files in progress at the same step for more than `days`."""
    today = today or timezone.localdate()
    return Q(
        path__in=REGISTERING_PATHS,
        step__in=WAITING_STATUSES,
        step_since__lt=today - timedelta(days=days),
    )


def stuck(*, limits: dict[str, int] | None = None, today: date | None = None) -> Q:
    """On `students_for_office()` (or registrations annotated alike): past the step's limit."""
    today = today or timezone.localdate()
    limits = thresholds() if limits is None else limits
    condition = Q(pk__in=[])
    for status, days in limits.items():
        if status in WAITING_STATUSES:
            condition |= Q(step=status, step_since__lt=today - timedelta(days=days))
    return condition & Q(path__in=REGISTERING_PATHS)


def registrations_with_step_since(year: AcademicYear) -> QuerySet[Registration]:
    """A year's registrations with the day each entered its current step (one query)."""
    entered = (
        RegistrationEvent.objects.filter(registration=OuterRef("pk"), to_status=OuterRef("status"))
        .exclude(from_status=F("to_status"))
        .order_by("-occurred_on", "-created_at", "-id")
        .values("occurred_on")[:1]
    )
    return Registration.objects.filter(academic_year=year).annotate(
        step=F("status"),
        step_since=Coalesce(Subquery(entered), TruncDate("created_at")),
    )


@dataclass(frozen=True)
class TimelineLine:
    event: RegistrationEvent
    details: list[str]


def timeline_for(registration_id: int | None) -> list[TimelineLine]:
    """A registration's events, newest first, with the documents or path they name."""
    if registration_id is None:
        return []
    labels = {**dict(RequestedDocument.choices), **dict(Path.choices)}
    lines = []
    for event in (
        RegistrationEvent.objects.filter(registration_id=registration_id)
        .select_related("actor")
        .order_by("-occurred_on", "-created_at", "-id")
    ):
        data = event.data or {}
        details = [labels.get(item, item) for item in data.get("documents", [])]
        if data.get("path"):
            details.append(labels.get(data["path"], data["path"]))
        if data.get("from") or data.get("to"):
            old, new = data.get("from", ""), data.get("to", "")
            details.append(f"{labels.get(old, old)} → {labels.get(new, new)}")
        if event.kind == EventKind.MOVED_BACK:
            details.append(f"{event.get_from_status_display()} → {event.get_to_status_display()}")
        if event.kind == EventKind.NUMBER_CORRECTED and data.get("number") in NumberKind.values:
            details.append(str(NumberKind(data["number"]).label))
        lines.append(TimelineLine(event, details))
    return lines


# --- Dashboard -----------------------------------------------------------------------


@dataclass(frozen=True)
class Median:
    days: float | None
    cases: int


@dataclass
class Dashboard:
    year: AcademicYear | None
    paths: list[tuple[str, str]] = field(default_factory=list)
    steps: list[tuple[str, str]] = field(default_factory=list)
    # counts[path][status]
    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    total_students: int = 0
    documents_waiting: int = 0
    oldest_waiting_since: datetime | None = None
    # Medians for this year's registrations, and for every year's.
    submitted_to_provisional: Median = Median(None, 0)
    provisional_to_definitive: Median = Median(None, 0)
    submitted_to_provisional_all_years: Median = Median(None, 0)
    provisional_to_definitive_all_years: Median = Median(None, 0)
    stuck_by_step: dict[str, int] = field(default_factory=dict)
    unread_messages: int = 0

    @property
    def oldest_wait_days(self) -> int | None:
        if self.oldest_waiting_since is None:
            return None
        return (timezone.localdate() - timezone.localtime(self.oldest_waiting_since).date()).days

    @property
    def stuck_total(self) -> int:
        return sum(self.stuck_by_step.values())

    @property
    def rows(self) -> list[tuple[str, list[int], int]]:
        """One row per path: its label, the count at each step, the path's total."""
        rows = []
        for path, label in self.paths:
            counts = [self.counts.get(path, {}).get(status, 0) for status, _label in self.steps]
            rows.append((label, counts, sum(counts)))
        return rows

    @property
    def list_query(self) -> str:
        """The students' list of the same academic year as the figures (all years if none)."""
        return f"?year={self.year.pk}" if self.year else "?year=all"

    @property
    def table(self) -> list[tuple[str, str, list[tuple[str, int]], int]]:
        """The rows with what each count filters on, for links to the students' list:
        (path, label, [(step, count)…], total)."""
        steps = [status for status, _label in self.steps]
        return [
            (path, label, list(zip(steps, counts, strict=True)), total)
            for (path, _label), (label, counts, total) in zip(self.paths, self.rows, strict=True)
        ]

    @property
    def step_total_cells(self) -> list[tuple[str, int]]:
        return list(zip([status for status, _l in self.steps], self.step_totals, strict=True))

    @property
    def step_totals(self) -> list[int]:
        return [
            sum(self.counts.get(path, {}).get(status, 0) for path, _label in self.paths)
            for status, _label in self.steps
        ]


def median_days(start: EventKind, end: EventKind, *, year: AcademicYear | None = None) -> Median:
    """Median days between the first of two events, over the registrations (of one year, or
    of all years) that have both. One grouped query; the median is taken in Python, the same
    way on every database."""
    events = RegistrationEvent.objects.filter(kind__in=[start, end])
    if year is not None:
        events = events.filter(registration__academic_year=year)
    rows = (
        events.values("registration_id")
        .annotate(
            started=Min("occurred_on", filter=Q(kind=start)),
            ended=Min("occurred_on", filter=Q(kind=end)),
        )
        .filter(started__isnull=False, ended__isnull=False)
        .values_list("started", "ended")
    )
    days = [(ended - started).days for started, ended in rows if ended >= started]
    if not days:
        return Median(None, 0)
    return Median(statistics.median(days), len(days))


def current_year() -> AcademicYear | None:
    return AcademicYear.objects.filter(is_current=True).first()


# The medians and the stuck files read every registration (and its events) of the year:
# 0.8 s together at 100 000 students. They move slowly, so they are kept in the shared cache
# a few minutes; the counts, the documents waiting and the unread messages are read live.
SLOW_FIGURES_CACHE_SECONDS = 5 * 60


def _slow_figures(year: AcademicYear | None) -> dict:
    key = f"office:dashboard-slow-figures:{year.pk if year else '-'}"
    return get_or_compute(key, lambda: _compute_slow_figures(year), SLOW_FIGURES_CACHE_SECONDS)


def _compute_slow_figures(year: AcademicYear | None) -> dict:
    first_number = (EventKind.SUBMITTED, EventKind.PROVISIONAL_NUMBER)
    definitive = (EventKind.PROVISIONAL_NUMBER, EventKind.DEFINITIVE_NUMBER)
    figures = {
        "submitted_to_provisional_all_years": median_days(*first_number),
        "provisional_to_definitive_all_years": median_days(*definitive),
    }
    if year is not None:
        figures["submitted_to_provisional"] = median_days(*first_number, year=year)
        figures["provisional_to_definitive"] = median_days(*definitive, year=year)
        stuck_rows = (
            registrations_with_step_since(year)
            .filter(stuck())
            .values("status")
            .annotate(count=Count("pk"))
            .order_by()
        )
        figures["stuck_by_step"] = {row["status"]: row["count"] for row in stuck_rows}
    return figures


def office_dashboard(year: AcademicYear | None = None) -> Dashboard:
    """The admin index's figures for one academic year (the current one by default)."""
    year = year or current_year()
    dashboard = Dashboard(year=year)
    waiting = versions_waiting_for_review().aggregate(count=Count("pk"), oldest=Min("uploaded_at"))
    dashboard.documents_waiting = waiting["count"]
    dashboard.oldest_waiting_since = waiting["oldest"]
    dashboard.unread_messages = unread_by_office_total()
    for name, value in _slow_figures(year).items():
        setattr(dashboard, name, value)
    if year is None:
        return dashboard

    counts: dict[str, dict[str, int]] = {}
    for row in (
        Registration.objects.filter(academic_year=year)
        .values("path", "status")
        .annotate(count=Count("pk"))
        .order_by()
    ):
        counts.setdefault(row["path"], {})[row["status"]] = row["count"]
    dashboard.counts = counts
    dashboard.total_students = sum(sum(by_step.values()) for by_step in counts.values())
    dashboard.paths = [(path, label) for path, label in Path.choices if path in counts]
    dashboard.steps = list(Status.choices)
    return dashboard


def required_documents_for_file(student: User) -> list:
    """The documents this student's path and step require, each with its state.

    The single call the student's file makes for "what is missing and why". The list is
    documents/requirements.py's path × step rule (`required_document_kinds`, through the
    documents' task list, which adds each one's state), the one the student's own pages use.
    """
    return [task for task in document_tasks(student) if task.required]
