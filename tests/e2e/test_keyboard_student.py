"""Keyboard only: the profile form, the dashboard's task list and the upload form.

Tab, typing, Space and Enter, never the mouse. For the file input, Playwright fills the
focused input: that is the file chooser a keyboard user opens with Enter or Space.
"""

import re

from django.utils import translation
from django_countries import countries
from playwright.sync_api import expect

from documents.kinds import DocumentKind
from documents.models import Document
from tests.documents import files
from tests.documents.conftest import private_storage  # noqa: F401
from tests.e2e.actions import focused_matches, skip_to_main, tab_to
from tests.e2e.checks import check_focus_visible
from tests.students.conftest import year  # noqa: F401

# The skip link leaves #main in the address, and the browser keeps it across a redirect.
AFTER_SKIP_LINK = "(#main)?$"
TEXT_FIELDS = {
    "legal_surname": "Okafor",
    "legal_given_names": "Chidi",
}
ADDRESS_FIELDS = {
    "address_line_1": "3 rue des Étudiants",
    "postal_code": "92000",
    "city": "Nanterre",
    "phone": "+33 6 98 76 54 32",
    "programme": "Licence in Law",
}


def test_a_student_fills_the_profile_reads_the_steps_and_uploads_with_the_keyboard_alone(
    page, alice, year, language, shot, sign_in
):
    alice.preferred_language = language
    alice.save(update_fields=["preferred_language"])
    sign_in(page, alice, language=language)
    page.goto(f"/{language}/dashboard/")

    # The first task, then the profile form.
    skip_to_main(page)
    tab_to(page, f"a.task-list__link[href='/{language}/profile/']")
    shot(page, "dashboard: the first task focused", full_page=False)
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(f"/{language}/profile/{AFTER_SKIP_LINK}"))
    skip_to_main(page)
    for name, value in TEXT_FIELDS.items():
        tab_to(page, f"input[name={name}]")
        page.keyboard.type(value)
    tab_to(page, "input[name=date_of_birth]")
    # Chromium's date field takes the digits of each part in turn, in the order it shows
    # them; Debian's Chromium shows mm/dd/yyyy whatever the page's language.
    page.keyboard.type("09242001")
    expect(page.locator("input[name=date_of_birth]")).to_have_value("2001-09-24")
    nigeria = country_name("NG", language)
    for name in ("country_of_birth", "nationality"):
        tab_to(page, f"select[name={name}]")
        page.keyboard.type(nigeria)  # a closed <select> picks the option typed
        expect(page.locator(f"select[name={name}]")).to_have_value("NG")
    tab_to(page, "input[name=quebec_resident]")
    page.keyboard.press("Space")
    expect(page.locator("input[name=quebec_resident]")).to_be_checked()
    page.keyboard.press("Space")
    expect(page.locator("input[name=quebec_resident]")).not_to_be_checked()
    for name, value in ADDRESS_FIELDS.items():
        tab_to(page, f"input[name={name}]")
        page.keyboard.type(value)
    tab_to(page, "input[name=stay_length]:checked")
    shot(page, "profile: the stay length focused")
    tab_to(page, "main button[type=submit]")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(f"/{language}/dashboard/{AFTER_SKIP_LINK}"))

    # Every row of the task list that leads somewhere is a Tab stop with a visible focus.
    # (The address ends in #main, so Tab starts from <main>, past the skip link.)
    rows = page.locator("#steps-heading ~ ol .task-list__link")
    # The profile, preparing the documents and registering; the others cannot start yet.
    expect(rows).to_have_count(3)
    for index in range(rows.count()):
        href = rows.nth(index).get_attribute("href")
        tab_to(page, f"#steps-heading ~ ol .task-list__link[href='{href}']", limit=40)
        check_focus_visible(page)
    shot(page, "dashboard: a step focused", full_page=False)

    # The upload form, from the dashboard's list of documents.
    tab_to(page, f"#documents-heading ~ ul a[href='/{language}/documents/upload/passport-id/']")
    page.keyboard.press("Enter")
    expect(page).to_have_url(
        re.compile(f"/{language}/documents/upload/passport-id/{AFTER_SKIP_LINK}")
    )
    skip_to_main(page)
    tab_to(page, "input[name=files]")
    photo = {"name": "passport.jpg", "mimeType": "image/jpeg", "buffer": files.jpeg()}
    page.locator(":focus").set_input_files(files=[photo])
    assert focused_matches(page, "input[name=files]")
    shot(page, "upload: the file chosen")
    tab_to(page, "main button[type=submit]")
    page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile(f"/{language}/documents/{AFTER_SKIP_LINK}"))
    expect(page.locator(".messages .alert-success")).to_be_visible()
    shot(page, "documents: uploaded")
    assert Document.objects.filter(owner=alice, kind=DocumentKind.PASSPORT_OR_ID).exists()


def country_name(code: str, language: str) -> str:
    with translation.override(language):
        return str(countries.name(code))
