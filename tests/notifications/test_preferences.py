def test_it_sends_anon_to_the_login_page(anon):
    response = anon.get("/en/account/e-mails/")

    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/")


def test_a_student_switches_reminders_off(anon, alice, log_in):
    log_in(anon, "alice@example.org")

    response = anon.post("/en/account/e-mails/", {})

    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.receive_reminders is False


def test_a_student_switches_reminders_back_on(anon, alice, log_in):
    alice.receive_reminders = False
    alice.save()
    log_in(anon, "alice@example.org")

    anon.post("/en/account/e-mails/", {"receive_reminders": "on"})

    alice.refresh_from_db()
    assert alice.receive_reminders is True


def test_the_page_explains_which_emails_cannot_be_switched_off_in_french(anon, alice, log_in):
    log_in(anon, "alice@example.org", language="fr")

    response = anon.get("/fr/account/e-mails/")

    assert "Le portail vous écrit toujours" in response.content.decode()
