"""The portal's own 400 (bad host) and CSRF-failure pages, in both languages (issue 16)."""

import urllib.request
from urllib.error import HTTPError

from playwright.sync_api import expect

from tests.e2e.checks import allow_console_error

TITLES = {
    "en": ("Bad request", "This form has expired"),
    "fr": ("Requête incorrecte", "Ce formulaire a expiré"),
}


def test_a_form_sent_without_its_token_gets_the_portals_page(page, language, shot):
    allow_console_error(page, r"status of 403")
    page.goto(f"/{language}/accounts/login/")
    # As after a long pause in another tab: the CSRF cookie is gone.
    page.context.clear_cookies()
    page.fill("input[name=login]", "someone@example.org")
    page.fill("input[name=password]", "a-long-enough-secret-phrase")
    page.click("main button[type=submit]")

    expect(page.locator("h1")).to_have_text(TITLES[language][1])
    shot(page, "csrf failure")


def test_a_bad_host_gets_the_portals_page(page, language, live_server, shot):
    """Browsers cannot send another Host header: the server's real answer to one (fetched
    here with that header) is given to the browser at the portal's address, headers and
    all, so its styles load as they would."""
    allow_console_error(page, r"status of 400")
    request = urllib.request.Request(
        f"{live_server.url}/{language}/", headers={"Host": "evil.example"}
    )
    try:
        urllib.request.urlopen(request)  # noqa: S310 (the live server, over http)
        raise AssertionError("a bad host was answered")
    except HTTPError as error:
        status, headers, body = error.code, dict(error.headers), error.read()
    assert status == 400
    assert "default-src 'none'" in headers["Content-Security-Policy"]

    page.route(
        f"{live_server.url}/{language}/",
        lambda route: route.fulfill(status=status, headers=headers, body=body),
    )
    page.goto(f"/{language}/")

    expect(page.locator("h1")).to_have_text(TITLES[language][0])
    shot(page, "bad host")
