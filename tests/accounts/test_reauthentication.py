"""Sensitive account changes ask for the password again (SECURITY.md row 13)."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone


@pytest.mark.parametrize("path", ["/en/accounts/email/", "/en/accounts/2fa/totp/activate/"])
def test_it_asks_for_the_password_again_after_five_minutes(anon, alice, log_in, path):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        log_in(anon, "alice@example.org")
        clock.shift(timedelta(minutes=6))

        response = anon.post(path, {"action_add": "", "email": "new@example.org"})

    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/reauthenticate/")
    alice.refresh_from_db()
    assert alice.email == "alice@example.org"
