from django.test import Client

NEW_PASSWORD = "a-brand-new-secret-phrase"


def change_password(client, old, new=NEW_PASSWORD):
    return client.post(
        "/en/accounts/password/change/",
        {"oldpassword": old, "password1": new, "password2": new},
    )


def test_it_sends_anon_to_the_login_page(anon):
    response = anon.get("/en/accounts/password/change/")

    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/")


def test_it_requires_the_current_password(anon, alice, log_in, password):
    log_in(anon, "alice@example.org")

    response = change_password(anon, "not-the-password")

    assert response.status_code == 200
    assert response.context["form"].errors["oldpassword"]
    alice.refresh_from_db()
    assert alice.check_password(password)


def test_it_changes_the_password_and_keeps_the_person_logged_in(anon, alice, log_in, password):
    log_in(anon, "alice@example.org")

    response = change_password(anon, password)

    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.check_password(NEW_PASSWORD)
    assert anon.get("/en/dashboard/").status_code == 200


def test_it_ends_the_persons_other_sessions(alice, log_in, password):
    phone, laptop = Client(), Client()
    log_in(phone, "alice@example.org")
    log_in(laptop, "alice@example.org")

    change_password(laptop, password)

    assert laptop.get("/en/dashboard/").status_code == 200
    response = phone.get("/en/dashboard/")
    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/")
