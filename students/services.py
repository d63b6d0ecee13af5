"""Writes on the student's file. Every lifecycle change goes through one function here.

Each function locks the registration row, checks the transition declared on the model,
checks the date, saves only the fields it changed and writes exactly one timeline event,
so the timeline is complete whoever acted (the student here, staff in the admin).
"""

from copy import copy
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django_fsm import can_proceed

from accounts.models import User
from accounts.services import user_set_preferred_language
from notifications.models import NoticeKind
from notifications.services import notify
from portal.personal_pages import student_file_changed
from students import lifecycle, nir
from students.encryption import search_hash
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
    StudentProfile,
)
from students.paths import REGISTERING_PATHS
from students.selectors import (
    number_checks,
    number_disagreement_flag,
    path_for_profile,
    undoable_report,
)


class RegistrationError(Exception):
    """A request the rules refuse. The message is translated and shown as it is."""

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


def _actor_role(*, student: User, by: User) -> ActorRole:
    if by.pk == student.pk:
        return ActorRole.STUDENT
    if by.is_staff:
        return ActorRole.STAFF
    # Views hand only the owner's objects to services; this guards any other caller.
    raise RegistrationError(_("You cannot change another student's file."))


def _record_event(
    *,
    registration: Registration,
    kind: EventKind,
    by: User,
    role: ActorRole,
    on: date,
    from_status: str = "",
    to_status: str = "",
    note: str = "",
    data: dict | None = None,
) -> RegistrationEvent:
    event = RegistrationEvent.objects.create(
        registration=registration,
        kind=kind,
        from_status=from_status,
        to_status=to_status,
        occurred_on=on,
        actor=by,
        actor_role=role,
        note=note.strip(),
        data=data or {},
    )
    # Every change of a registration, its steps and the "better reimbursed" ticks writes
    # an event: the student's cached pages follow from here.
    student_file_changed(registration.student_id)
    if role == ActorRole.STAFF and kind in STAFF_NOTICE_KINDS:
        _notify_student_of_staff_event(registration=registration, event=event)
    return event


# Steps that staff record for a student; the student is told by e-mail (path changes and
# reimbursement ticks are the student's own doing and need no notice).
STAFF_NOTICE_KINDS = lifecycle.staff_notice_kinds() | {
    EventKind.MOVED_BACK,
    EventKind.NUMBER_CORRECTED,
}


def _notify_student_of_staff_event(*, registration: Registration, event: RegistrationEvent) -> None:
    """E-mail the student (after commit, in their language) about a step staff recorded."""
    if event.kind == EventKind.MISSING_DOCUMENTS:
        notify(
            recipient=registration.student,
            kind=NoticeKind.MISSING_DOCUMENTS,
            template="missing_documents",
            url_name="documents:list",
            context={
                # Lazy labels: rendered in the student's language.
                "documents": [
                    RequestedDocument(value).label for value in event.data.get("documents", [])
                ],
                "note": event.note,
            },
        )
        return
    notify(
        recipient=registration.student,
        kind=NoticeKind.LIFECYCLE_EVENT,
        template="lifecycle_event",
        url_name="students:dashboard",
        context={"step": EventKind(event.kind).label, "note": event.note},
    )


# --- Profile and path --------------------------------------------------------------------


def academic_year_for(start: date) -> AcademicYear:
    """The calendar year a student's studies belong to: the one containing its first day."""
    year = (
        AcademicYear.objects.filter(starts_on__lte=start, ends_on__gte=start)
        .order_by("-starts_on")
        .first()
    )
    if year is None:
        year = AcademicYear.objects.filter(is_current=True).first()
    if year is None:
        raise RegistrationError(
            _("The international office has not set up the academic year yet. Try again later.")
        )
    return year


@transaction.atomic
def profile_save(
    *,
    profile: StudentProfile,
    by: User,
    language: str | None = None,
    note: str = "",
) -> Registration:
    """Save the profile, recompute the path, and record the path on the timeline if it changed."""
    role = _actor_role(student=profile.user, by=by)
    year = academic_year_for(profile.academic_year_start)
    profile.academic_year = year
    profile.save()
    student_file_changed(profile.user_id)
    if language and role == ActorRole.STUDENT:
        user_set_preferred_language(user=profile.user, language=language)

    decision = path_for_profile(profile)
    registration, created = Registration.objects.select_for_update().get_or_create(
        student=profile.user, academic_year=year, defaults={"path": decision.path}
    )
    today = timezone.localdate()
    if created:
        _record_event(
            registration=registration,
            kind=EventKind.PATH_SET,
            by=by,
            role=role,
            on=today,
            note=note,
            data={"path": decision.path},
        )
    elif registration.path != decision.path:
        previous = registration.path
        registration.path = decision.path
        registration.save(update_fields=["path", "updated_at"])
        _record_event(
            registration=registration,
            kind=EventKind.PATH_CHANGED,
            by=by,
            role=role,
            on=today,
            note=note,
            data={"from": previous, "to": decision.path},
        )
    return _refresh_number_flag(registration, profile)


@transaction.atomic
def academic_year_save(*, year: AcademicYear, by: User) -> None:
    """Save a calendar year; profiles that took its old dates follow, with their paths."""
    previous = None
    if year.pk:
        previous = AcademicYear.objects.select_for_update().filter(pk=year.pk).first()
    year.save()
    if previous is None or (previous.starts_on, previous.ends_on) == (
        year.starts_on,
        year.ends_on,
    ):
        return
    profiles = StudentProfile.objects.select_related("user").filter(
        academic_year=year,
        academic_year_start=previous.starts_on,
        academic_year_end=previous.ends_on,
    )
    for profile in profiles:
        profile.academic_year_start = year.starts_on
        profile.academic_year_end = year.ends_on
        profile_save(
            profile=profile,
            by=by,
            note=_("The international office changed the dates of the academic year."),
        )


# --- The registration lifecycle -----------------------------------------------------------


@dataclass(frozen=True)
class _Step:
    transition: str
    kind: EventKind
    refused: str = ""  # message when the transition's own conditions are not met


def _lock(registration: Registration) -> Registration:
    # of=("self",): lock only this row, not the student's or the (shared) academic year's,
    # which would make every student of a year wait for each other on PostgreSQL.
    return (
        Registration.objects.select_for_update(of=("self",))
        .select_related("student", "academic_year")
        .get(pk=registration.pk)
    )


def _last_step_date(registration: Registration) -> date | None:
    # The date of the step that brought the file to where it is now. Path changes and
    # follow-up ticks are dated "today" and must not stop a student from reporting a step
    # that happened last month; nor must an undone report.
    return (
        registration.events.filter(kind__in=list(lifecycle.BY_EVENT), to_status=registration.status)
        .exclude(from_status=F("to_status"))
        .order_by("-created_at", "-id")
        .values_list("occurred_on", flat=True)
        .first()
    )


def _check_date(*, on: date, not_before: date | None) -> None:
    if on > timezone.localdate():
        raise RegistrationError(_("The date cannot be in the future."), field="on")
    if not_before is not None and on < not_before:
        raise RegistrationError(
            _("This date is before the previous step (%(date)s). Check the date.")
            % {"date": date_format(not_before, "DATE_FORMAT")},
            field="on",
        )


def _refuse_transition(registration: Registration, step: _Step) -> None:
    method = getattr(registration, step.transition)
    if can_proceed(method):
        return
    if step.refused and can_proceed(method, check_conditions=False):
        raise RegistrationError(step.refused)
    raise RegistrationError(
        _("This cannot be recorded now: your registration is at the step “%(step)s”.")
        % {"step": registration.get_status_display()}
    )


def _advance(
    *,
    registration: Registration,
    step: _Step,
    by: User,
    on: date,
    note: str,
    not_before: date | None = None,
    changes: dict | None = None,
    data: dict | None = None,
) -> Registration:
    """Lock, check, apply one transition with its field changes, write one event."""
    locked = _lock(registration)
    role = _actor_role(student=locked.student, by=by)
    _refuse_transition(locked, step)
    last = _last_step_date(locked)
    if not_before is None or (last is not None and last > not_before):
        not_before = last
    _check_date(on=on, not_before=not_before)

    from_status = locked.status
    getattr(locked, step.transition)()
    update_fields = ["updated_at"]
    if locked.status != from_status:
        update_fields.append("status")
    for field, value in (changes or {}).items():
        setattr(locked, field, value)
        update_fields.append(field)
    locked.save(update_fields=update_fields)
    _record_event(
        registration=locked,
        kind=step.kind,
        by=by,
        role=role,
        on=on,
        from_status=from_status,
        to_status=locked.status,
        note=note,
        data=data,
    )
    return locked


def _refresh_number_flag(
    registration: Registration, profile: StudentProfile | None = None
) -> Registration:
    """Store which parts of the numbers disagree with the profile, for the office's filter.

    Called when the profile is saved; the number services save the flag with the number
    (_flag_with_number), and a correction of either must do the same. Nothing is refused:
    a disagreement is a warning, not an error.
    """
    flag = number_disagreement_flag(number_checks(registration, profile))
    if registration.number_disagreements != flag:
        registration.number_disagreements = flag
        registration.save(update_fields=["number_disagreements", "updated_at"])
    return registration


def _flag_with_number(registration: Registration, kind: nir.NumberKind, number: str) -> str:
    """The flag the registration will carry once this number is recorded (saved with it)."""
    probe = copy(registration)
    setattr(probe, f"{kind.value}_number", number)
    return number_disagreement_flag(number_checks(probe))


def _checked_number(number: str, kind: nir.NumberKind) -> str:
    try:
        return nir.validate(number, kind=kind)
    except ValidationError as error:
        raise RegistrationError(" ".join(error.messages), field="number") from None


def _step(row: lifecycle.LifecycleStep, refused: str = "") -> _Step:
    return _Step(row.transition, row.event, refused)


SUBMIT = _step(lifecycle.SUBMITTED)
PROVISIONAL_NUMBER = _step(lifecycle.PROVISIONAL_NUMBER)
MISSING_DOCUMENTS = _step(lifecycle.MISSING_DOCUMENTS)
DOCUMENTS_SENT = _step(lifecycle.DOCUMENTS_SENT)
VALIDATED = _step(lifecycle.VALIDATED)
DEFINITIVE_NUMBER = _step(lifecycle.DEFINITIVE_NUMBER)


@transaction.atomic
def registration_report_submitted(
    *, registration: Registration, by: User, on: date, note: str = ""
) -> Registration:
    """The student registered on the official foreign-student site."""
    return _advance(registration=registration, step=SUBMIT, by=by, on=on, note=note)


@transaction.atomic
def registration_record_provisional_number(
    *, registration: Registration, number: str, by: User, on: date, note: str = ""
) -> Registration:
    """The site gave a provisional number (first digit 7 or 8); stored encrypted."""
    number = _checked_number(number, nir.NumberKind.PROVISIONAL)
    flag = _flag_with_number(registration, nir.NumberKind.PROVISIONAL, number)
    return _advance(
        registration=registration,
        step=PROVISIONAL_NUMBER,
        by=by,
        on=on,
        note=note,
        changes={
            "provisional_number": number,
            "provisional_number_search_hash": search_hash(number),
            "number_disagreements": flag,
        },
    )


@transaction.atomic
def registration_report_missing_documents(
    *,
    registration: Registration,
    documents: list[str],
    by: User,
    on: date,
    note: str = "",
) -> Registration:
    """The CPAM asked for documents; it may happen again after they were sent."""
    known = set(RequestedDocument.values)
    documents = [document for document in dict.fromkeys(documents) if document]
    if not documents:
        raise RegistrationError(
            _("Choose at least one document the CPAM asked for."), field="documents"
        )
    if not set(documents) <= known:
        raise RegistrationError(_("Choose documents from the list."), field="documents")
    if RequestedDocument.OTHER in documents and not note.strip():
        raise RegistrationError(
            _("Say in the note which other document the CPAM asked for."), field="note"
        )
    return _advance(
        registration=registration,
        step=MISSING_DOCUMENTS,
        by=by,
        on=on,
        note=note,
        changes={"missing_documents": documents},
        data={"documents": documents},
    )


@transaction.atomic
def registration_report_documents_sent(
    *, registration: Registration, by: User, on: date, note: str = ""
) -> Registration:
    """The student deposited the missing documents on the official site."""
    sent = list(_lock(registration).missing_documents)
    return _advance(
        registration=registration,
        step=DOCUMENTS_SENT,
        by=by,
        on=on,
        note=note,
        changes={"missing_documents": []},
        data={"documents": sent},
    )


@transaction.atomic
def registration_report_validated(
    *, registration: Registration, by: User, on: date, note: str = ""
) -> Registration:
    """The CPAM validated the file (the affiliation certificate can be downloaded)."""
    return _advance(registration=registration, step=VALIDATED, by=by, on=on, note=note)


@transaction.atomic
def registration_record_definitive_number(
    *, registration: Registration, number: str, by: User, on: date, note: str = ""
) -> Registration:
    """The definitive number arrived (first digit 1 or 2); stored encrypted."""
    number = _checked_number(number, nir.NumberKind.DEFINITIVE)
    flag = _flag_with_number(registration, nir.NumberKind.DEFINITIVE, number)
    return _advance(
        registration=registration,
        step=DEFINITIVE_NUMBER,
        by=by,
        on=on,
        note=note,
        changes={
            "definitive_number": number,
            "definitive_number_search_hash": search_hash(number),
            "number_disagreements": flag,
        },
    )


@transaction.atomic
def registration_report_ameli_account(
    *, registration: Registration, by: User, on: date, note: str = ""
) -> Registration:
    """The student created their ameli account (possible only with the definitive number)."""
    step = _step(lifecycle.AMELI_ACCOUNT, _("Your ameli account is already recorded."))
    return _advance(
        registration=registration,
        step=step,
        by=by,
        on=on,
        note=note,
        changes={"ameli_account_created_on": on},
    )


@transaction.atomic
def registration_report_carte_vitale_ordered(
    *, registration: Registration, by: User, on: date, note: str = ""
) -> Registration:
    """The student ordered the Carte Vitale (online or on the CPAM's paper form)."""
    step = _step(lifecycle.CARTE_VITALE_ORDERED, _("Your Carte Vitale order is already recorded."))
    return _advance(
        registration=registration,
        step=step,
        by=by,
        on=on,
        note=note,
        changes={"carte_vitale_ordered_on": on},
    )


@transaction.atomic
def registration_report_carte_vitale_received(
    *, registration: Registration, by: User, on: date, note: str = ""
) -> Registration:
    """The Carte Vitale arrived."""
    ordered_on = _lock(registration).carte_vitale_ordered_on
    step = _step(
        lifecycle.CARTE_VITALE_RECEIVED,
        (
            _("Your Carte Vitale is already recorded as received.")
            if ordered_on
            else _("Record first that you ordered your Carte Vitale.")
        ),
    )
    return _advance(
        registration=registration,
        step=step,
        by=by,
        on=on,
        note=note,
        not_before=ordered_on,
        changes={"carte_vitale_received_on": on},
    )


@transaction.atomic
def registration_choose_register_anyway(*, registration: Registration, by: User) -> Registration:
    """The student chose to register on the official site before every document was checked.

    Allowed (coverage is backdated and some students are in a hurry), but a choice the
    student makes, never the default advice: "What to do next" moves on to registering.
    """
    locked = _lock(registration)
    role = _actor_role(student=locked.student, by=by)
    if locked.status != Status.NOT_STARTED or locked.path not in REGISTERING_PATHS:
        raise RegistrationError(
            _("This cannot be recorded now: your registration is at the step “%(step)s”.")
            % {"step": locked.get_status_display()}
        )
    if locked.registering_anyway_on is not None:
        return locked
    today = timezone.localdate()
    locked.registering_anyway_on = today
    locked.save(update_fields=["registering_anyway_on", "updated_at"])
    _record_event(
        registration=locked, kind=EventKind.REGISTERING_ANYWAY, by=by, role=role, on=today
    )
    return locked


# --- Corrections --------------------------------------------------------------------------

# What each step set, so undoing it (or moving back before it) clears exactly that.
_NUMBER_FIELDS = {
    str(row.status): (f"{row.number.value}_number", f"{row.number.value}_number_search_hash")
    for row in lifecycle.STEPS
    if row.number is not None
}
_FOLLOW_UP_FIELDS = [row.date_field for row in lifecycle.STEPS if row.date_field]


def _restore(locked: Registration, *, to_status: str) -> list[str]:
    """Clear what the steps after `to_status` set; return the fields changed."""
    changed = []
    for status, fields in _NUMBER_FIELDS.items():
        if not lifecycle.reached(to_status, status):
            for name in fields:
                setattr(locked, name, "")
                changed.append(name)
    if to_status != Status.DEFINITIVE_NUMBER:
        for name in _FOLLOW_UP_FIELDS:
            setattr(locked, name, None)
            changed.append(name)
    if to_status != Status.MISSING_DOCUMENTS:
        locked.missing_documents = []
        changed.append("missing_documents")
    return changed


@transaction.atomic
def registration_undo_report(
    *, registration: Registration, event_uuid: str, by: User
) -> Registration:
    """The student takes back their latest report (a mis-click), as if it never happened.

    The event stays on the timeline, followed by an "undone" event: the history is kept.
    """
    locked = _lock(registration)
    role = _actor_role(student=locked.student, by=by)
    latest = undoable_report(locked, student=locked.student) if role == ActorRole.STUDENT else None
    if latest is None or str(latest.uuid) != str(event_uuid):
        raise RegistrationError(
            _(
                "This report can no longer be undone: it is more than 14 days old, a later "
                "step was recorded, or the international office has acted on your file since. "
                "Write to the office if something is wrong."
            )
        )
    from_status = locked.status
    row = lifecycle.BY_EVENT[latest.kind]
    update_fields = ["updated_at"]
    if row.date_field:
        # A follow-up tick keeps the status: only its date goes.
        setattr(locked, row.date_field, None)
        update_fields.append(row.date_field)
    else:
        locked.move_back(latest.from_status)
        update_fields += ["status", *_restore(locked, to_status=latest.from_status)]
        if latest.kind == EventKind.DOCUMENTS_SENT:
            # Back to "missing documents": what the CPAM had asked for.
            locked.missing_documents = list(latest.data.get("documents", []))
        elif latest.from_status == Status.MISSING_DOCUMENTS:
            previous = (
                locked.events.filter(kind=EventKind.MISSING_DOCUMENTS)
                .exclude(pk=latest.pk)
                .order_by("-created_at")
                .first()
            )
            locked.missing_documents = list(previous.data.get("documents", [])) if previous else []
    locked.save(update_fields=list(dict.fromkeys(update_fields)))
    _refresh_number_flag(locked)  # an undone number no longer disagrees with anything
    _record_event(
        registration=locked,
        kind=EventKind.STEP_UNDONE,
        by=by,
        role=role,
        on=timezone.localdate(),
        from_status=from_status,
        to_status=locked.status,
        data={"undone": str(latest.uuid), "kind": latest.kind},
    )
    return locked


@transaction.atomic
def registration_move_back(
    *, registration: Registration, to_status: str, by: User, reason: str
) -> Registration:
    """Staff move a registration back to any earlier step, saying why (the student is told)."""
    locked = _lock(registration)
    role = _actor_role(student=locked.student, by=by)
    if role != ActorRole.STAFF:
        raise RegistrationError(_("Only the international office can move a file back."))
    if not reason.strip():
        raise RegistrationError(_("Say why the file moves back."), field="reason")
    if to_status not in lifecycle.STATUS_ORDER or not (
        lifecycle.STATUS_ORDER.index(to_status) < lifecycle.STATUS_ORDER.index(locked.status)
    ):
        raise RegistrationError(_("Choose a step before the current one."), field="to_status")
    from_status = locked.status
    locked.move_back(to_status)
    locked.save(update_fields=["status", "updated_at", *_restore(locked, to_status=to_status)])
    _refresh_number_flag(locked)
    _record_event(
        registration=locked,
        kind=EventKind.MOVED_BACK,
        by=by,
        role=role,
        on=timezone.localdate(),
        from_status=from_status,
        to_status=to_status,
        note=reason,
    )
    return locked


@transaction.atomic
def registration_correct_number(
    *, registration: Registration, kind: str, number: str, by: User, reason: str = ""
) -> Registration:
    """Correct a mistyped number, validated as on entry; staff must say why."""
    locked = _lock(registration)
    role = _actor_role(student=locked.student, by=by)
    if role == ActorRole.STAFF and not reason.strip():
        raise RegistrationError(_("Say why the number is corrected."), field="reason")
    number_kind = nir.NumberKind(kind)
    status = next(str(row.status) for row in lifecycle.STEPS if row.number == number_kind)
    field, hash_field = _NUMBER_FIELDS[status]
    if not getattr(locked, field):
        raise RegistrationError(_("There is no such number on your file to correct."))
    number = _checked_number(number, number_kind)
    locked.number_disagreements = _flag_with_number(locked, number_kind, number)
    setattr(locked, field, number)
    setattr(locked, hash_field, search_hash(number))
    locked.save(update_fields=[field, hash_field, "number_disagreements", "updated_at"])
    _record_event(
        registration=locked,
        kind=EventKind.NUMBER_CORRECTED,
        by=by,
        role=role,
        on=timezone.localdate(),
        note=reason,
        data={"number": str(number_kind)},
    )
    return locked


# --- Better reimbursed -------------------------------------------------------------------


@transaction.atomic
def reimbursement_task_toggle(
    *, student: User, task: str, done: bool, by: User
) -> ReimbursementTask | None:
    """Tick or untick a "better reimbursed" task; a change is a line on the timeline."""
    if task not in ReimbursementTaskKind.values:
        raise RegistrationError(_("This task does not exist."))
    role = _actor_role(student=student, by=by)
    registration = (
        Registration.objects.select_for_update(of=("self",))
        .filter(student=student)
        .order_by("-academic_year__starts_on")
        .first()
    )
    if registration is None:
        raise RegistrationError(_("Tell us about yourself first."))
    today = timezone.localdate()
    existing = ReimbursementTask.objects.filter(student=student, task=task).first()
    if done and existing is None:
        existing = ReimbursementTask.objects.create(student=student, task=task, completed_on=today)
        kind = EventKind.REIMBURSEMENT_TASK_DONE
    elif not done and existing is not None:
        existing.delete()
        existing = None
        kind = EventKind.REIMBURSEMENT_TASK_UNDONE
    else:
        return existing
    _record_event(
        registration=registration, kind=kind, by=by, role=role, on=today, data={"task": task}
    )
    return existing
