"""Writes from the staff workplace. Each goes through the students' or notifications'
services, so the timeline and the student's notices are the same whoever acts."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import can_proceed

from accounts.models import User
from notifications.models import NoticeKind
from notifications.services import notify
from office.models import NumberAccess, NumberAccessLog
from students import lifecycle, services
from students.lifecycle import LifecycleStep
from students.models import ActorRole, EventKind, Registration
from students.nir import NumberKind


@dataclass(frozen=True)
class StaffStep:
    """A lifecycle step staff can record (a row of students/lifecycle.py) and its service."""

    row: LifecycleStep

    @property
    def kind(self) -> EventKind:
        return self.row.event

    @property
    def number(self) -> NumberKind | None:
        return self.row.number

    @property
    def documents(self) -> bool:
        return self.row.documents

    @property
    def record(self) -> Callable[..., Registration]:
        return getattr(services, self.row.service)

    @property
    def label(self) -> str:
        return self.kind.label

    def is_available(self, registration: Registration) -> bool:
        return can_proceed(getattr(registration, self.row.transition))


STAFF_STEPS = {
    row.event.value: StaffStep(row) for row in lifecycle.STEPS if ActorRole.STAFF in row.reporters
}


def available_steps(registration: Registration) -> list[StaffStep]:
    """The steps that can be recorded now, in lifecycle order."""
    return [step for step in STAFF_STEPS.values() if step.is_available(registration)]


@transaction.atomic
def staff_record_step(
    *,
    registration: Registration,
    kind: str,
    by: User,
    on: date,
    note: str = "",
    number: str = "",
    documents: Iterable[str] = (),
) -> Registration:
    """Record one step for a student through its service (which tells the student by e-mail).

    Raises students.services.RegistrationError when the rules refuse it (nothing is sent).
    """
    step = STAFF_STEPS[kind]
    arguments = {"registration": registration, "by": by, "on": on, "note": note}
    if step.number is not None:
        arguments["number"] = number
    if step.documents:
        arguments["documents"] = list(documents)
    # The service itself e-mails the student about a step staff recorded.
    return step.record(**arguments)


@dataclass(frozen=True)
class RemindersSent:
    sent: int
    skipped: int


class NotApplicable(models.TextChoices):
    """Why a bulk action leaves a selected student out (issue 15, item 7)."""

    PAST_YEAR = "past-year", _("not in the current academic year")
    FINISHED = "finished", _("file finished: Carte Vitale received")


def reminder_not_applicable(student: User, *, current_year_id: int | None) -> str | None:
    """Why a reminder does not apply to this student, or None when it does.

    Reads the annotations of office.selectors.students_for_office(). A student who has not
    filled in their profile yet is reminded (that is what the reminder is for).
    """
    profile = getattr(student, "student_profile", None)
    if profile is not None and profile.academic_year_id != current_year_id:
        return NotApplicable.PAST_YEAR
    if getattr(student, "carte_vitale_received_on", None) is not None:
        return NotApplicable.FINISHED
    return None


def office_send_reminders(*, students: Iterable[User], note: str = "") -> RemindersSent:
    """E-mail each student a reminder to look at their file, at most once a day each.

    Students who switched reminders off, or were already reminded today, are skipped.
    """
    key = f"office-reminder:{timezone.localdate().isoformat()}"
    sent = skipped = 0
    with transaction.atomic():
        for student in students:
            notice = notify(
                recipient=student,
                kind=NoticeKind.REMINDER_FROM_OFFICE,
                template="office_reminder",
                url_name="students:dashboard",
                context={"note": note.strip()},
                dedup_key=key,
            )
            if notice is None:
                skipped += 1
            else:
                sent += 1
    return RemindersSent(sent=sent, skipped=skipped)


def number_access_record(
    *, by: User, student: User, kinds: Iterable[str], action: NumberAccess
) -> None:
    """Write one access-log row per full number a member of staff saw or exported."""
    NumberAccessLog.objects.bulk_create(
        NumberAccessLog(actor=by, action=action, student_uuid=student.uuid, number_kind=kind)
        for kind in kinds
    )
