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

from students import lifecycle
from students.lifecycle import Guidance, LifecycleStep
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
    """A lifecycle step the student can report now, with its confirmation page."""

    step: LifecycleStep

    @property
    def key(self) -> str:
        return self.step.key

    @property
    def label(self):
        return self.step.label

    @property
    def url_name(self) -> str:
        return self.step.url_name

    def is_available(self, registration: Registration) -> bool:
        return can_proceed(getattr(registration, self.step.transition))


ACTIONS = {step.key: Action(step) for step in lifecycle.STEPS}


def _reached(status: str, milestone: Status) -> bool:
    return lifecycle.reached(status, milestone)


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


def _register_guidance(path: str) -> Guidance:
    if path == Path.EU_REGISTER:
        return Guidance(lifecycle.EU_STUDENTS, "without-ehic")
    return lifecycle.SUBMITTED.guidance


def _status(*, done: bool, can_start: bool, waiting: bool = False) -> TaskStatus:
    if done:
        return TaskStatus.COMPLETED
    if not can_start:
        return TaskStatus.CANNOT_START
    return TaskStatus.WAITING if waiting else TaskStatus.NOT_STARTED


def steps_for(
    registration: Registration,
    *,
    documents_ready: bool = False,
    documents_problem: bool = False,
) -> list[Step]:
    """The registration's steps, in order, each with its status and available actions.

    The order is the journey's (lifecycle.path_sequence): documents prepared here first,
    then the official site. `documents_ready` says every document the path asks for before
    registering is accepted; `documents_problem` that one of them was rejected.
    """
    status = registration.status
    submitted = _reached(status, Status.SUBMITTED)

    def available(*steps: LifecycleStep) -> list[Action]:
        actions = [ACTIONS[step.key] for step in steps]
        return [action for action in actions if action.is_available(registration)]

    if submitted or documents_ready:
        prepare_status = TaskStatus.COMPLETED
    elif documents_problem:
        prepare_status = TaskStatus.PROBLEM
    else:
        prepare_status = TaskStatus.IN_PROGRESS
    steps = [
        Step(
            "prepare",
            _("Prepare your documents here"),
            prepare_status,
            lifecycle.path_sequence(registration.path)[1].guidance
            if registration.path in (Path.NON_EU, Path.EU_REGISTER, Path.QUEBEC)
            else lifecycle.PREPARE_DOCUMENTS.guidance,
        ),
        Step(
            "register",
            (
                lifecycle.QUEBEC_TAKE_FORM.title
                if registration.path == Path.QUEBEC
                else _("Register on the official foreign-student site")
            ),
            _status(done=submitted, can_start=True),
            _register_guidance(registration.path),
            available(lifecycle.SUBMITTED),
        ),
        Step(
            "provisional",
            _("Keep your provisional number and certificate"),
            _status(done=_reached(status, Status.PROVISIONAL_NUMBER), can_start=submitted),
            lifecycle.PROVISIONAL_NUMBER.guidance,
            available(lifecycle.PROVISIONAL_NUMBER),
        ),
    ]

    if status == Status.MISSING_DOCUMENTS:
        # A request for documents is a normal part of the CPAM's check, not a problem.
        documents_status = TaskStatus.IN_PROGRESS
        documents_guidance = lifecycle.MISSING_DOCUMENTS.guidance
    else:
        documents_status = _status(
            done=_reached(status, Status.VALIDATED),
            can_start=_reached(status, Status.PROVISIONAL_NUMBER),
            waiting=True,
        )
        documents_guidance = lifecycle.VALIDATED.guidance
    steps.append(
        Step(
            "documents",
            _("The CPAM checks your documents"),
            documents_status,
            documents_guidance,
            available(lifecycle.DOCUMENTS_SENT, lifecycle.MISSING_DOCUMENTS, lifecycle.VALIDATED),
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
            lifecycle.DEFINITIVE_NUMBER.guidance,
            available(lifecycle.DEFINITIVE_NUMBER),
        )
    )
    has_number = status == Status.DEFINITIVE_NUMBER
    steps.append(
        Step(
            "ameli",
            _("Create your ameli account"),
            _status(done=registration.ameli_account_created_on is not None, can_start=has_number),
            lifecycle.AMELI_ACCOUNT.guidance,
            available(lifecycle.AMELI_ACCOUNT),
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
            lifecycle.CARTE_VITALE_ORDERED.guidance,
            available(lifecycle.CARTE_VITALE_ORDERED, lifecycle.CARTE_VITALE_RECEIVED),
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
