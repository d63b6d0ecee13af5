import pytest


def test_it_switches_to_french_and_returns_to_the_same_page(anon):
    response = anon.post("/i18n/setlang/", {"language": "fr", "next": "/en/guide/"})

    assert response.status_code == 302
    assert response["Location"] == "/fr/guide/"
    assert anon.cookies["django_language"].value == "fr"


def test_it_rejects_get(anon):
    response = anon.get("/i18n/setlang/", {"language": "fr", "next": "/en/guide/"})

    assert response.status_code == 405


def test_it_remembers_the_choice_on_the_account_of_a_signed_in_person(client, alice):
    client.force_login(alice)

    response = client.post("/i18n/setlang/", {"language": "fr", "next": "/en/dashboard/"})

    assert response["Location"] == "/fr/dashboard/"
    alice.refresh_from_db()
    assert alice.preferred_language == "fr"


def test_it_ignores_an_unknown_language(client, alice):
    client.force_login(alice)

    client.post("/i18n/setlang/", {"language": "xx", "next": "/en/dashboard/"})

    alice.refresh_from_db()
    assert alice.preferred_language == "en"


def test_it_does_not_follow_a_next_address_on_another_site(anon):
    response = anon.post("/i18n/setlang/", {"language": "fr", "next": "https://evil.example/"})

    assert response.status_code == 302
    assert "evil.example" not in response["Location"]


def test_the_root_sends_a_french_browser_to_the_french_pages(anon):
    response = anon.get("/", headers={"accept-language": "fr-FR,fr;q=0.9"})

    assert response.status_code == 302
    assert response["Location"] == "/fr/"


def test_the_root_sends_an_english_browser_to_the_english_pages(anon):
    response = anon.get("/", headers={"accept-language": "en-GB,en;q=0.9"})

    assert response.status_code == 302
    assert response["Location"] == "/en/"


def test_the_root_falls_back_to_english_for_other_languages(anon):
    response = anon.get("/", headers={"accept-language": "de-DE"})

    assert response["Location"] == "/en/"


def test_the_root_follows_the_language_chosen_earlier(anon):
    anon.post("/i18n/setlang/", {"language": "fr", "next": "/en/"})

    response = anon.get("/", headers={"accept-language": "en-GB,en;q=0.9"})

    assert response["Location"] == "/fr/"


def test_the_french_home_page_declares_french(anon):
    response = anon.get("/fr/")

    assert response.status_code == 200
    assert '<html lang="fr">' in response.content.decode()


def test_the_english_home_page_declares_english(anon):
    response = anon.get("/en/")

    assert '<html lang="en">' in response.content.decode()


@pytest.mark.parametrize(
    "next_url",
    ["http://localhost/en/guide/", "http://testserver/en/guide/", "//testserver/en/guide/"],
)
def test_it_follows_only_a_path_on_this_site(anon, next_url):
    response = anon.post("/i18n/setlang/", {"language": "fr", "next": next_url})

    assert response.status_code == 302
    assert not response["Location"].startswith(("http", "//"))
