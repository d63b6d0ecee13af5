"""Account e-mails never take their links from a Host header (SECURITY.md rows 14 and 41)."""

import re

import pytest
from django.core import mail

RESET = "/en/accounts/password/reset/"


def links_in(message) -> list[str]:
    return re.findall(r"https?://\S+", message.body)


@pytest.mark.parametrize("path", [RESET, "/en/accounts/login/", "/en/"])
def test_an_unknown_host_is_refused_with_400(anon, alice, path):
    response = anon.post(path, {"email": "alice@example.org"}, HTTP_HOST="evil.example")

    assert response.status_code == 400
    assert mail.outbox == []


def test_a_forwarded_host_is_not_trusted(anon, alice):
    anon.post(
        RESET,
        {"email": "alice@example.org"},
        HTTP_HOST="localhost",
        HTTP_X_FORWARDED_HOST="evil.example",
    )

    assert "evil.example" not in mail.outbox[0].body


def test_reset_links_use_the_public_address_whatever_allowed_host_was_asked(anon, alice, settings):
    settings.PUBLIC_BASE_URL = "https://portal.example.org"

    anon.post(RESET, {"email": "alice@example.org"}, HTTP_HOST="localhost")

    (message,) = mail.outbox
    (link,) = links_in(message)
    assert link.startswith("https://portal.example.org/en/accounts/password/reset/key/")
    assert "localhost" not in message.body
    assert "portal.example.org" in message.body.replace(link, "")


def test_sign_up_confirmation_links_use_the_public_address_too(anon, settings):
    settings.PUBLIC_BASE_URL = "https://portal.example.org"

    anon.post(
        "/en/accounts/signup/",
        {
            "email": "dana@example.org",
            "password1": "a-long-pass-phrase",
            "password2": "a-long-pass-phrase",
        },
        HTTP_HOST="127.0.0.1",
    )

    (link,) = links_in(mail.outbox[0])
    assert link.startswith("https://portal.example.org/en/accounts/confirm-email/")


def test_without_a_public_address_links_name_the_allowed_host_of_the_request(anon, alice, settings):
    settings.PUBLIC_BASE_URL = ""

    anon.post(RESET, {"email": "alice@example.org"}, HTTP_HOST="localhost")

    (link,) = links_in(mail.outbox[0])
    assert link.startswith("https://localhost/en/accounts/password/reset/key/")
