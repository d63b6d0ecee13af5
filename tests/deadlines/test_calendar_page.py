"""/<lang>/calendar/: subscribe and download links, phone instructions, revoke, regenerate."""

from datetime import date

from django.test import Client
from icalendar import Calendar

from deadlines.models import CalendarFeed

URL = "/en/calendar/"


def test_anonymous_visitors_are_sent_to_log_in(client):
    assert "/accounts/login/" in client.get(URL)["Location"]


def test_without_a_link_it_offers_to_create_one(alice_client):
    html = alice_client.get(URL).content.decode()

    assert "Create my private calendar link" in html
    assert "webcal://" not in html


def test_creating_the_link_shows_subscribe_and_download(alice, alice_client):
    response = alice_client.post("/en/calendar/new-link/", follow=True)

    feed = CalendarFeed.objects.get(student=alice)
    html = response.content.decode()
    assert f"webcal://testserver/calendar/{feed.token}.ics" in html
    assert f"http://testserver/calendar/{feed.token}.ics" in html
    assert "/en/calendar/download.ics" in html
    assert "iPhone" in html and "Android" in html


def test_the_page_lists_the_deadlines(alice, alice_client, make_profile):
    make_profile(alice, arrival_date=date(2026, 9, 1))

    html = alice_client.get(URL).content.decode()

    assert "Last day to validate your VLS-TS visa online" in html


def test_regenerating_asks_first_then_replaces_the_link(alice, alice_client):
    alice_client.post("/en/calendar/new-link/")
    old = CalendarFeed.objects.get(student=alice).token

    assert "stops working at once" in alice_client.get("/en/calendar/new-link/").content.decode()
    assert CalendarFeed.objects.get(student=alice).token == old
    alice_client.post("/en/calendar/new-link/")

    assert CalendarFeed.objects.get(student=alice).token != old


def test_revoking_asks_first_then_deletes_the_link(alice, alice_client):
    alice_client.post("/en/calendar/new-link/")

    assert alice_client.get("/en/calendar/revoke/").status_code == 200
    assert CalendarFeed.objects.filter(student=alice).exists()
    alice_client.post("/en/calendar/revoke/")

    assert not CalendarFeed.objects.filter(student=alice).exists()


def test_revoking_touches_only_ones_own_link(alice, charlie, alice_client):
    alice_client.post("/en/calendar/new-link/")
    other = Client()
    other.force_login(charlie)

    other.post("/en/calendar/revoke/")

    assert CalendarFeed.objects.filter(student=alice).exists()


def test_the_download_is_the_same_calendar(alice, alice_client, make_profile):
    make_profile(alice, arrival_date=date(2026, 9, 1))

    response = alice_client.get("/en/calendar/download.ics")

    assert response["Content-Disposition"].startswith("attachment")
    calendar = Calendar.from_ical(response.content)
    summaries = [str(event["SUMMARY"]) for event in calendar.walk("VEVENT")]
    assert "Last day to validate your VLS-TS visa online" in summaries


def test_the_page_and_the_feed_need_few_queries_however_many_claims(
    alice, alice_client, record, today, django_assert_max_num_queries
):
    from datetime import timedelta

    from deadlines.services import feed_regenerate
    from expenses import services as expense_services

    for days in range(20):
        expense = record(alice, visit_date=today - timedelta(days=days + 1))
        expense_services.claim_mark_sent(expense=expense, on=today)
    feed = feed_regenerate(student=alice)

    with django_assert_max_num_queries(12):
        alice_client.get(URL)
    with django_assert_max_num_queries(8):
        Client().get(f"/calendar/{feed.token}.ics")
