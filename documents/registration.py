"""What an upload means for the student's registration (the tracker in the students app)."""

from django.utils import timezone
from django.utils.translation import gettext as _

from documents.kinds import KIND_FOR_REQUESTED
from documents.selectors import kinds_uploaded_since
from students import services as registration_services
from students.models import (
    EventKind,
    Registration,
    RegistrationEvent,
    Status,
    StudentProfile,
)


def registration_after_upload(*, student) -> Registration | None:
    """Move "missing documents" on once every document the CPAM asked for is uploaded again.

    Called by the upload service inside its transaction, so the upload and the step move
    commit together. The registration is the one of the profile's academic year, read under
    a row lock: a step moved meanwhile by another request (the student reporting "I sent
    them", staff recording a step) is seen here and simply not moved again.

    Returns the registration when it moved, None otherwise. "Another document" (no kind)
    never blocks the move: the student reports it in the note of the request.
    """
    year_id = (
        StudentProfile.objects.filter(user=student).values_list("academic_year_id", flat=True)
    ).first()
    if year_id is None:
        return None
    registration = (
        Registration.objects.select_for_update(of=("self",))
        .filter(student=student, academic_year_id=year_id, status=Status.MISSING_DOCUMENTS)
        .first()
    )
    if registration is None:
        return None
    wanted = {
        KIND_FOR_REQUESTED[requested]
        for requested in registration.missing_documents
        if requested in KIND_FOR_REQUESTED
    }
    request = (
        RegistrationEvent.objects.filter(
            registration=registration, kind=EventKind.MISSING_DOCUMENTS
        )
        .order_by("-created_at")
        .first()
    )
    if not wanted or request is None:
        return None
    if not wanted <= kinds_uploaded_since(owner=student, since=request.created_at):
        return None
    try:
        return registration_services.registration_report_documents_sent(
            registration=registration,
            by=student,
            on=timezone.localdate(),
            note=_("Every requested document was uploaded to the portal."),
        )
    except registration_services.RegistrationError:
        # Refused by the rules (say, a date before the CPAM's request): the upload stands.
        return None
