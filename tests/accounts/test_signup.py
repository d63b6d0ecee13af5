import re

from allauth.account.models import EmailAddress
from django.core import mail
from django.test import Client

from accounts.models import User

NEW_PASSWORD = "a-long-enough-secret-phrase"
CONFIRM_LINK = r"^/(en|fr)/accounts/confirm-email/[^/]+/$"


def sign_up(client, email, password=NEW_PASSWORD, *, language="en"):
    return client.post(
        f"/{language}/accounts/signup/",
        {"email": email, "password1": password, "password2": password},
    )


def test_it_sends_a_verification_mail_and_confirming_it_logs_the_person_in(anon, link_in_mail):
    response = sign_up(anon, "dana@example.org")

    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/confirm-email/"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["dana@example.org"]
    assert anon.get("/en/dashboard/").status_code == 302

    link = link_in_mail(mail.outbox[0], CONFIRM_LINK)
    assert anon.get(link).status_code == 200
    response = anon.post(link)

    assert response.status_code == 302
    assert response["Location"] == "/en/dashboard/"
    assert anon.get("/en/dashboard/").status_code == 200
    address = EmailAddress.objects.get(email="dana@example.org")
    assert address.verified
    assert address.primary


def test_it_does_not_log_in_before_the_address_is_confirmed(anon):
    sign_up(anon, "dana@example.org")

    response = anon.get("/en/dashboard/")

    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/")
    assert not EmailAddress.objects.get(email="dana@example.org").verified


def test_it_remembers_french_when_signing_up_on_the_french_pages(anon):
    sign_up(anon, "eloise@example.org", language="fr")

    assert User.objects.get(email="eloise@example.org").preferred_language == "fr"


def test_confirming_a_french_sign_up_opens_the_french_dashboard(anon, link_in_mail):
    sign_up(anon, "eloise@example.org", language="fr")
    link = link_in_mail(mail.outbox[0], CONFIRM_LINK)

    response = anon.post(link)

    assert response["Location"] == "/fr/dashboard/"
    assert anon.get("/fr/dashboard/").status_code == 200


def test_it_remembers_english_when_signing_up_on_the_english_pages(anon):
    sign_up(anon, "dana@example.org", language="en")

    assert User.objects.get(email="dana@example.org").preferred_language == "en"


def test_it_refuses_a_password_shorter_than_12_characters(anon):
    response = sign_up(anon, "dana@example.org", password="Shorter-11c")

    assert response.status_code == 200
    assert "at least 12 characters" in response.content.decode()
    assert not User.objects.filter(email="dana@example.org").exists()
    assert mail.outbox == []


def test_it_refuses_a_common_password(anon):
    response = sign_up(anon, "dana@example.org", password="password1234")

    assert response.status_code == 200
    assert "This password is too common." in response.content.decode()
    assert not User.objects.filter(email="dana@example.org").exists()
    assert mail.outbox == []


def test_it_does_not_create_a_second_account_for_a_registered_address(anon, alice):
    response = sign_up(anon, "alice@example.org")

    # Same answer as for a new address: sign-up must not reveal who has an account.
    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/confirm-email/"
    assert User.objects.filter(email__iexact="alice@example.org").count() == 1


def _page_after(client, response, address) -> str:
    """The page the answer leads to, without the per-visitor CSRF token and the address typed."""
    page = client.get(response["Location"]).content.decode().replace(address, "ADDRESS")
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page)


def test_a_known_address_gets_the_same_answer_and_page_as_a_new_one(alice):
    """Issue 16, #4: sign-up must not tell which addresses have an account."""
    new_client, known_client = Client(), Client()

    new = sign_up(new_client, "dana@example.org")
    known = sign_up(known_client, "alice@example.org")

    assert new.status_code == known.status_code == 302
    assert new["Location"] == known["Location"]
    assert _page_after(new_client, new, "dana@example.org") == _page_after(
        known_client, known, "alice@example.org"
    )
    assert [m.to for m in mail.outbox] == [["dana@example.org"], ["alice@example.org"]]


def test_a_known_address_costs_a_password_hash_like_a_new_one(alice, anon, monkeypatch):
    """The timing itself is measured by bench/signup_timing.py; here: the same work is done."""
    import accounts.forms

    hashed = []
    real = accounts.forms.make_password
    monkeypatch.setattr(accounts.forms, "make_password", lambda p: hashed.append(p) or real(p))

    sign_up(anon, "alice@example.org")

    assert hashed == [NEW_PASSWORD]
