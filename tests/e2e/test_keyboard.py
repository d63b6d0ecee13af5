import re

from playwright.sync_api import expect

from tests.e2e.actions import focused_matches, skip_to_main, tab_to
from tests.e2e.checks import check_focus_visible

NEW_PASSWORD = "a-long-enough-secret-phrase"


def test_the_skip_link_is_the_first_tab_stop_and_moves_the_focus_to_main(page, language, shot):
    page.goto(f"/{language}/")

    page.keyboard.press("Tab")
    assert focused_matches(page, "a.skip-link")
    check_focus_visible(page)
    shot(page, "skip link focused")

    page.keyboard.press("Enter")
    assert focused_matches(page, "main#main")
    expect(page).to_have_url(re.compile(r"#main$"))


def test_the_sign_up_form_works_with_the_keyboard_alone(page, language, shot, mailoutbox):
    page.goto(f"/{language}/accounts/signup/")
    skip_to_main(page)

    tab_to(page, "input[name=email]")
    page.keyboard.type("kim@example.org")
    shot(page, "e-mail focused")
    tab_to(page, "input[name=password1]")
    page.keyboard.type(NEW_PASSWORD)
    tab_to(page, "input[name=password2]")
    page.keyboard.type(NEW_PASSWORD)
    tab_to(page, "main button[type=submit]")
    shot(page, "submit focused")
    page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile(f"/{language}/accounts/confirm-email/$"))
    assert [m.to for m in mailoutbox] == [["kim@example.org"]]


def test_the_login_form_works_with_the_keyboard_alone(page, alice, password, language, shot):
    alice.preferred_language = language
    alice.save()
    page.goto(f"/{language}/accounts/login/")
    skip_to_main(page)

    tab_to(page, "input[name=login]")
    page.keyboard.type(alice.email)
    tab_to(page, "input[name=password]")
    page.keyboard.type(password)
    shot(page, "password focused")
    page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile(f"/{language}/dashboard/$"))
