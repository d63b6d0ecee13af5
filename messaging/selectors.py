"""Reads on the conversations."""

from datetime import datetime

from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce

from accounts.models import User
from messaging.models import Message, Side


def thread(student: User) -> list[Message]:
    """The student's whole conversation, oldest first, with who wrote each message."""
    return list(Message.objects.filter(student=student).select_related("author"))


def unread_for_student(student: User) -> int:
    """Messages from the office the student has not seen yet."""
    return Message.objects.filter(student=student, side=Side.OFFICE, read_at__isnull=True).count()


def unread_by_office_subquery(student_ref: str = "pk"):
    """An annotation: how many of a student's messages the office has not read (one query)."""
    counts = (
        Message.objects.filter(
            student=OuterRef(student_ref), side=Side.STUDENT, read_at__isnull=True
        )
        .order_by()
        .values("student")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Coalesce(Subquery(counts), 0)


def unread_by_office_total() -> int:
    """Students' messages the office has not read yet, all students together."""
    return Message.objects.filter(side=Side.STUDENT, read_at__isnull=True).count()


def office_wrote_since(*, student_id: int, since: datetime) -> bool:
    """Whether the office wrote to the student after `since`."""
    return Message.objects.filter(
        student_id=student_id, side=Side.OFFICE, created_at__gt=since
    ).exists()
