"""/calendar/<token>.ics: the private feed, read by a real iCalendar parser."""

from datetime import date, timedelta

import pytest
from django.test import Client
from icalendar import Calendar

from deadlines import services
from expenses import services as expense_services
from tests.students.conftest import PROVISIONAL


def feed_url(feed) -> str:
    return f"/calendar/{feed.token}.ics"


def events_of(response) -> dict[str, dict]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    assert str(calendar["VERSION"]) == "2.0" and calendar["PRODID"]
    assert calendar.decoded("REFRESH-INTERVAL") == timedelta(hours=12)
    assert str(calendar["X-PUBLISHED-TTL"]) == "PT12H"
    events = {}
    for event in calendar.walk("VEVENT"):
        assert event["UID"] and event["DTSTAMP"]
        events[str(event["SUMMARY"])] = {
            "start": event.decoded("DTSTART"),
            "end": event.decoded("DTEND"),
            "url": str(event["URL"]),
            "description": str(event["DESCRIPTION"]),
        }
    return events


def test_a_non_eu_student_sees_the_vls_ts_deadline_3_months_after_arrival(
    alice, make_profile, client
):
    make_profile(alice, nationality="US", arrival_date=date(2026, 9, 1))
    feed = services.feed_regenerate(student=alice)

    events = events_of(client.get(feed_url(feed)))

    vls = events["Last day to validate your VLS-TS visa online"]
    assert vls["start"] == date(2026, 12, 1)
    assert vls["end"] == date(2026, 12, 2)  # an all-day event
    assert vls["url"].endswith("/en/guide/register-outside-eu/")
    assert "End of your academic year" in events


def test_an_algerian_student_has_no_vls_ts_deadline(alice, make_profile, client):
    make_profile(alice, nationality="DZ", arrival_date=date(2026, 9, 1))
    feed = services.feed_regenerate(student=alice)

    events = events_of(client.get(feed_url(feed)))

    assert not any("VLS-TS" in summary for summary in events)


def test_an_eu_student_has_no_vls_ts_but_an_ehic_ending_early(alice, make_profile, year, client):
    expiry = year.ends_on - timedelta(days=60)
    make_profile(
        alice, nationality="DE", arrival_date=date(2026, 9, 1), ehic_held=True, ehic_expiry=expiry
    )
    feed = services.feed_regenerate(student=alice)

    events = events_of(client.get(feed_url(feed)))

    assert not any("VLS-TS" in summary for summary in events)
    assert events["Your EHIC expires before the end of your academic year"]["start"] == expiry


def test_an_ehic_valid_all_year_is_not_an_event(alice, make_profile, year, client):
    make_profile(alice, nationality="DE", ehic_held=True, ehic_expiry=year.ends_on)
    feed = services.feed_regenerate(student=alice)

    assert not any("EHIC" in summary for summary in events_of(client.get(feed_url(feed))))


def test_a_residence_permit_gives_a_renewal_reminder_two_months_before(alice, make_profile, client):
    make_profile(alice, residence_permit_expiry=date(2027, 10, 31))
    feed = services.feed_regenerate(student=alice)

    events = events_of(client.get(feed_url(feed)))

    assert events["Apply to renew your residence permit"]["start"] == date(2027, 8, 31)
    assert events["Your residence permit expires"]["start"] == date(2027, 10, 31)


def test_a_cpam_request_and_a_sent_claim_are_events(
    alice, alice_registration, bring_to, record, client, today, settings
):
    registration = bring_to(alice_registration, "missing-documents")
    asked_on = registration.events.filter(kind="missing-documents").first().occurred_on
    expense = record(alice, visit_date=today - timedelta(days=3))
    expense_services.claim_mark_sent(expense=expense, on=today - timedelta(days=2))
    feed = services.feed_regenerate(student=alice)

    events = events_of(client.get(feed_url(feed)))

    cpam = events["Answer the CPAM's request for documents"]
    assert cpam["start"] == asked_on + timedelta(days=settings.CPAM_REPLY_SUGGESTED_DAYS)
    assert cpam["url"].endswith("/en/documents/")
    claim = events["Follow up your treatment sheet"]
    assert claim["start"] == today + timedelta(days=28)
    assert claim["url"].endswith("/en/expenses/")


def test_events_are_in_the_students_language(alice, make_profile, client):
    alice.preferred_language = "fr"
    alice.save()
    make_profile(alice, nationality="US", arrival_date=date(2026, 9, 1))
    feed = services.feed_regenerate(student=alice)

    events = events_of(client.get(feed_url(feed)))

    assert "Fin de votre année universitaire" in events
    assert any(event["url"].endswith("/fr/guide/register-outside-eu/") for event in events.values())


def test_the_feed_shows_no_name_and_no_number(alice, alice_registration, bring_to, client):
    bring_to(alice_registration, "provisional-number")
    feed = services.feed_regenerate(student=alice)

    body = client.get(feed_url(feed)).content.decode()

    assert "Liddell" not in body and "LIDDELL" not in body and "Alice" not in body
    assert PROVISIONAL not in body and PROVISIONAL[:7] not in body
    assert "alice@example.org" not in body


def test_a_wrong_token_is_404(alice, alice_registration, client):
    services.feed_regenerate(student=alice)

    assert client.get("/calendar/not-the-token-at-all-0123456789abcdef.ics").status_code == 404


def test_a_revoked_token_is_404(alice, alice_registration, client):
    feed = services.feed_regenerate(student=alice)
    services.feed_revoke(student=alice)

    assert client.get(feed_url(feed)).status_code == 404


def test_regenerating_retires_the_old_token(alice, alice_registration, client):
    old = services.feed_regenerate(student=alice)
    new = services.feed_regenerate(student=alice)

    assert client.get(feed_url(old)).status_code == 404
    assert client.get(feed_url(new)).status_code == 200
    assert old.token != new.token and len(new.token) >= 43


def test_an_inactive_account_has_no_feed(alice, alice_registration, client):
    feed = services.feed_regenerate(student=alice)
    alice.is_active = False
    alice.save()

    assert client.get(feed_url(feed)).status_code == 404


def test_the_uids_stay_the_same_when_the_token_changes(alice, make_profile, client):
    make_profile(alice, arrival_date=date(2026, 9, 1))

    def uids(feed):
        calendar = Calendar.from_ical(client.get(feed_url(feed)).content)
        return sorted(str(event["UID"]) for event in calendar.walk("VEVENT"))

    first = uids(services.feed_regenerate(student=alice))

    assert first == uids(services.feed_regenerate(student=alice))


@pytest.mark.parametrize("who", ["alice", "charlie"])
def test_the_token_is_the_only_key_no_session_needed(alice, charlie, alice_registration, who):
    feed = services.feed_regenerate(student=alice)
    client = Client()
    client.force_login(charlie if who == "charlie" else alice)

    assert client.get(feed_url(feed)).status_code == 200
