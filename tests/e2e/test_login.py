import re

from playwright.sync_api import expect

from tests.e2e.actions import log_out, open_account_menu


def test_a_student_logs_in_after_a_wrong_password_and_logs_out(
    page, alice, password, language, shot
):
    alice.preferred_language = language
    alice.save()
    page.goto(f"/{language}/accounts/login/")
    shot(page, "login form")

    page.fill("input[name=login]", alice.email)
    page.fill("input[name=password]", "not-the-password")
    page.click("main button[type=submit]")
    expect(page.locator("main .alert-danger, main .invalid-feedback").first).to_be_visible()
    shot(page, "wrong password")

    page.fill("input[name=password]", password)
    page.click("main button[type=submit]")
    expect(page).to_have_url(re.compile(f"/{language}/dashboard/$"))
    shot(page, "dashboard")

    open_account_menu(page)
    shot(page, "account menu")

    log_out(page)
    expect(page).to_have_url(re.compile(f"/{language}/$"))
    expect(page.locator(f"header a[href='/{language}/accounts/login/']")).to_be_attached()
    shot(page, "logged out")
    assert page.goto(f"/{language}/dashboard/").url.split("?")[0].endswith("/accounts/login/")
