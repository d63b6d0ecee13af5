"""/guide/<slug>/ without a language goes to the page in the browser's language."""

import pytest


@pytest.mark.parametrize(
    ("accept_language", "expected"),
    [
        ("fr-FR,fr;q=0.9,en;q=0.8", "/fr/guide/help/"),
        ("en-GB,en;q=0.9", "/en/guide/help/"),
        ("de-DE,de;q=0.9", "/en/guide/help/"),
        ("de-DE,fr;q=0.5", "/fr/guide/help/"),
    ],
)
def test_it_redirects_by_the_browsers_language(client, accept_language, expected):
    response = client.get("/guide/help/", HTTP_ACCEPT_LANGUAGE=accept_language)

    assert response.status_code == 302
    assert response["Location"] == expected
    assert "Accept-Language" in response["Vary"]


def test_the_language_chosen_on_the_portal_wins_over_the_browser(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"

    response = client.get("/guide/help/", HTTP_ACCEPT_LANGUAGE="en")

    assert response["Location"] == "/fr/guide/help/"


def test_the_index_without_a_language_redirects_too(client):
    response = client.get("/guide/", HTTP_ACCEPT_LANGUAGE="fr")

    assert response["Location"] == "/fr/guide/"


def test_an_old_address_without_a_language_still_arrives(client, make_page):
    from guidance import services

    services.page_rename(page=make_page("before"), new_slug="after")

    first = client.get("/guide/before/", HTTP_ACCEPT_LANGUAGE="fr")
    second = client.get(first["Location"])

    assert second.status_code == 301
    assert second["Location"] == "/fr/guide/after/"
