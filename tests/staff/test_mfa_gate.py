"""Staff reach the admin and the document views only with a second factor (SECURITY.md rows
2 and 12): without an authenticator app they are sent to enrol one, with one but in a
session that skipped it they are asked for a code."""

import pytest
from allauth.account.decorators import secure_admin_login
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from django.contrib import admin

from tests.conftest import PASSWORD, give_totp
from tests.staff.conftest import no_mfa_client, staff_client, totp_code

ADMIN_PAGES = [
    "/admin/",
    "/admin/office/student/",
    "/admin/office/pendingdocument/",
    "/admin/students/registration/",
    "/admin/guidance/page/",
]


def test_the_admin_login_goes_through_allauth_and_its_rate_limits():
    import portal.urls  # noqa: F401  (wraps the login when the addresses load)

    assert admin.site.login.__wrapped__.__name__ == "login"
    assert admin.site.login.__code__ is secure_admin_login(lambda r: r).__code__


@pytest.mark.parametrize("url", ADMIN_PAGES)
def test_staff_without_an_authenticator_are_sent_to_enrol_one(bob, url):
    response = no_mfa_client(bob).get(url)

    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/2fa/"


def test_the_enrolment_page_says_why(bob):
    response = no_mfa_client(bob).get("/admin/", follow=True)

    assert response.redirect_chain == [("/en/accounts/2fa/", 302)]
    assert "Staff must use two-factor authentication" in response.content.decode()


def test_staff_whose_session_skipped_the_second_factor_are_asked_for_a_code(bob):
    give_totp(bob)

    response = no_mfa_client(bob).get("/admin/office/student/?step=submitted")

    assert response.status_code == 302
    assert response["Location"] == (
        "/en/accounts/2fa/reauthenticate/?next=%2Fadmin%2Foffice%2Fstudent%2F%3Fstep%3Dsubmitted"
    )


def test_a_code_on_the_reauthentication_page_opens_the_admin(bob, frozen_clock):
    give_totp(bob)
    client = no_mfa_client(bob)

    response = client.post("/en/accounts/2fa/reauthenticate/?next=/admin/", {"code": totp_code()})

    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


@pytest.mark.parametrize("url", ADMIN_PAGES[:3])
def test_staff_with_the_second_factor_get_in(bob, url):
    assert staff_client(bob).get(url).status_code == 200


def test_the_document_views_need_the_second_factor_too(bob, alice, upload):
    document = upload(alice).document
    page = document.current_version.pages.get()
    client = no_mfa_client(bob)

    for url in [
        "/en/documents/review/",
        f"/en/documents/review/{document.uuid}/",
        f"/en/documents/review/{document.uuid}/accept/",
        f"/admin/office/pendingdocument/{document.uuid}/review/",
        f"/en/documents/{document.uuid}/files/{page.uuid}/",
        f"/en/documents/{document.uuid}/pdf/",
    ]:
        assert client.get(url)["Location"] == "/en/accounts/2fa/", url


def test_students_documents_stay_theirs_without_a_second_factor(alice, alice_client, upload):
    document = upload(alice).document
    page = document.current_version.pages.get()

    response = alice_client.get(f"/en/documents/{document.uuid}/files/{page.uuid}/")

    assert response.status_code == 200


def test_logging_out_of_the_admin_always_works(bob):
    client = no_mfa_client(bob)

    response = client.post("/admin/logout/")

    assert response.status_code == 302
    assert response["Location"] == "/en/"
    assert "_auth_user_id" not in client.session


def test_the_real_login_asks_for_the_code_then_opens_the_admin(client, bob, frozen_clock):
    give_totp(bob)

    response = client.post("/en/accounts/login/", {"login": bob.email, "password": PASSWORD})
    assert response["Location"] == "/en/accounts/2fa/authenticate/"
    assert client.get("/admin/").status_code == 302

    response = client.post("/en/accounts/2fa/authenticate/", {"code": totp_code()})

    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_a_code_cannot_be_used_twice(client, bob, frozen_clock):
    give_totp(bob)
    code = totp_code()
    client.post("/en/accounts/login/", {"login": bob.email, "password": PASSWORD})
    client.post("/en/accounts/2fa/authenticate/", {"code": code})
    other = type(client)()
    other.post("/en/accounts/login/", {"login": bob.email, "password": PASSWORD})

    response = other.post("/en/accounts/2fa/authenticate/", {"code": code})

    assert response.status_code == 200
    assert other.get("/admin/").status_code == 302


def test_a_recovery_code_works_once(client, bob, frozen_clock):
    give_totp(bob)
    code = RecoveryCodes.activate(bob).get_unused_codes()[0]

    def log_in_with_recovery_code(browser):
        browser.post("/en/accounts/login/", {"login": bob.email, "password": PASSWORD})
        browser.post("/en/accounts/2fa/authenticate/", {"code": code})
        return browser.get("/admin/").status_code

    assert log_in_with_recovery_code(client) == 200
    assert log_in_with_recovery_code(type(client)()) == 302


def test_a_student_is_refused_the_admin(alice_client):
    response = alice_client.get("/admin/", follow=True)

    assert response.status_code == 403


def test_anon_is_sent_to_the_portal_login(anon):
    response = anon.get("/admin/office/student/")

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
