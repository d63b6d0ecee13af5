import pytest
from django.test import Client


def test_it_does_not_log_out_on_get(anon, alice, log_in):
    log_in(anon, "alice@example.org")

    response = anon.get("/en/accounts/logout/")

    assert response.status_code == 200
    assert anon.get("/en/dashboard/").status_code == 200


def test_it_logs_out_on_post(anon, alice, log_in):
    log_in(anon, "alice@example.org")

    response = anon.post("/en/accounts/logout/")

    assert response.status_code == 302
    dashboard = anon.get("/en/dashboard/")
    assert dashboard.status_code == 302
    assert dashboard["Location"] == "/en/accounts/login/?next=/en/dashboard/"


def test_it_makes_the_old_session_cookie_worthless(anon, alice, log_in):
    log_in(anon, "alice@example.org")
    old_session = anon.cookies["sessionid"].value

    anon.post("/en/accounts/logout/")
    replay = Client()
    replay.cookies["sessionid"] = old_session
    response = replay.get("/en/dashboard/")

    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/login/?next=/en/dashboard/"


def test_it_says_so_on_the_home_page_in_the_persons_language(anon, alice, log_in):
    log_in(anon, "alice@example.org")

    response = anon.post("/fr/accounts/logout/", follow=True)

    assert response.redirect_chain == [("/fr/", 302)]
    assert "Vous êtes déconnecté" in response.content.decode()


@pytest.mark.parametrize(
    "next_url",
    [
        "http://localhost/en/guide/",  # another allowed host
        "http://testserver/en/guide/",  # this host, but an absolute http address
        "//testserver/en/guide/",
        "https://evil.example/",
        "/\\evil.example/",
    ],
)
def test_logout_follows_only_a_path_on_this_site(anon, alice, log_in, next_url):
    log_in(anon, "alice@example.org")

    response = anon.post("/en/accounts/logout/", {"next": next_url})

    assert response.status_code == 302
    assert response["Location"] == "/en/"


def test_logout_follows_a_path_on_this_site(anon, alice, log_in):
    log_in(anon, "alice@example.org")

    response = anon.post("/en/accounts/logout/", {"next": "/fr/guide/"})

    assert response["Location"] == "/fr/guide/"
