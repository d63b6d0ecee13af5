"""What a person does in the browser, shared by the journeys."""

import re

from playwright.sync_api import Page, expect

from tests.e2e.checks import check_focus_visible


def open_account_menu(page: Page) -> None:
    """Open "My account" in the header, through the menu button on a narrow screen."""
    menu = page.locator("#account-menu-button + .dropdown-menu")
    if menu.is_visible():
        return
    toggler = page.locator(".navbar-toggler")
    if toggler.is_visible():
        toggler.click()
        expect(page.locator("#main-nav")).to_be_visible()
    page.click("#account-menu-button")
    expect(menu).to_be_visible()


def log_out(page: Page) -> None:
    open_account_menu(page)
    page.click("#account-menu-button + .dropdown-menu form button[type=submit]")


def tab_to(page: Page, selector: str, *, limit: int = 25) -> None:
    """Press Tab until `selector` has the focus, checking every stop shows its focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        check_focus_visible(page)
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} not reached in {limit} presses of Tab on {page.url}")


def focused_matches(page: Page, selector: str) -> bool:
    return page.evaluate("(s) => document.activeElement.matches(s)", selector)


def switch_language(page: Page, to: str | None = None) -> None:
    """Choose a language in the header's picker (English ↔ French unless `to` says which),
    through the menu button on a narrow screen."""
    if to is None:
        to = "en" if page.evaluate("document.documentElement.lang") == "fr" else "fr"
    toggler = page.locator(".navbar-toggler")
    if toggler.is_visible():
        toggler.click()
        expect(page.locator("#main-nav")).to_be_visible()
    page.click("#language-menu-button")
    # Signed in: a form's button (the choice is saved); not signed in: a link to the page in
    # that language.
    choice = page.locator(
        f".language-switcher button[type=submit][value='{to}'], "
        f".language-switcher a[hreflang='{to}']"
    )
    expect(choice).to_be_visible()
    choice.click()


def follow_nav_link(page: Page, href: str) -> None:
    """Follow a link of the header's main menu, through the menu button on a narrow screen."""
    toggler = page.locator(".navbar-toggler")
    if toggler.is_visible():
        toggler.click()
        expect(page.locator("#main-nav")).to_be_visible()
    page.click(f"#main-nav a[href='{href}']")
    expect(page).to_have_url(re.compile(f"{re.escape(href)}$"))


def skip_to_main(page: Page) -> None:
    """Tab to the skip link (the first stop) and follow it: the focus moves to <main>."""
    page.keyboard.press("Tab")
    assert focused_matches(page, "a.skip-link"), "the skip link is not the first Tab stop"
    check_focus_visible(page)
    page.keyboard.press("Enter")
    assert focused_matches(page, "main#main"), "the skip link did not move focus to main"
