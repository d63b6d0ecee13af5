"""Writes on the student–office conversation: sending a message, marking a side as read."""

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from messaging.models import MAX_MESSAGE_LENGTH, Message, Side
from notifications.models import NoticeKind
from notifications.services import notify
from portal.personal_pages import student_file_changed

OFFICE_GROUP = "International office"


class MessageError(Exception):
    """A message the rules refuse; `message` is translated and shown as it is."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _side(*, student: User, author: User) -> Side:
    if author.pk == student.pk:
        return Side.STUDENT
    if author.is_staff:
        return Side.OFFICE
    # Views hand only the student's own thread to this service; this guards other callers.
    raise MessageError(_("You cannot write in another student's conversation."))


def display_name(student: User) -> str:
    """The student's legal name when they gave it, else their e-mail address."""
    return str(getattr(student, "student_profile", None) or student)


def office_recipients() -> list[User]:
    """Who hears of a student's message: active staff of the International office group."""
    group = Group.objects.filter(name=OFFICE_GROUP).first()
    if group is None:
        return []
    return list(group.user_set.filter(is_active=True, is_staff=True).order_by("pk"))


@transaction.atomic
def message_send(*, student: User, author: User, body: str) -> Message:
    """Add a message to the student's thread and tell the other side by e-mail.

    One e-mail per batch: the other side is told of the first message it has not read yet,
    not of every message that follows it.
    """
    side = _side(student=student, author=author)
    body = body.strip()
    if not body:
        raise MessageError(_("Write a message first."))
    if len(body) > MAX_MESSAGE_LENGTH:
        raise MessageError(
            _("A message can be at most %(count)s characters long.") % {"count": MAX_MESSAGE_LENGTH}
        )
    # Serialises two messages sent at once, so only one of them e-mails the other side.
    User.objects.select_for_update().only("pk").get(pk=student.pk)
    already_waiting = Message.objects.filter(
        student=student, side=side, read_at__isnull=True
    ).exists()
    message = Message.objects.create(student=student, author=author, side=side, body=body)
    # The dashboard's "Messages" card and the header's badge count the unread ones.
    student_file_changed(student.pk)
    if not already_waiting:
        _tell_the_other_side(message)
    return message


def _tell_the_other_side(message: Message) -> None:
    if message.side == Side.OFFICE:
        notify(
            recipient=message.student,
            kind=NoticeKind.NEW_MESSAGE,
            template="new_message_to_student",
            url_name="messaging:thread",
            dedup_key=f"message:{message.uuid}",
        )
        return
    for staff in office_recipients():
        notify(
            recipient=staff,
            kind=NoticeKind.NEW_MESSAGE,
            template="new_message_to_office",
            url_name="admin:office_student_messages",
            url_kwargs={"student_uuid": message.student.uuid},
            context={"student": display_name(message.student)},
            dedup_key=f"message:{message.uuid}",
        )


def thread_mark_read(*, student: User, reader: User) -> int:
    """The reader's side has now seen every message of the other side; returns how many."""
    reader_side = _side(student=student, author=reader)
    other = Side.OFFICE if reader_side == Side.STUDENT else Side.STUDENT
    marked = Message.objects.filter(student=student, side=other, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    if marked:
        student_file_changed(student.pk)
    return marked
