"""One notice through a real SMTP server on loopback (aiosmtpd), with Django's SMTP backend."""

import socket

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Message as MessageHandler

from notifications.models import NoticeStatus
from tests.notifications.test_notices import notify_lifecycle


class Inbox(MessageHandler):
    def __init__(self):
        super().__init__()
        self.messages = []

    def handle_message(self, message):
        self.messages.append(message)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp_server(settings):
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    yield inbox
    controller.stop()


def test_the_smtp_server_receives_the_notice(
    alice, smtp_server, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        notice = notify_lifecycle(alice)

    assert len(smtp_server.messages) == 1
    received = smtp_server.messages[0]
    assert received["To"] == "alice@example.org"
    assert received["Subject"] == "Your registration: Provisional number"
    assert received.is_multipart()
    notice.refresh_from_db()
    assert notice.status == NoticeStatus.SENT
