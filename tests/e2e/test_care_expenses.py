"""A student with a provisional number records three visits, prints the cover letter, marks
one reimbursed, and subscribes to the deadlines feed, where the VLS-TS deadline appears."""

import re
from datetime import timedelta
from decimal import Decimal

from django.utils import timezone
from icalendar import Calendar
from playwright.sync_api import expect

from expenses import services as expense_services
from tests.e2e.texts import gettext_in
from tests.students.conftest import bring_to, make_profile, year  # noqa: F401


def record_visit(page, *, day, fee, sector="1", gp="yes"):
    page.fill("input[name=visit_date]", day.isoformat())
    page.check("input[name=kind][value=gp]")
    page.select_option("select[name=sector]", sector)
    page.fill("input[name=fee]", fee)
    page.check(f"input[name=gp][value={gp}]")
    page.check("input[name=complementary][value=none]")
    page.click("form[action$='/expenses/'] button[type=submit]")


def test_a_student_tracks_paper_claims_and_subscribes_to_deadlines(
    page, alice, language, shot, sign_in, make_profile, bring_to, live_server, reference_data
):
    today = timezone.localdate()
    arrival = today - timedelta(days=40)
    registration = make_profile(alice, nationality="US", arrival_date=arrival)
    bring_to(registration, "provisional-number")
    alice.preferred_language = language
    alice.save(update_fields=["preferred_language"])
    sign_in(page, alice, language=language)

    page.goto(f"/{language}/dashboard/")
    card = page.locator("section[aria-labelledby=care-expenses-heading]")
    expect(card).to_be_visible()
    shot(page, "dashboard: the care expenses card")
    card.locator(f"a[href='/{language}/expenses/']").click()
    expect(page).to_have_url(re.compile(f"/{language}/expenses/$"))
    shot(page, "expenses: empty")

    # A bad fee first: explained, nothing recorded.
    record_visit(page, day=today - timedelta(days=10), fee="-5")
    expect(page.locator("#id_fee")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("main")).to_contain_text(
        gettext_in(language, "Write a fee between 0,01 and 10 000 euros.")
    )
    shot(page, "expenses: a negative fee refused")

    for days, fee in ((20, "30"), (12, "26,50"), (5, "30")):
        record_visit(page, day=today - timedelta(days=days), fee=fee)
        expect(page.locator(".alert-success")).to_be_visible()
    expect(page.locator("main .expense-list > li")).to_have_count(3)
    expect(page.locator("[data-total=paid]")).to_contain_text("86")
    # 30 € and 30 € (19 € each) and 26,50 € (26,50 × 70 % − 2 € = 16,55 €).
    expect(page.locator("[data-total=expected]")).to_contain_text("54")
    shot(page, "expenses: three visits")

    letter = page.locator(f"a[href='/{language}/expenses/letter.pdf']")
    expect(letter).to_be_visible()
    response = page.request.get(live_server.url + f"/{language}/expenses/letter.pdf")
    assert response.ok and response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")

    # Send the oldest, then record its reimbursement.
    oldest = page.locator("main .expense-list > li").last
    oldest.locator("a[href$='/sent/']").click()
    shot(page, "claim: mark as sent")
    page.fill("input[name=on]", (today - timedelta(days=18)).isoformat())
    page.click("main form button[type=submit]")
    expect(page).to_have_url(re.compile(f"/{language}/expenses/$"))
    page.locator("main .expense-list > li").last.locator("a[href$='/reimbursed/']").click()
    page.fill("input[name=amount]", "50")
    page.fill("input[name=on]", today.isoformat())
    page.click("main form button[type=submit]")
    expect(page.locator(".alert-danger")).to_contain_text(
        gettext_in(language, "The amount reimbursed cannot be more than the fee you paid.")
    )
    shot(page, "claim: a reimbursement larger than the fee refused")
    page.fill("input[name=amount]", "19")
    page.click("main form button[type=submit]")
    expect(page).to_have_url(re.compile(f"/{language}/expenses/$"))
    expect(page.locator("[data-total=reimbursed]")).to_contain_text("19")
    shot(page, "expenses: one reimbursed")

    # A claim sent long ago is flagged on the dashboard.
    old = expense_services.expense_record(
        student=alice,
        visit_date=today - timedelta(days=36),
        kind="gp",
        sector="1",
        fee=Decimal("30"),
        gp_declared=True,
        complementary="none",
    )
    expense_services.claim_mark_sent(expense=old, on=today - timedelta(days=35))
    page.goto(f"/{language}/dashboard/")
    expect(card.locator(".alert-warning")).to_be_visible()
    shot(page, "dashboard: a claim to follow up")

    # The calendar: create the link, find the VLS-TS deadline in the feed.
    card.locator(f"a[href='/{language}/calendar/']").click()
    shot(page, "calendar: no link yet")
    page.click(f"form[action='/{language}/calendar/new-link/'] button[type=submit]")
    subscribe = page.locator("a[href^='webcal://']")
    expect(subscribe).to_be_visible()
    feed_url = page.locator("#feed-url").input_value()
    assert subscribe.get_attribute("href") == "webcal://" + feed_url.split("://", 1)[1]
    shot(page, "calendar: subscribe and download")
    feed = page.request.get(feed_url)
    assert feed.ok
    summaries = [str(event["SUMMARY"]) for event in Calendar.from_ical(feed.body()).walk("VEVENT")]
    assert gettext_in(language, "Last day to validate your VLS-TS visa online") in summaries
    assert gettext_in(language, "Follow up your treatment sheet") in summaries

    page.click(f"a[href='/{language}/calendar/revoke/']")
    shot(page, "calendar: revoke?")
    page.click(f"form[action='/{language}/calendar/revoke/'] button[type=submit]")
    expect(page.locator("a[href^='webcal://']")).to_have_count(0)
    assert page.request.get(feed_url).status == 404


def test_an_estimate_is_added_to_the_expenses_with_one_button(
    page, alice, language, shot, sign_in, make_profile, reference_data
):
    make_profile(alice)
    sign_in(page, alice, language=language)
    day = timezone.localdate() - timedelta(days=3)
    page.goto(f"/{language}/estimate/?date={day.isoformat()}&fee=30&gp=yes&sector=1")
    button = page.locator(f"form[action='/{language}/expenses/from-estimate/'] button")
    expect(button).to_be_visible()
    shot(page, "estimate: add to my expenses")
    button.click()

    expect(page).to_have_url(re.compile(f"/{language}/expenses/$"))
    expect(page.locator("main .expense-list > li")).to_have_count(1)
    expect(page.locator("[data-total=expected]")).to_contain_text("19")
    shot(page, "expenses: added from the estimate")
