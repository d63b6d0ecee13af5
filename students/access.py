"""Who may see which registration: the ownership rule, written once."""

import uuid

from django.http import Http404
from django.shortcuts import get_object_or_404

from accounts.models import User
from students.models import Registration


def get_registration_for_user(user: User, registration_uuid: uuid.UUID) -> Registration:
    """The student's own registration, or Http404 (another student's must not be revealed).

    Staff work on registrations in the admin, through the same services.
    """
    if not user.is_authenticated:
        raise Http404
    return get_object_or_404(
        Registration.objects.select_related("academic_year", "student"),
        uuid=registration_uuid,
        student=user,
    )
