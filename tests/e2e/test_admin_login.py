import re
import time

import time_machine
from playwright.sync_api import expect

from tests.conftest import give_totp
from tests.staff.conftest import totp_code


def test_staff_log_in_to_the_admin_through_the_portal_login(page, bob, password, language, shot):
    bob.preferred_language = language
    bob.save()
    give_totp(bob)

    page.goto("/admin/")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next="))
    shot(page, "login")

    page.fill("input[name=login]", bob.email)
    page.fill("input[name=password]", password)
    page.click("main button[type=submit]")
    expect(page).to_have_url(re.compile(r"/accounts/2fa/authenticate/$"))
    shot(page, "code")

    # The code of the current 30-second window only: start the clock at a window's start.
    now = time.time()
    with time_machine.travel(now - now % 30, tick=True):
        page.fill("input[name=code]", totp_code())
        page.click("main button[type=submit]")
        expect(page).to_have_url(re.compile(r"/admin/$"))
    shot(page, "admin index", language=language)


def test_the_staff_page_fixture_opens_the_admin(staff_page, language, shot):
    expect(staff_page.locator("#user-tools")).to_be_visible()
    shot(staff_page, "admin index", language=language)
