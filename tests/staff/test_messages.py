"""The student's messages page (/<lang>/messages/): their own conversation with the office,
text only; a message reaches the office, which is told by e-mail, and the office's answer
reaches the student, who is told too. Unread counts in the header and on the dashboard."""

import pytest
from django.contrib.auth.models import Group
from django.core import mail

from messaging.models import Message, Side
from messaging.selectors import unread_for_student
from messaging.services import OFFICE_GROUP, MessageError, message_send, thread_mark_read
from notifications.models import Notice, NoticeKind
from tests.conftest import make_verified_user
from tests.staff.conftest import student_client

URL = "/en/messages/"


def test_anon_is_sent_to_the_login_page(anon):
    response = anon.get(URL)

    assert response.status_code == 302
    assert response["Location"] == f"/en/accounts/login/?next={URL}"


def test_the_page_shows_only_the_student_s_own_conversation(alice, charlie, alice_client):
    message_send(student=alice, author=alice, body="Alice's question")
    message_send(student=charlie, author=charlie, body="Charlie's question")

    html = alice_client.get(URL).content.decode()

    assert "Alice&#x27;s question" in html
    assert "Charlie" not in html


def test_a_message_reaches_the_office_which_is_told_by_e_mail(
    alice, alice_client, bob, alice_file, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = alice_client.post(URL, {"body": "When will my passport be checked?"})

    assert response.status_code == 302
    assert response["Location"] == URL
    message = Message.objects.get()
    assert (message.student, message.author, message.side) == (alice, alice, Side.STUDENT)
    notice = Notice.objects.get()
    assert (notice.recipient, notice.kind) == (bob, NoticeKind.NEW_MESSAGE)
    assert mail.outbox[0].to == ["bob@example.org"]
    assert "LIDDELL Alice" in mail.outbox[0].subject
    assert f"/admin/office/student/{alice.uuid}/messages/" in mail.outbox[0].body
    # The e-mail says a message waits; it does not carry the message itself.
    assert "passport" not in mail.outbox[0].body


def test_only_active_staff_of_the_office_group_are_told(alice, bob, eve):
    inactive = make_verified_user(email="gone@example.org", is_staff=True, is_active=False)
    inactive.groups.add(Group.objects.get(name=OFFICE_GROUP))

    message_send(student=alice, author=alice, body="Hello")

    assert list(Notice.objects.values_list("recipient__email", flat=True)) == ["bob@example.org"]


def test_the_office_s_answer_reaches_the_student_who_is_told_in_their_language(
    alice, bob, alice_client, django_capture_on_commit_callbacks
):
    alice.preferred_language = "fr"
    alice.save()

    with django_capture_on_commit_callbacks(execute=True):
        message_send(student=alice, author=bob, body="Your passport is accepted.")

    assert mail.outbox[0].to == ["alice@example.org"]
    assert "/fr/messages/" in mail.outbox[0].body
    assert "Your passport is accepted." not in mail.outbox[0].body
    assert "Your passport is accepted." in alice_client.get(URL).content.decode()


def test_a_second_unread_message_does_not_send_a_second_e_mail(alice, bob):
    message_send(student=alice, author=bob, body="First")
    message_send(student=alice, author=bob, body="Second")

    assert Notice.objects.filter(recipient=alice).count() == 1

    thread_mark_read(student=alice, reader=alice)
    message_send(student=alice, author=bob, body="Third")

    assert Notice.objects.filter(recipient=alice).count() == 2


def test_unread_counts_show_in_the_header_and_on_the_dashboard(
    alice, bob, alice_client, alice_file
):
    message_send(student=alice, author=bob, body="Hello")
    message_send(student=alice, author=bob, body="Are you there?")

    html = alice_client.get("/en/dashboard/").content.decode()

    assert 'href="/en/messages/"' in html
    assert html.count('2 new<span class="visually-hidden"> messages</span>') == 2
    assert "The international office wrote to you." in html


def test_opening_the_page_marks_the_office_s_messages_read(alice, bob, alice_client):
    message_send(student=alice, author=bob, body="Hello")
    assert unread_for_student(alice) == 1

    alice_client.get(URL)

    assert unread_for_student(alice) == 0
    assert "new<span" not in alice_client.get("/en/dashboard/").content.decode()


def test_an_empty_message_is_refused(alice_client):
    response = alice_client.post(URL, {"body": "   "})

    assert response.status_code == 200
    assert not Message.objects.exists()


def test_a_too_long_message_is_refused(alice_client):
    response = alice_client.post(URL, {"body": "x" * 5001})

    assert response.status_code == 200
    assert not Message.objects.exists()


def test_attachments_are_not_accepted(alice_client, tmp_path):
    attachment = tmp_path / "passport.pdf"
    attachment.write_bytes(b"%PDF-1.4 secret")

    with attachment.open("rb") as file:
        alice_client.post(URL, {"body": "See attached", "file": file})

    html = alice_client.get(URL).content.decode()
    assert 'type="file"' not in html
    assert Message.objects.get().body == "See attached"


def test_a_student_cannot_write_in_another_student_s_conversation(alice, charlie):
    with pytest.raises(MessageError):
        message_send(student=charlie, author=alice, body="Hi")


def test_the_page_rejects_other_methods(alice_client):
    assert alice_client.put(URL).status_code == 405


def test_the_page_in_french(alice, alice_file):
    alice.preferred_language = "fr"
    alice.save()

    html = student_client(alice).get("/fr/messages/").content.decode()

    assert "Écrire un message" in html
