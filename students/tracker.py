"""The step tracker: the registration's state shown as a task list (pure, no database).

Statuses follow the GOV.UK task-list pattern, always in words. Each step links to the
guidance section that explains it; the actions a student can report for the current step
are listed with it.
"""

from dataclasses import dataclass, field
from datetime import date

from django.db import models
from django.utils.translation import gettext_lazy as _
from django_fsm import can_proceed

from students.models import Registration, Status
from students.paths import Path


class TaskStatus(models.TextChoices):
    NOT_STARTED = "not-started", _("Not started")
    IN_PROGRESS = "in-progress", _("In progress")
    WAITING = "waiting", _("Waiting for CPAM")
    COMPLETED = "completed", _("Completed")
    CANNOT_START = "cannot-start", _("Cannot start yet")
    PROBLEM = "problem", _("There is a problem")


@dataclass(frozen=True)
class Action:
    """Something the student reports from the dashboard, with its confirmation page."""

    key: str
    transition: str
    label: str

    @property
    def url_name(self) -> str:
        return f"students:{self.key}"

    def is_available(self, registration: Registration) -> bool:
        return can_proceed(getattr(registration, self.transition))


REPORT_SUBMITTED = Action(
    "report_submitted", "submit", _("I registered on the foreign-student site")
)
RECORD_PROVISIONAL_NUMBER = Action(
    "record_provisional_number",
    "receive_provisional_number",
    _("I received my provisional number"),
)
REPORT_MISSING_DOCUMENTS = Action(
    "report_missing_documents",
    "request_missing_documents",
    _("The CPAM asked for missing documents"),
)
REPORT_DOCUMENTS_SENT = Action("report_documents_sent", "send_documents", _("I sent them"))
REPORT_VALIDATED = Action("report_validated", "validate", _("My registration was validated"))
RECORD_DEFINITIVE_NUMBER = Action(
    "record_definitive_number",
    "receive_definitive_number",
    _("I received my definitive number"),
)
REPORT_AMELI_ACCOUNT = Action(
    "report_ameli_account", "create_ameli_account", _("I created my ameli account")
)
REPORT_CARTE_VITALE_ORDERED = Action(
    "report_carte_vitale_ordered", "order_carte_vitale", _("I ordered my Carte Vitale")
)
REPORT_CARTE_VITALE_RECEIVED = Action(
    "report_carte_vitale_received", "receive_carte_vitale", _("I received my Carte Vitale")
)

ACTIONS = {
    action.key: action
    for action in [
        REPORT_SUBMITTED,
        RECORD_PROVISIONAL_NUMBER,
        REPORT_MISSING_DOCUMENTS,
        REPORT_DOCUMENTS_SENT,
        REPORT_VALIDATED,
        RECORD_DEFINITIVE_NUMBER,
        REPORT_AMELI_ACCOUNT,
        REPORT_CARTE_VITALE_ORDERED,
        REPORT_CARTE_VITALE_RECEIVED,
    ]
}

# The order of the lifecycle, to tell "done" from "not yet" for each step.
_ORDER = [
    Status.NOT_STARTED,
    Status.SUBMITTED,
    Status.PROVISIONAL_NUMBER,
    Status.MISSING_DOCUMENTS,
    Status.DOCUMENTS_SENT,
    Status.VALIDATED,
    Status.DEFINITIVE_NUMBER,
]


def _reached(status: str, milestone: Status) -> bool:
    return _ORDER.index(status) >= _ORDER.index(milestone)


@dataclass(frozen=True)
class Guidance:
    slug: str
    anchor: str


@dataclass
class Step:
    key: str
    title: str
    status: TaskStatus
    guidance: Guidance | None
    actions: list[Action] = field(default_factory=list)
    # Filled in by the selector: days at this step and the usual time it takes.
    days_in_step: int | None = None
    median_days: float | None = None
    past_cases: int = 0

    @property
    def is_link(self) -> bool:
        return self.status != TaskStatus.CANNOT_START

    @property
    def is_open(self) -> bool:
        return self.status not in (TaskStatus.COMPLETED, TaskStatus.CANNOT_START)


OUTSIDE_EU = "register-outside-eu"


def _register_guidance(path: str) -> Guidance:
    if path == Path.EU_REGISTER:
        return Guidance("eu-students", "without-ehic")
    return Guidance(OUTSIDE_EU, "register")


def _status(*, done: bool, can_start: bool, waiting: bool = False) -> TaskStatus:
    if done:
        return TaskStatus.COMPLETED
    if not can_start:
        return TaskStatus.CANNOT_START
    return TaskStatus.WAITING if waiting else TaskStatus.NOT_STARTED


def steps_for(registration: Registration) -> list[Step]:
    """The registration's steps, in order, each with its status and available actions."""
    status = registration.status

    def available(*actions: Action) -> list[Action]:
        return [action for action in actions if action.is_available(registration)]

    steps = [
        Step(
            "register",
            _("Register on the official foreign-student site"),
            _status(done=_reached(status, Status.SUBMITTED), can_start=True),
            _register_guidance(registration.path),
            available(REPORT_SUBMITTED),
        ),
        Step(
            "provisional",
            _("Keep your provisional number and certificate"),
            _status(
                done=_reached(status, Status.PROVISIONAL_NUMBER),
                can_start=_reached(status, Status.SUBMITTED),
            ),
            Guidance(OUTSIDE_EU, "provisional-number"),
            available(RECORD_PROVISIONAL_NUMBER),
        ),
    ]

    if status == Status.MISSING_DOCUMENTS:
        documents_status = TaskStatus.PROBLEM
        documents_guidance = Guidance(OUTSIDE_EU, "missing-documents")
    else:
        documents_status = _status(
            done=_reached(status, Status.VALIDATED),
            can_start=_reached(status, Status.PROVISIONAL_NUMBER),
            waiting=True,
        )
        documents_guidance = Guidance(OUTSIDE_EU, "validation")
    steps.append(
        Step(
            "documents",
            _("The CPAM checks your documents"),
            documents_status,
            documents_guidance,
            available(REPORT_DOCUMENTS_SENT, REPORT_MISSING_DOCUMENTS, REPORT_VALIDATED),
        )
    )
    steps.append(
        Step(
            "definitive",
            _("Receive your definitive number"),
            _status(
                done=_reached(status, Status.DEFINITIVE_NUMBER),
                can_start=_reached(status, Status.VALIDATED),
                waiting=True,
            ),
            Guidance(OUTSIDE_EU, "definitive-number"),
            available(RECORD_DEFINITIVE_NUMBER),
        )
    )
    has_number = status == Status.DEFINITIVE_NUMBER
    steps.append(
        Step(
            "ameli",
            _("Create your ameli account"),
            _status(done=registration.ameli_account_created_on is not None, can_start=has_number),
            Guidance(OUTSIDE_EU, "ameli-account"),
            available(REPORT_AMELI_ACCOUNT),
        )
    )
    if registration.carte_vitale_received_on:
        card_status = TaskStatus.COMPLETED
    elif registration.carte_vitale_ordered_on:
        card_status = TaskStatus.WAITING
    else:
        card_status = _status(done=False, can_start=has_number)
    steps.append(
        Step(
            "carte_vitale",
            _("Get your Carte Vitale"),
            card_status,
            Guidance(OUTSIDE_EU, "carte-vitale"),
            available(REPORT_CARTE_VITALE_ORDERED, REPORT_CARTE_VITALE_RECEIVED),
        )
    )
    # A step the student has to act on is "in progress" once the one before it is done.
    for step in steps:
        if step.key == "provisional" and step.status == TaskStatus.NOT_STARTED:
            step.status = TaskStatus.IN_PROGRESS
    return steps


def current_step(steps: list[Step]) -> Step | None:
    """The first step that is neither completed nor blocked: what to do next."""
    return next((step for step in steps if step.is_open), None)


def days_between(start: date | None, end: date) -> int | None:
    return None if start is None else max((end - start).days, 0)
