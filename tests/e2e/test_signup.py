import re

from playwright.sync_api import expect

from accounts.models import User

CONFIRM_LINK = r"^/(en|fr)/accounts/confirm-email/[^/]+/$"
NEW_PASSWORD = "a-long-enough-secret-phrase"


def test_a_student_signs_up_confirms_the_address_and_reaches_the_dashboard(
    page, language, shot, mailoutbox, link_in_mail
):
    page.goto(f"/{language}/")
    shot(page, "home")

    page.click(f"main a[href='/{language}/accounts/signup/']")
    expect(page).to_have_url(re.compile(f"/{language}/accounts/signup/$"))
    shot(page, "sign-up form")

    page.fill("input[name=email]", "dana@example.org")
    page.fill("input[name=password1]", NEW_PASSWORD)
    page.fill("input[name=password2]", "not-the-same-phrase")
    page.click("main button[type=submit]")
    field = page.locator("input[name=password2]")
    expect(field).to_have_attribute("aria-invalid", "true")
    error_id = field.get_attribute("aria-describedby").split()[0]
    expect(page.locator(f"#{error_id}")).not_to_be_empty()
    shot(page, "sign-up errors")

    page.fill("input[name=password1]", NEW_PASSWORD)
    page.fill("input[name=password2]", NEW_PASSWORD)
    page.click("main button[type=submit]")
    expect(page).to_have_url(re.compile(f"/{language}/accounts/confirm-email/$"))
    shot(page, "check your mail")

    assert [m.to for m in mailoutbox] == [["dana@example.org"]]
    page.goto(link_in_mail(mailoutbox[0], CONFIRM_LINK))
    shot(page, "confirm the address")

    page.click("main button[type=submit]")
    expect(page).to_have_url(re.compile(f"/{language}/dashboard/$"))
    expect(page.locator("main")).to_contain_text("dana@example.org")
    shot(page, "dashboard")
    assert User.objects.get(email="dana@example.org").preferred_language == language
