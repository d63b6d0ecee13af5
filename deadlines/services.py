"""Writes on the calendar feed: create or regenerate its secret link, revoke it."""

import hashlib
import secrets

from django.db import transaction

from accounts.models import User
from deadlines.models import CalendarFeed

# 32 random bytes: 256 bits, far beyond guessing (OWASP: at least 128 bits of entropy).
TOKEN_BYTES = 32


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def feed_regenerate(*, student: User) -> CalendarFeed:
    """A new secret link for the student's feed; any previous link stops working at once."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
    with transaction.atomic():
        User.objects.select_for_update().get(pk=student.pk)
        CalendarFeed.objects.filter(student=student).delete()
        return CalendarFeed.objects.create(
            student=student, token=token, token_hash=token_hash(token)
        )


def feed_revoke(*, student: User) -> bool:
    """Delete the student's feed link; returns whether there was one."""
    deleted, _ = CalendarFeed.objects.filter(student=student).delete()
    return bool(deleted)
