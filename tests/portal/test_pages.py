import pytest
from django.test import RequestFactory
from django.utils import translation
from django.utils.translation import gettext

from portal.views import server_error

PAGES = ["/", "/guide/", "/privacy/", "/accessibility/"]
# Held in constants: a literal inside gettext() would be collected by makemessages.
SKIP_LINK = "Skip to main content"
PRIVACY = "Privacy notice"
NOT_FOUND = "Page not found"


def french(text: str) -> str:
    with translation.override("fr"):
        translated = gettext(text)
    assert translated != text, f"no French translation is loaded for {text!r}"
    return translated


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize("page", PAGES)
def test_it_renders_the_page_with_the_footer_links_and_the_skip_link(anon, page, language):
    response = anon.get(f"/{language}{page}")

    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert f'href="/{language}/privacy/"' in html
    assert f'href="/{language}/accessibility/"' in html
    assert 'href="#main"' in html
    assert 'id="main"' in html


@pytest.mark.parametrize("page", PAGES)
def test_the_french_page_is_in_french(anon, page):
    html = anon.get(f"/fr{page}").content.decode()

    assert french(SKIP_LINK) in html
    assert french(PRIVACY) in html
    assert SKIP_LINK not in html


def test_the_not_found_page_speaks_french_on_the_french_side(anon):
    response = anon.get("/fr/does-not-exist/")

    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="fr">' in html
    assert french(NOT_FOUND) in html
    assert NOT_FOUND not in html


def test_the_not_found_page_speaks_english_on_the_english_side(anon):
    response = anon.get("/en/does-not-exist/")

    assert response.status_code == 404
    assert NOT_FOUND in response.content.decode()


def test_the_server_error_page_shows_no_traceback():
    request = RequestFactory().get("/en/boom/")

    response = server_error(request)

    assert response.status_code == 500
    html = response.content.decode()
    assert "Something went wrong" in html
    assert "Traceback" not in html
    assert "Exception" not in html
    assert 'href="#main"' in html


def test_the_accessibility_statement_declares_its_level_what_was_tested_and_how_to_report(anon):
    body = anon.get("/en/accessibility/").content.decode()

    assert "partially conformant with RGAA 4.1" in body
    assert "What was tested" in body
    assert "axe-core" in body
    assert "Report a problem" in body


def test_the_accessibility_statement_is_in_french(anon):
    body = anon.get("/fr/accessibility/").content.decode()

    assert "partiellement conforme au RGAA 4.1" in body
    assert "Ce qui a été testé" in body
