"""The conversation on the student's admin page: the office reads (which marks the student's
messages read), replies (the student is told), and sees unread counts in the list."""

import pytest
from django.core import mail

from messaging.models import Message, Side
from messaging.services import message_send
from notifications.models import Notice, NoticeKind
from tests.staff.conftest import staff_client


def url(student) -> str:
    return f"/admin/office/student/{student.uuid}/messages/"


def test_the_office_reads_the_conversation_and_it_counts_as_read(bob_client, alice, alice_file):
    message_send(student=alice, author=alice, body="Is my RIB fine?")

    response = bob_client.get(url(alice))

    assert "Is my RIB fine?" in response.content.decode()
    assert Message.objects.get().read_at is not None
    assert (
        '<td class="field-unread">—</td>'
        in bob_client.get("/admin/office/student/").content.decode()
    )


def test_a_reply_reaches_the_student_who_is_told_by_e_mail(
    bob, bob_client, alice, alice_file, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = bob_client.post(url(alice), {"body": "Yes, it is accepted."})

    assert response.status_code == 302
    assert response["Location"] == url(alice)
    message = Message.objects.get()
    assert (message.author, message.side, message.student) == (bob, Side.OFFICE, alice)
    notice = Notice.objects.get()
    assert (notice.recipient, notice.kind) == (alice, NoticeKind.NEW_MESSAGE)
    assert mail.outbox[0].to == ["alice@example.org"]


def test_the_office_sees_whether_the_student_read_the_reply(bob_client, bob, alice, alice_file):
    message_send(student=alice, author=bob, body="Hello")
    assert "not read yet" in bob_client.get(url(alice)).content.decode()

    staff_client(alice).get("/en/messages/")

    assert "read by the student" in bob_client.get(url(alice)).content.decode()


def test_an_empty_reply_is_refused(bob_client, alice, alice_file):
    response = bob_client.post(url(alice), {"body": ""})

    assert response.status_code == 200
    assert not Message.objects.exists()


@pytest.mark.parametrize("persona", ["editor", "eve"])
def test_staff_without_the_permission_neither_read_nor_write(request, persona, alice, alice_file):
    message_send(student=alice, author=alice, body="Private question")
    client = staff_client(request.getfixturevalue(persona))

    assert client.get(url(alice)).status_code == 403
    assert client.post(url(alice), {"body": "Hi"}).status_code == 403
    assert Message.objects.count() == 1
    assert Message.objects.get().read_at is None
