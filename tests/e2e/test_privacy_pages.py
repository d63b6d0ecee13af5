"""Download my data and delete my account, reached from the account menu."""

import json
import re
import zipfile

from playwright.sync_api import expect

from accounts.models import User
from tests.e2e.actions import open_account_menu


def confirm_password(page, password):
    """allauth asks for the password again before these pages."""
    expect(page).to_have_url(re.compile(r"/accounts/reauthenticate/"))
    page.fill("input[name=password]", password)
    page.click("main button[type=submit]")


def test_a_student_downloads_their_data_from_the_account_menu(
    student_page, alice, password, language, shot
):
    page = student_page
    open_account_menu(page)
    page.click(f"a[href='/{language}/account/my-data/']")
    confirm_password(page, password)
    expect(page).to_have_url(re.compile(f"/{language}/account/my-data/$"))
    shot(page, "download my data")

    with page.expect_download() as download:
        page.click("main form button[type=submit]")

    archive = zipfile.ZipFile(download.value.path())
    assert json.loads(archive.read("my-data.json"))["account"]["email"] == alice.email


def test_a_student_deletes_their_account_from_the_account_menu(
    student_page, alice, password, language, shot
):
    page = student_page
    open_account_menu(page)
    page.click(f"a[href='/{language}/account/delete/']")
    confirm_password(page, password)
    expect(page).to_have_url(re.compile(f"/{language}/account/delete/$"))
    shot(page, "delete my account")

    page.click("main form button[type=submit]")
    expect(page.locator(".invalid-feedback, .text-danger").first).to_be_visible()
    shot(page, "the box is not ticked")
    page.check("input[name=confirm]")
    page.click("main form button[type=submit]")

    expect(page).to_have_url(re.compile(f"/{language}/$"))
    expect(page.locator(".messages .alert")).to_be_visible()
    shot(page, "account deleted")
    assert not User.objects.filter(pk=alice.pk).exists()
