"""Who may see which care expense: the ownership rule, written once."""

import uuid

from django.http import Http404
from django.shortcuts import get_object_or_404

from accounts.models import User
from expenses.models import CareExpense


def get_expense_for_user(user: User, expense_uuid: uuid.UUID) -> CareExpense:
    """The student's own expense, or Http404 (another student's must not be revealed)."""
    if not user.is_authenticated:
        raise Http404
    return get_object_or_404(CareExpense, uuid=expense_uuid, student=user)
