import re

from playwright.sync_api import expect

RESET_LINK = r"^/(en|fr)/accounts/password/reset/key/[^/]+/$"
NEW_PASSWORD = "a-brand-new-secret-phrase"


def test_a_student_who_forgot_the_password_sets_a_new_one_from_the_mail(
    page, alice, language, shot, mailoutbox, link_in_mail
):
    page.goto(f"/{language}/accounts/login/")
    page.click(f"main a[href='/{language}/accounts/password/reset/']")
    expect(page).to_have_url(re.compile(f"/{language}/accounts/password/reset/$"))
    shot(page, "reset form")

    page.fill("input[name=email]", alice.email)
    page.click("main button[type=submit]")
    expect(page).to_have_url(re.compile(f"/{language}/accounts/password/reset/done/$"))
    shot(page, "reset requested")

    assert [m.to for m in mailoutbox] == [[alice.email]]
    page.goto(link_in_mail(mailoutbox[0], RESET_LINK))
    shot(page, "new password form")

    page.fill("input[name=password1]", NEW_PASSWORD)
    page.fill("input[name=password2]", NEW_PASSWORD)
    page.click("main button[type=submit]")
    expect(page).to_have_url(re.compile(f"/{language}/accounts/password/reset/key/done/$"))
    shot(page, "password changed")

    alice.refresh_from_db()
    assert alice.check_password(NEW_PASSWORD)
