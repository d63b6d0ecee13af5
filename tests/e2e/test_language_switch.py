import re

from playwright.sync_api import expect

from tests.e2e.actions import switch_language

OTHER = {"en": "fr", "fr": "en"}


def test_a_visitor_switches_the_language_and_stays_on_the_same_page(page, language, shot):
    page.goto(f"/{language}/privacy/")
    shot(page, "before")

    switch_language(page)

    other = OTHER[language]
    expect(page).to_have_url(re.compile(f"/{other}/privacy/$"))
    expect(page.locator("html")).to_have_attribute("lang", other)
    shot(page, "after")
