import re

from playwright.sync_api import expect


def test_staff_log_in_to_the_admin_through_the_portal_login(page, bob, password, language, shot):
    bob.preferred_language = language
    bob.save()

    page.goto("/admin/")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next="))
    shot(page, "login")

    page.fill("input[name=login]", bob.email)
    page.fill("input[name=password]", password)
    page.click("main button[type=submit]")
    expect(page).to_have_url(re.compile(r"/admin/$"))
    shot(page, "admin index", language=language)


def test_the_staff_page_fixture_opens_the_admin(staff_page, language, shot):
    expect(staff_page.locator("#user-tools")).to_be_visible()
    shot(staff_page, "admin index", language=language)
