"""Session lifetimes (SECURITY.md row 10): idle limits by role and an absolute limit."""

from datetime import timedelta

import time_machine
from django.test import Client
from django.utils import timezone


def dashboard_status(client):
    response = client.get("/en/dashboard/")
    if response.status_code == 302:
        assert response["Location"].startswith("/en/accounts/login/")
    return response.status_code


def test_a_student_stays_signed_in_within_30_idle_minutes(anon, alice, log_in):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        log_in(anon, "alice@example.org")
        clock.shift(timedelta(minutes=29))

        assert dashboard_status(anon) == 200


def test_a_student_is_signed_out_after_30_idle_minutes(anon, alice, log_in):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        log_in(anon, "alice@example.org")
        clock.shift(timedelta(minutes=31))

        assert dashboard_status(anon) == 302


def test_staff_are_signed_out_after_15_idle_minutes(anon, bob, log_in):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        log_in(anon, "bob@example.org")
        clock.shift(timedelta(minutes=16))

        assert dashboard_status(anon) == 302


def test_activity_renews_the_idle_limit(anon, alice, log_in):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        log_in(anon, "alice@example.org")
        for _ in range(3):
            clock.shift(timedelta(minutes=20))
            assert dashboard_status(anon) == 200


def test_a_session_ends_after_12_hours_even_with_continuous_activity(anon, alice, log_in):
    step = timedelta(minutes=20)
    elapsed = timedelta(0)
    with time_machine.travel(timezone.now(), tick=False) as clock:
        log_in(anon, "alice@example.org")
        while dashboard_status(anon) == 200 and elapsed < timedelta(hours=13):
            clock.shift(step)
            elapsed += step

    assert timedelta(hours=12) <= elapsed <= timedelta(hours=12) + step


def test_the_session_cookie_ends_with_the_browser(anon, alice, bob, log_in):
    """Issue 16, #6: no Max-Age or Expires, so a shared computer forgets the session."""
    for email in ("alice@example.org", "bob@example.org"):
        client = Client()
        log_in(client, email)
        client.get("/en/dashboard/")
        cookie = client.cookies["sessionid"]

        assert cookie.value
        assert cookie["max-age"] == ""
        assert cookie["expires"] == ""


def test_the_idle_limit_holds_on_the_server_whatever_the_browser_sends(anon, alice, log_in):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        log_in(anon, "alice@example.org")
        clock.shift(timedelta(minutes=31))
        # A browser that kept the cookie (never closed) gets nothing from it.
        assert dashboard_status(anon) == 302
        assert dashboard_status(anon) == 302


def session_writes(client, path="/en/dashboard/"):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return [
        q["sql"]
        for q in queries
        if "django_session" in q["sql"]
        and q["sql"].lstrip().upper().startswith(("UPDATE", "INSERT", "DELETE"))
    ]


def test_pages_within_a_minute_do_not_rewrite_the_session(anon, alice, log_in):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        log_in(anon, "alice@example.org")
        anon.get("/en/dashboard/")  # the first page after the login may stamp the session
        clock.shift(timedelta(seconds=30))

        assert session_writes(anon) == []
        clock.shift(timedelta(seconds=29))
        assert session_writes(anon) == []


def test_the_activity_stamp_is_refreshed_once_a_minute_has_passed(anon, alice, log_in):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        log_in(anon, "alice@example.org")
        anon.get("/en/dashboard/")
        clock.shift(timedelta(seconds=61))

        assert len(session_writes(anon)) == 1
        assert session_writes(anon) == []


def test_the_idle_limit_holds_to_the_minute_without_a_write_per_request(anon, alice, log_in):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        log_in(anon, "alice@example.org")
        anon.get("/en/dashboard/")
        clock.shift(timedelta(seconds=50))
        assert dashboard_status(anon) == 200  # within the minute: not written

        # 30 min after the stamp, 29 min 10 s after the last request: signed out, less
        # than a minute early and never late.
        clock.shift(timedelta(minutes=29, seconds=11))
        assert dashboard_status(anon) == 302


def test_a_student_active_every_45_seconds_stays_signed_in(anon, alice, log_in):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        log_in(anon, "alice@example.org")
        for _ in range(60):
            clock.shift(timedelta(seconds=45))
            assert dashboard_status(anon) == 200


def test_an_idle_session_still_sees_public_pages_signed_out(anon, alice, log_in):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        log_in(anon, "alice@example.org")
        anon.get("/en/dashboard/")
        clock.shift(timedelta(minutes=31))

        response = anon.get("/en/")
        assert response.status_code == 200
        assert not response.wsgi_request.user.is_authenticated
