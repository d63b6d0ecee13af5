import re

from playwright.sync_api import expect

from tests.e2e.actions import open_account_menu

NEW_PASSWORD = "another-long-secret-phrase"


def test_a_student_changes_the_password_from_the_account_menu(
    student_page, alice, password, language, shot
):
    page = student_page
    open_account_menu(page)
    page.click(f"a[href='/{language}/accounts/password/change/']")
    shot(page, "password change form")

    page.fill("input[name=oldpassword]", password)
    page.fill("input[name=password1]", NEW_PASSWORD)
    page.fill("input[name=password2]", NEW_PASSWORD)
    page.click("main button[type=submit]")
    expect(page.locator(".messages .alert")).to_be_visible()
    shot(page, "password changed")

    alice.refresh_from_db()
    assert alice.check_password(NEW_PASSWORD)


def test_a_student_sees_the_e_mail_addresses_from_the_account_menu(
    student_page, alice, language, shot
):
    page = student_page
    open_account_menu(page)
    page.click(f"a[href='/{language}/accounts/email/']")
    expect(page).to_have_url(re.compile(f"/{language}/accounts/email/$"))
    expect(page.locator("main input[disabled]")).to_have_value(alice.email)
    shot(page, "e-mail addresses")


def test_a_student_sees_the_two_factor_page_from_the_account_menu(student_page, language, shot):
    page = student_page
    open_account_menu(page)
    page.click(f"a[href='/{language}/accounts/2fa/']")
    expect(page).to_have_url(re.compile(f"/{language}/accounts/2fa/$"))
    shot(page, "two-factor authentication")
