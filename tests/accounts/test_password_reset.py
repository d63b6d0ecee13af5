import re

from django.core import mail
from django.test import Client

NEW_PASSWORD = "a-brand-new-secret-phrase"
RESET_LINK = r"^/en/accounts/password/reset/key/[^/]+/$"


def request_reset(client, email):
    return client.post("/en/accounts/password/reset/", {"email": email})


def set_new_password(client, link, password=NEW_PASSWORD):
    form_page = client.get(link, follow=True)
    form_url = form_page.redirect_chain[-1][0] if form_page.redirect_chain else link
    return form_page, client.post(form_url, {"password1": password, "password2": password})


def test_it_lets_a_person_choose_a_new_password_by_mail(
    anon, alice, log_in, link_in_mail, password
):
    response = request_reset(anon, "alice@example.org")

    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/password/reset/done/"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["alice@example.org"]

    link = link_in_mail(mail.outbox[0], RESET_LINK)
    form_page, response = set_new_password(anon, link)

    assert form_page.status_code == 200
    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/password/reset/key/done/"
    assert log_in(anon, "alice@example.org", password).status_code == 200
    assert log_in(anon, "alice@example.org", NEW_PASSWORD)["Location"] == "/en/dashboard/"


def test_it_answers_an_unknown_address_as_a_known_one_without_a_reset_link(anon, alice):
    known = request_reset(anon, "alice@example.org")
    unknown = request_reset(anon, "nobody@example.org")

    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    sent_to_nobody = [m for m in mail.outbox if m.to == ["nobody@example.org"]]
    for message in sent_to_nobody:
        assert not re.search(r"/accounts/password/reset/key/", message.body)


def test_the_link_works_only_once(anon, alice, link_in_mail):
    request_reset(anon, "alice@example.org")
    link = link_in_mail(mail.outbox[0], RESET_LINK)
    set_new_password(anon, link)

    second_visitor = Client()
    form_page, response = set_new_password(second_visitor, link, "yet-another-secret-phrase")

    assert form_page.context["token_fail"]
    alice.refresh_from_db()
    assert alice.check_password(NEW_PASSWORD)
