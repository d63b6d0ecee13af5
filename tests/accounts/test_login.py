from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.models import EmailAddress
from django.utils import translation

from accounts.models import User


def error_text(response) -> list[str]:
    return list(response.context["form"].non_field_errors())


def test_it_sends_an_unverified_person_to_the_verification_page(anon, log_in, password):
    user = User.objects.create_user(email="uma@example.org", password=password)
    EmailAddress.objects.create(user=user, email=user.email, verified=False, primary=True)

    response = log_in(anon, "uma@example.org")

    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/confirm-email/"
    assert anon.get("/en/dashboard/").status_code == 302


def test_it_logs_a_verified_person_in_and_opens_the_dashboard(anon, alice, log_in):
    response = log_in(anon, "alice@example.org")

    assert response.status_code == 302
    assert response["Location"] == "/en/dashboard/"
    assert anon.get("/en/dashboard/").status_code == 200


def test_it_ignores_the_case_of_the_address(anon, alice, log_in):
    response = log_in(anon, "Alice@Example.ORG")

    assert response["Location"] == "/en/dashboard/"


def test_it_opens_the_dashboard_in_the_saved_language(anon, alice, log_in):
    alice.preferred_language = "fr"
    alice.save()

    response = log_in(anon, "alice@example.org", language="en")

    assert response.status_code == 302
    assert response["Location"] == "/fr/dashboard/"
    assert anon.cookies["django_language"].value == "fr"
    dashboard = anon.get("/fr/dashboard/")
    assert dashboard.status_code == 200
    assert '<html lang="fr">' in dashboard.content.decode()


def test_it_answers_a_wrong_password_as_it_answers_an_unknown_address(anon, alice, log_in):
    wrong_password = log_in(anon, "alice@example.org", "not-the-password")
    unknown_address = log_in(anon, "nobody@example.org", "not-the-password")

    assert wrong_password.status_code == unknown_address.status_code == 200
    assert error_text(wrong_password) == error_text(unknown_address)
    assert error_text(wrong_password)
    assert error_text(wrong_password)[0] in wrong_password.content.decode()


def test_it_refuses_the_sixth_attempt_after_five_wrong_passwords(anon, alice, log_in, password):
    for _attempt in range(5):
        assert log_in(anon, "alice@example.org", "not-the-password").status_code == 200

    response = log_in(anon, "alice@example.org", password)

    assert response.status_code == 200
    with translation.override("en"):
        message = str(DefaultAccountAdapter.error_messages["too_many_login_attempts"])
    assert message in error_text(response)
    assert anon.get("/en/dashboard/").status_code == 302


def test_it_limits_failed_attempts_per_address_not_for_everyone(anon, alice, charlie, log_in):
    for _attempt in range(5):
        log_in(anon, "alice@example.org", "not-the-password")

    response = log_in(anon, "charlie@example.org")

    assert response.status_code == 302
    assert response["Location"] == "/en/dashboard/"
