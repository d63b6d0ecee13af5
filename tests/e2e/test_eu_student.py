"""An EU student whose EHIC covers the year, then does not: the path changes to registering."""

import re
from datetime import timedelta

from playwright.sync_api import expect

from students.paths import Path
from tests.e2e.texts import date_in, label_in
from tests.students.conftest import make_profile, year  # noqa: F401


def test_an_eu_student_whose_ehic_stops_covering_the_year_is_told_to_register(
    page, alice, language, shot, sign_in, make_profile, year
):
    covers_the_year = year.ends_on + timedelta(days=60)
    make_profile(
        alice,
        nationality="DE",
        country_of_birth="DE",
        ehic_held=True,
        ehic_expiry=covers_the_year,
    )
    alice.preferred_language = language
    alice.save(update_fields=["preferred_language"])
    sign_in(page, alice, language=language)
    page.goto(f"/{language}/dashboard/")

    expect(page.locator("#path-heading + p")).to_have_text(label_in(language, Path.EU_WITH_EHIC))
    guidance = page.locator("section[aria-labelledby=path-guidance-heading]")
    expect(guidance).to_contain_text(date_in(language, covers_the_year))
    expect(page.locator("#steps-heading")).to_have_count(0)
    # No registration: one action, keep the card and the student card here.
    expect(page.locator(".next-step a.btn")).to_have_count(1)
    expect(page.locator(".next-step a.btn-primary")).to_have_attribute(
        "href", f"/{language}/documents/"
    )
    for kind in ("ehic", "student-card"):
        expect(documents_link(page, language, kind)).to_be_visible()
    shot(page, "dashboard: the EHIC covers the year")

    page.click(f"#path-heading ~ p a[href='/{language}/profile/']")
    expires_in_the_year = year.ends_on - timedelta(days=90)
    page.fill("input[name=ehic_expiry]", expires_in_the_year.isoformat())
    shot(page, "profile: the new EHIC expiry")
    page.click("main button[type=submit]")

    expect(page).to_have_url(re.compile(f"/{language}/dashboard/$"))
    expect(page.locator("#path-heading + p")).to_have_text(label_in(language, Path.EU_REGISTER))
    expect(page.locator("#path-heading ~ ul")).to_contain_text(
        date_in(language, expires_in_the_year)
    )
    expect(page.locator("#steps-heading")).to_be_visible()
    # The change is explained; documents come first, then the official site.
    expect(page.locator("#path-change")).to_be_visible()
    expect(page.locator("#step-prepare-status .task-tag--in-progress")).to_be_visible()
    expect(page.locator("#step-register-status .task-tag--not-started")).to_be_visible()
    expect(page.locator(".next-step a.btn")).to_have_count(1)
    expect(page.locator(".next-step a[href*='/guide/']")).to_have_attribute(
        "href", re.compile(r"/guide/eu-students/#documents$")
    )
    expect(documents_link(page, language, "s1")).to_be_visible()
    expect(documents_link(page, language, "ehic")).to_have_count(0)
    shot(page, "dashboard: register, with the tracker")


def documents_link(page, language: str, kind: str):
    return page.locator(f"#documents-heading ~ ul a[href='/{language}/documents/upload/{kind}/']")
