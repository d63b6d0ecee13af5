"""Arabic (right to left) and Simplified Chinese in the browser, at 375 and 1280 px.

Every step is checked as everywhere (tests/e2e/checks.py): lang, and dir="rtl" on every
Arabic page, no sideways scrolling, no console error, zero axe violations. Strings not
translated yet show in English; the layout, the direction and the fonts are what is tested.
"""

import re

import pytest
from playwright.sync_api import Page, expect

from guidance.models import Page as GuidancePage
from guidance.models import PageTranslation
from tests.documents.conftest import bob as reviewer  # noqa: F401
from tests.documents.conftest import private_storage  # noqa: F401
from tests.e2e import test_non_eu_student as non_eu
from tests.e2e.actions import switch_language
from tests.students.conftest import PROVISIONAL, year  # noqa: F401

NEW_LANGUAGES = ["ar", "zh-hans"]
pytestmark = [
    pytest.mark.parametrize("language", NEW_LANGUAGES),
    pytest.mark.usefixtures("reference_data", "year"),
]
# 19.00 € with the reader's decimal separator (Django's formats: a comma in Arabic).
REIMBURSED = {"ar": "19,00", "zh-hans": "19.00"}
PUBLIC_PAGES = {
    "home": "/",
    "guidance index": "/guide/",
    "guidance page, not translated yet": "/guide/register-outside-eu/",
    "estimate": "/estimate/?fee=30&gp=yes&sector=1",
    "number helper": f"/number/?number={PROVISIONAL}",
    "which path": "/which-path/?nationality=DE&ehic=yes&ehic_until=2027-08-31&months=10",
    "link kit": "/guide/links/",
    "page poster": "/guide/help/poster/",
    "tool poster": "/guide/links/number/poster/",
    "privacy": "/privacy/",
    "accessibility": "/accessibility/",
    "log in": "/accounts/login/",
    "sign up": "/accounts/signup/",
}
STUDENT_PAGES = {
    "dashboard": "/dashboard/",
    "profile": "/profile/",
    "documents": "/documents/",
    "messages": "/messages/",
    "care expenses": "/expenses/",
    "calendar": "/calendar/",
    "e-mails": "/account/e-mails/",
    "my data": "/account/my-data/",
    "delete my account": "/account/delete/",
}


# A stub translation, as a translator's file would give it: the English page's anchors.
def expect_mirrored(page: Page, language: str) -> None:
    """The header reads from the reading side: the portal's name first, where the eye starts."""
    brand = page.locator(".navbar-brand").bounding_box()
    bar = page.locator(".portal-header .navbar > .container").bounding_box()
    if language == "ar":
        assert brand["x"] + brand["width"] >= bar["x"] + bar["width"] - 40, (brand, bar)
    else:
        assert brand["x"] <= bar["x"] + 40, (brand, bar)


def test_a_visitor_reads_every_public_page(page, language, shot):
    for name, address in PUBLIC_PAGES.items():
        response = page.goto(f"/{language}{address}")
        assert response.status == 200, address
        shot(page, name)
        expect_mirrored(page, language)

    page.goto(f"/{language}/estimate/?fee=30&gp=yes&sector=1")
    amount = page.locator(".estimate-line-insurance .estimate-amount")
    expect(amount).to_contain_text(REIMBURSED[language])
    if language == "ar":
        # The amount stands at the reading end of its line: the left in Arabic.
        line = page.locator(".estimate-line-insurance").bounding_box()
        box = amount.bounding_box()
        assert box["x"] - line["x"] < line["width"] / 2

    # A page whose translation is missing falls back to the English text, with a note.
    PageTranslation.objects.filter(page__slug="register-outside-eu", language=language).delete()
    page.goto(f"/{language}/guide/register-outside-eu/")
    expect(page.locator("main .alert-info[role=note]")).to_be_visible()
    expect(page.locator("article.guide-page")).to_have_attribute("lang", "en")
    shot(page, "guidance page not translated yet")


def test_a_visitor_chooses_the_language_in_the_picker(page, language, shot):
    page.goto("/en/privacy/")

    switch_language(page, to=language)

    expect(page).to_have_url(re.compile(f"/{language}/privacy/$"))
    expect(page.locator("html")).to_have_attribute("lang", language)
    shot(page, "after choosing the language")
    if page.locator(".navbar-toggler").is_visible():
        page.click(".navbar-toggler")
    page.click("#language-menu-button")
    menu = page.locator(".language-switcher .dropdown-menu")
    expect(menu).to_be_visible()
    # Not signed in: the same page in each language, as links.
    expect(menu.locator("a")).to_have_text(
        ["English", "Français", "Español", "简体中文", "العربية"]
    )
    expect(menu.locator("a[aria-current=page]")).to_have_attribute("hreflang", language)
    shot(page, "the picker open")


def test_a_translated_guidance_page_says_what_it_was_translated_from(page, language, shot):
    # The translation shipped in guidance/content/help.<language>.md.
    text = GuidancePage.objects.get(slug="help").translations.get(language=language)
    assert text.translated_from == "en" and text.translated_on is not None
    title = text.title

    page.goto(f"/{language}/guide/help/")

    expect(page.locator("h1")).to_have_text(title)
    expect(page.locator("article.guide-page")).not_to_have_attribute("lang", "en")
    note = page.locator(".guide-translation-note")
    expect(note).to_be_visible()
    expect(note.locator("a[hreflang=fr]")).to_have_attribute("href", "/fr/guide/help/")
    expect(page.locator(".guide-sources li").first).to_be_visible()
    shot(page, "translated page")
    page.goto(f"/{language}/guide/help/#phone")
    expect(page.locator("#phone")).to_be_visible()


def test_a_student_finds_every_page_of_the_account(student_page, language, shot):
    page = student_page
    for name, address in STUDENT_PAGES.items():
        response = page.goto(f"/{language}{address}")
        assert response.status == 200, address
        shot(page, name)


def test_a_student_from_outside_the_eu_goes_from_sign_up_to_the_carte_vitale(
    page,
    language,
    shot,
    mailoutbox,
    link_in_mail,
    reviewer,  # noqa: F811
):
    non_eu.test_a_student_from_outside_the_eu_goes_from_sign_up_to_the_carte_vitale(
        page, language, shot, mailoutbox, link_in_mail, reviewer
    )
