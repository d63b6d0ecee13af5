"""Reads for the student's pages, in a fixed number of queries whatever the file's size."""

import statistics
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import F, Min, Q
from django.utils import timezone
from django.utils.functional import Promise

from accounts.models import User
from portal.cache import get_or_compute
from students import lifecycle, nir, staff_activity
from students.models import (
    AcademicYear,
    ActorRole,
    EventKind,
    Registration,
    RegistrationEvent,
    ReimbursementTask,
    ReimbursementTaskKind,
    RequestedDocument,
    Status,
    StepThreshold,
    StudentProfile,
)
from students.nir_profile import Mismatch, disagreements
from students.paths import REGISTERING_PATHS, Path, PathDecision, StudentFacts, route
from students.tracker import Action, Step, TaskStatus, days_between, steps_for

# Medians are shown only from this many past cases: fewer would mislead and could
# point at one identifiable student.
MIN_PAST_CASES = 5
DASHBOARD_TIMELINE_LINES = 30
EHIC_WARNING_DAYS = 30

# Which two events bound each tracker step, for the waiting times.
STEP_SPANS = {
    "provisional": (EventKind.SUBMITTED, EventKind.PROVISIONAL_NUMBER),
    "documents": (EventKind.PROVISIONAL_NUMBER, EventKind.VALIDATED),
    "definitive": (EventKind.VALIDATED, EventKind.DEFINITIVE_NUMBER),
    "carte_vitale": (EventKind.CARTE_VITALE_ORDERED, EventKind.CARTE_VITALE_RECEIVED),
}


def facts_from_profile(profile: StudentProfile) -> StudentFacts:
    """What the path router needs, read from the profile."""
    return StudentFacts(
        # CountryField values are Country objects; str() is their code ("" when empty).
        nationality=str(profile.nationality or ""),
        country_of_birth=str(profile.country_of_birth or ""),
        academic_year_start=profile.academic_year_start,
        academic_year_end=profile.academic_year_end,
        stay_at_least_3_months=profile.stays_at_least_3_months,
        already_registered=profile.already_registered,
        ehic_held=profile.ehic_held,
        ehic_expiry=profile.ehic_expiry,
        quebec_resident=profile.quebec_resident,
        date_of_birth=profile.date_of_birth,
    )


def path_for_profile(profile: StudentProfile) -> PathDecision:
    """The student's path and the edge cases that apply to it."""
    return route(facts_from_profile(profile))


@dataclass(frozen=True)
class StepTiming:
    median_days: float
    cases: int


# The durations change only when a registration moves on, and a median over thousands of
# cases moves by a day at most: they are read from the shared cache, refreshed this often.
STEP_DURATIONS_CACHE_KEY = "students:step-durations:v1"
STEP_DURATIONS_CACHE_SECONDS = 15 * 60

Histogram = dict[int, int]  # days the step took → how many registrations took that long


def _first_event_dates(events) -> list[dict[str, date | None]]:
    """For each registration among `events`, the first date of each bounding event kind."""
    kinds = sorted({kind for span in STEP_SPANS.values() for kind in span})
    aliases = {kind: f"first_{index}" for index, kind in enumerate(kinds)}
    rows = (
        events.filter(kind__in=kinds)
        .values("registration_id")
        .annotate(
            **{alias: Min("occurred_on", filter=Q(kind=kind)) for kind, alias in aliases.items()}
        )
        .values_list(*aliases.values())
    )
    return [dict(zip(aliases.keys(), row, strict=True)) for row in rows]


def _durations(first: dict[str, date | None]) -> dict[str, int]:
    found = {}
    for step, (start_kind, end_kind) in STEP_SPANS.items():
        start, end = first[start_kind], first[end_kind]
        if start is not None and end is not None and end >= start:
            found[step] = (end - start).days
    return found


def step_durations() -> dict[str, Histogram]:
    """How long each step took, over every registration, as histograms (from the cache).

    Computed by one grouped query when the cache has none.
    """

    def compute() -> dict[str, Histogram]:
        histograms: dict[str, Histogram] = {step: {} for step in STEP_SPANS}
        for first in _first_event_dates(RegistrationEvent.objects.all()):
            for step, days in _durations(first).items():
                histograms[step][days] = histograms[step].get(days, 0) + 1
        return histograms

    return get_or_compute(STEP_DURATIONS_CACHE_KEY, compute, STEP_DURATIONS_CACHE_SECONDS)


def _median(histogram: Histogram) -> float:
    ordered = sorted((days, count) for days, count in histogram.items() if count > 0)
    total = sum(count for _days, count in ordered)
    wanted = [(total - 1) // 2, total // 2]  # the middle one, or the middle two
    found, seen = [], 0
    for days, count in ordered:
        while wanted and wanted[0] < seen + count:
            found.append(days)
            wanted.pop(0)
        seen += count
    return statistics.mean(found)


def step_medians(*, excluding_student: User | None = None) -> dict[str, StepTiming]:
    """Median days each step took for past registrations, only where enough cases exist.

    The student's own registrations are taken out of the (cached) histograms: one small
    query on their events.
    """
    histograms = {step: dict(counts) for step, counts in step_durations().items()}
    if excluding_student is not None:
        own = RegistrationEvent.objects.filter(registration__student=excluding_student)
        for first in _first_event_dates(own):
            for step, days in _durations(first).items():
                if histograms[step].get(days):
                    histograms[step][days] -= 1
    timings = {}
    for step, histogram in histograms.items():
        cases = sum(histogram.values())
        if cases >= MIN_PAST_CASES:
            timings[step] = StepTiming(median_days=_median(histogram), cases=cases)
    return timings


@dataclass
class TimelineLine:
    event: RegistrationEvent
    documents: list[str] = field(default_factory=list)
    path_from: str | Promise = ""
    path_to: str | Promise = ""
    task: str | Promise = ""
    undone: str | Promise = ""


def timeline_lines(events: list[RegistrationEvent]) -> list[TimelineLine]:
    document_labels = dict(RequestedDocument.choices)
    path_labels = dict(Path.choices)
    task_labels = dict(ReimbursementTaskKind.choices)
    kind_labels = dict(EventKind.choices)
    lines = []
    for event in events:
        data = event.data or {}
        lines.append(
            TimelineLine(
                event=event,
                documents=[document_labels.get(d, d) for d in data.get("documents", [])],
                path_from=path_labels.get(data.get("from", ""), ""),
                path_to=path_labels.get(data.get("to") or data.get("path", ""), ""),
                task=task_labels.get(data.get("task", ""), ""),
                undone=kind_labels.get(data.get("kind", ""), "")
                if event.kind == EventKind.STEP_UNDONE
                else "",
            )
        )
    return lines


def _step_started_on(
    step: Step, registration: Registration, events: list[RegistrationEvent]
) -> date | None:
    if step.key == "carte_vitale" and registration.carte_vitale_ordered_on:
        return registration.carte_vitale_ordered_on
    return _status_started_on(registration, events)


def _status_started_on(registration: Registration, events: list[RegistrationEvent]) -> date | None:
    """The day the registration entered its status, from the lines already read."""
    if registration.status == Status.NOT_STARTED:
        return timezone.localtime(registration.created_at).date()
    # events are newest first: the latest entry into the current status.
    for event in events:
        if event.to_status == registration.status and event.from_status != event.to_status:
            return event.occurred_on
    return None


@dataclass
class ReimbursementItem:
    kind: str
    label: str | Promise
    done_on: date | None


@dataclass
class Dashboard:
    profile: StudentProfile | None
    registration: Registration | None = None
    decision: PathDecision | None = None
    steps: list[Step] = field(default_factory=list)
    current: Step | None = None
    next_actions: list[Action] = field(default_factory=list)
    events: list[RegistrationEvent] = field(default_factory=list)
    student: User | None = None
    timeline: list[TimelineLine] = field(default_factory=list)
    timeline_has_more: bool = False
    reimbursement: list[ReimbursementItem] = field(default_factory=list)
    today: date | None = None
    # The one action "What to do next" names (students/lifecycle.py), and the other reports
    # possible at this moment, offered as plain links.
    next: lifecycle.NextAction | None = None
    other_actions: list[Action] = field(default_factory=list)
    undoable: RegistrationEvent | None = None
    # The latest path change, told on the path card with what it changes.
    path_change: TimelineLine | None = None
    # At its step past the step's threshold (the office sees it as stuck too).
    stuck: bool = False

    @property
    def registering_on_a_path_without_registration(self) -> bool:
        """Started registering, then the path changed to one that does not register."""
        return (
            self.registration is not None
            and self.registration.path not in REGISTERING_PATHS
            and self.registration.status != Status.NOT_STARTED
        )

    @property
    def shows_tracker(self) -> bool:
        # A student who started registering keeps seeing their progress even if a later
        # change of profile (say, an EHIC) means they no longer need to.
        return self.registration is not None and (
            self.registration.path in REGISTERING_PATHS
            or self.registration.status != Status.NOT_STARTED
        )

    @property
    def ehic_days_left(self) -> int | None:
        if self.profile is None or not self.profile.ehic_held or not self.profile.ehic_expiry:
            return None
        return (self.profile.ehic_expiry - (self.today or timezone.localdate())).days

    @property
    def ehic_warning(self) -> bool:
        days = self.ehic_days_left
        if days is None or self.profile is None or self.profile.ehic_expiry is None:
            return False
        return (
            days <= EHIC_WARNING_DAYS or self.profile.ehic_expiry < self.profile.academic_year_end
        )

    @property
    def all_done(self) -> bool:
        return bool(self.steps) and self.current is None


REIMBURSEMENT_BY_PATH: dict[str, list[ReimbursementTaskKind]] = {
    # Declaring a GP and the CSS need French affiliation; an EHIC holder is insured at home.
    Path.EU_WITH_EHIC: [
        ReimbursementTaskKind.SECTOR_1,
        ReimbursementTaskKind.CAMPUS_HEALTH_SERVICE,
    ],
    Path.SHORT_STAY: [ReimbursementTaskKind.CAMPUS_HEALTH_SERVICE],
}


def dashboard_for_student(student: User) -> Dashboard:
    """Everything the dashboard shows, in at most six queries however long the timeline."""
    today = timezone.localdate()
    profile = StudentProfile.objects.filter(user=student).first()
    if profile is None:
        return Dashboard(profile=None, today=today)
    registration = (
        Registration.objects.filter(student=student, academic_year_id=profile.academic_year_id)
        .select_related("academic_year")
        .first()
    )
    dashboard = Dashboard(profile=profile, registration=registration, today=today, student=student)
    dashboard.decision = path_for_profile(profile)
    if registration is None:
        return dashboard

    # The newest lines only (ticking a task on and off adds lines without end); the whole
    # timeline has its own, paginated, page.
    events = list(timeline_events(registration)[: DASHBOARD_TIMELINE_LINES + 1])
    dashboard.timeline_has_more = len(events) > DASHBOARD_TIMELINE_LINES
    events = events[:DASHBOARD_TIMELINE_LINES]
    dashboard.timeline = timeline_lines(events)
    dashboard.path_change = next(
        (line for line in dashboard.timeline if line.event.kind == EventKind.PATH_CHANGED), None
    )
    path = registration.path
    tasks = REIMBURSEMENT_BY_PATH.get(path, list(ReimbursementTaskKind))
    done = dict(
        ReimbursementTask.objects.filter(student=student).values_list("task", "completed_on")
    )
    dashboard.reimbursement = [
        ReimbursementItem(
            kind=task, label=ReimbursementTaskKind(task).label, done_on=done.get(task)
        )
        for task in tasks
    ]
    dashboard.events = events
    return dashboard


# Which step of the task list each action of the journey belongs to.
_STEP_OF_ACTION = {
    lifecycle.PREPARE_DOCUMENTS.key: "prepare",
    lifecycle.REGISTER_ONLINE.key: "register",
    lifecycle.QUEBEC_TAKE_FORM.key: "register",
    lifecycle.RECORD_PROVISIONAL.key: "provisional",
    lifecycle.WAIT_FOR_VALIDATION.key: "documents",
    lifecycle.SEND_MISSING.key: "documents",
    lifecycle.RECORD_DEFINITIVE.key: "definitive",
    lifecycle.CREATE_AMELI.key: "ameli",
    lifecycle.ORDER_CARD.key: "carte_vitale",
    lifecycle.WAIT_FOR_CARD.key: "carte_vitale",
}


def progress_of(
    registration: Registration | None, *, has_profile: bool = True, documents_ready: bool = False
) -> lifecycle.Progress:
    """Where the student stands, as the plain values the journey reads."""
    if registration is None:
        return lifecycle.Progress(path=Path.NON_EU, has_profile=False)
    return lifecycle.Progress(
        path=registration.path,
        has_profile=has_profile,
        status=registration.status,
        documents_ready=documents_ready,
        registering_anyway=registration.registering_anyway_on is not None,
        ameli_account_on=registration.ameli_account_created_on,
        carte_vitale_ordered_on=registration.carte_vitale_ordered_on,
        carte_vitale_received_on=registration.carte_vitale_received_on,
    )


def dashboard_journey(
    dashboard: Dashboard, *, documents_ready: bool, documents_problem: bool = False
) -> Dashboard:
    """Add what to do next and the step tracker, once the documents' state is known.

    The documents app knows whether every document the path asks for is accepted; the
    view passes that in (this app sits below documents and does not import it).
    """
    registration = dashboard.registration
    if registration is None:
        return dashboard
    dashboard.next = lifecycle.next_action(
        progress_of(registration, documents_ready=documents_ready)
    )
    # From the lines already read (the newest ones): no query of its own.
    dashboard.undoable = undoable_among(dashboard.events, student_id=registration.student_id)
    if not dashboard.shows_tracker:
        return dashboard

    dashboard.steps = steps_for(
        registration, documents_ready=documents_ready, documents_problem=documents_problem
    )
    current_key = _STEP_OF_ACTION.get(dashboard.next.key)
    dashboard.current = next((step for step in dashboard.steps if step.key == current_key), None)
    primary = dashboard.next.step
    if dashboard.next.key in (lifecycle.PREPARE_DOCUMENTS.key, lifecycle.EHIC_DOCUMENTS.key):
        # Registering before the checks is its own explicit choice, offered beside it.
        primary = lifecycle.SUBMITTED
    dashboard.other_actions = [
        action
        for step in dashboard.steps
        if step.is_open
        for action in step.actions
        if primary is None or action.key != primary.key
    ]
    dashboard.next_actions = dashboard.other_actions
    timings = step_medians(excluding_student=dashboard.student)
    events = dashboard.events
    today = dashboard.today or timezone.localdate()
    for step in dashboard.steps:
        timing = timings.get(step.key)
        if timing is not None:
            step.median_days = timing.median_days
            step.past_cases = timing.cases
        if (
            step.is_open
            and step.key != "prepare"
            and (step is dashboard.current or step.status == TaskStatus.WAITING)
        ):
            started = _step_started_on(step, registration, events)
            if started is None and dashboard.timeline_has_more:
                started = _status_entered_on(registration)
            step.days_in_step = days_between(started, today)
    # "There is a problem" only for a rejected document (above) or a file stuck past its
    # step's threshold; a request for documents from the CPAM is a normal step.
    entered = _status_started_on(registration, events)
    if entered is None and dashboard.timeline_has_more:
        entered = _status_entered_on(registration)
    dashboard.stuck = dashboard.current is not None and is_stuck(
        registration, days_in_step=days_between(entered, today)
    )
    if dashboard.stuck and dashboard.current is not None:
        dashboard.current.status = TaskStatus.PROBLEM
    return dashboard


def stuck_thresholds() -> dict[str, int]:
    """Days at a step after which a file counts as stuck, by status (only steps that have
    one). Staff set them in the admin; the office's stuck filter and the student's task list
    both read them here."""
    return dict(StepThreshold.objects.values_list("status", "days"))


def is_stuck(registration: Registration, *, days_in_step: int | None) -> bool:
    """Whether a registering file has been at its step past the step's threshold."""
    if (
        days_in_step is None
        or registration.path not in REGISTERING_PATHS
        or registration.status == Status.DEFINITIVE_NUMBER  # nothing is pending any more
    ):
        return False
    limit = stuck_thresholds().get(registration.status)
    return limit is not None and days_in_step > limit


UNDO_DAYS = 14


def undoable_among(events: list[RegistrationEvent], *, student_id: int) -> RegistrationEvent | None:
    """Of a registration's events, the student's own latest report if they may still undo
    it: within 14 days, the latest step on the file, and nobody from the office has acted
    on the file since (a step, a document reviewed, a message: students/staff_activity)."""
    ordered = sorted(events, key=lambda event: (event.created_at, event.pk), reverse=True)
    corrections = {*lifecycle.BY_EVENT, EventKind.STEP_UNDONE, EventKind.MOVED_BACK}
    latest = next((event for event in ordered if event.kind in corrections), None)
    if latest is None or latest.kind not in lifecycle.BY_EVENT:
        return None
    if latest.actor_id != student_id or latest.actor_role != ActorRole.STUDENT:
        return None
    if timezone.now() - latest.created_at > timedelta(days=UNDO_DAYS):
        return None
    if any(
        event.actor_role == ActorRole.STAFF and event.created_at > latest.created_at
        for event in ordered
    ):
        return None
    # Beyond the timeline: a review of one of their documents, a message from the office.
    if staff_activity.office_acted_since(student_id=student_id, since=latest.created_at):
        return None
    return latest


def undoable_report(registration: Registration, *, student: User) -> RegistrationEvent | None:
    """The report the student may undo now, if any (see undoable_among)."""
    since = timezone.now() - timedelta(days=UNDO_DAYS)
    recent = list(registration.events.filter(created_at__gte=since))
    if not recent:
        return None
    # The latest step may be older than the window: then nothing is undoable.
    latest_step = (
        registration.events.filter(
            kind__in=[*lifecycle.BY_EVENT, EventKind.STEP_UNDONE, EventKind.MOVED_BACK]
        )
        .order_by("-created_at", "-id")
        .first()
    )
    if latest_step is None or latest_step not in recent:
        return None
    return undoable_among(recent, student_id=student.pk)


def current_registration(student: User) -> Registration | None:
    """The student's registration for the academic year of their profile, if any."""
    profile = StudentProfile.objects.filter(user=student).only("academic_year_id").first()
    if profile is None:
        return None
    return Registration.objects.filter(
        student=student, academic_year_id=profile.academic_year_id
    ).first()


def timeline_events(registration: Registration):
    """The registration's events, newest first (the order the timeline shows them in)."""
    return RegistrationEvent.objects.filter(registration=registration).order_by(
        "-occurred_on", "-created_at", "-id"
    )


def _status_entered_on(registration: Registration) -> date | None:
    """When the registration last entered its current status (beyond the lines shown)."""
    return (
        timeline_events(registration)
        .filter(to_status=registration.status)
        .exclude(from_status=F("to_status"))
        .values_list("occurred_on", flat=True)
        .first()
    )


def current_academic_year() -> AcademicYear | None:
    """The year staff marked as current: the public checker judges an EHIC against it."""
    return AcademicYear.objects.filter(is_current=True).first()


@dataclass(frozen=True)
class NumberCheck:
    """One recorded number and where it disagrees with the profile."""

    kind: nir.NumberKind
    mismatches: list[Mismatch]

    @property
    def is_provisional(self) -> bool:
        return self.kind == nir.NumberKind.PROVISIONAL


def number_checks(
    registration: Registration | None, profile: StudentProfile | None = None
) -> list[NumberCheck]:
    """The recorded numbers that disagree with the profile (none when all agree).

    Pass the profile when the caller has it, to save a query.
    """
    if registration is None:
        return []
    if profile is None:
        profile = StudentProfile.objects.filter(user_id=registration.student_id).first()
    if profile is None:
        return []
    checks = []
    for kind, number in (
        (nir.NumberKind.DEFINITIVE, registration.definitive_number),
        (nir.NumberKind.PROVISIONAL, registration.provisional_number),
    ):
        if not number:
            continue
        found = disagreements(
            number,
            date_of_birth=profile.date_of_birth,
            country_of_birth=str(profile.country_of_birth or ""),
            sex=profile.sex,
        )
        if found:
            checks.append(NumberCheck(kind, found))
    return checks


def number_disagreement_flag(checks: list[NumberCheck]) -> str:
    """The stored flag: the kinds of disagreement, comma-separated, in a fixed order."""
    kinds = {mismatch.kind for check in checks for mismatch in check.mismatches}
    return ",".join(sorted(kinds))
