"""A student abroad learns their path without an account, from the home page or a poster."""

from datetime import timedelta

from playwright.sync_api import expect

from students.paths import Path
from tests.e2e.texts import gettext_in, label_in
from tests.students.conftest import year  # noqa: F401


def test_a_visitor_finds_the_checker_and_learns_their_path(page, language, shot, year):  # noqa: F811
    page.goto(f"/{language}/")
    page.get_by_role(
        "link", name=gettext_in(language, "What do I need to do? Check it without an account")
    ).click()
    expect(page).to_have_url(f"/{language}/which-path/")
    expect(page.locator("[data-path]")).to_have_count(0)
    quebec = page.locator("input[name=quebec]").first
    born = page.locator("select[name=born]")
    until = page.locator("input[name=ehic_until]")
    # Questions that do not apply stay out of the way until the answers before them call them.
    expect(quebec).to_be_hidden()
    expect(born).to_be_hidden()
    expect(until).to_be_hidden()
    shot(page, "the empty form")

    nationality = page.locator("select[name=nationality]")
    nationality.select_option("CA")
    expect(quebec).to_be_visible()
    expect(born).to_be_hidden()
    nationality.select_option("FR")
    expect(born).to_be_visible()
    expect(quebec).to_be_hidden()

    nationality.select_option("DE")
    page.locator("input[name=ehic][value=yes]").check()
    expect(until).to_be_visible()
    until.fill((year.ends_on + timedelta(days=30)).isoformat())
    page.locator("input[name=months]").fill("10")
    page.get_by_role("button", name=gettext_in(language, "Show what I need to do")).click()

    result = page.locator("#which-path-result")
    expect(result).to_have_attribute("data-path", Path.EU_WITH_EHIC.value)
    expect(result).to_contain_text(label_in(language, Path.EU_WITH_EHIC))
    expect(
        result.get_by_role("link", name=gettext_in(language, "Create an account"))
    ).to_be_visible()
    expect(page.locator("select[name=nationality]")).to_have_value("DE")
    shot(page, "an EU student with a card that covers the year")


def test_a_quebec_student_arrives_from_a_prefilled_link(page, language, shot, year):  # noqa: F811
    page.goto(f"/{language}/which-path/?nationality=CA&quebec=yes&months=12")

    result = page.locator("#which-path-result")
    expect(result).to_have_attribute("data-path", Path.QUEBEC.value)
    # The dashboard's own order: documents prepared here, then the form to the CPAM.
    expect(result.locator(".which-path-first")).to_contain_text(
        gettext_in(language, "Prepare your documents here")
    )
    expect(result).to_contain_text(gettext_in(language, "Take your Quebec form to your CPAM"))
    expect(page.locator("input[name=quebec][value=yes]")).to_be_checked()
    shot(page, "a Quebec student")


def test_bad_input_is_explained_in_the_form(page, language, shot, year):  # noqa: F811
    page.goto(f"/{language}/which-path/?nationality=XX&months=-4&ehic=yes&ehic_until=2027-02-30")

    expect(page.locator("[data-path]")).to_have_count(0)
    expect(page.locator("select[name=nationality]")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("input[name=months]")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("input[name=ehic_until]")).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_role("alert").first).to_contain_text(
        gettext_in(language, "Please check the answers marked below.")
    )
    shot(page, "bad input")


def test_the_campus_health_service_prints_the_checkers_poster(page, language, shot):
    page.goto(f"/{language}/guide/links/")
    tool = page.locator("#tool-which-path")
    expect(tool).to_contain_text(gettext_in(language, "What do I need to do?"))
    shot(page, "the link kit")
    tool.locator(f'a[href="/{language}/guide/links/which-path/poster/"]').click()

    expect(page.locator("h1")).to_have_text(gettext_in(language, "What do I need to do?"))
    expect(page.locator("img.poster-qr")).to_be_visible()
    expect(page.locator(".poster-address")).to_contain_text(f"/{language}/which-path/")
    shot(page, "the checker's poster")


def test_the_number_helper_is_one_click_away_in_the_navigation(
    page, language, shot, reference_data
):
    page.goto(f"/{language}/guide/your-number/")
    aside = page.locator("aside")
    expect(
        aside.get_by_role("link", name=gettext_in(language, "Explain my number"))
    ).to_be_visible()
    shot(page, "the your-number page")
    toggler = page.locator(".navbar-toggler")
    if toggler.is_visible():
        toggler.click()
    page.locator("header").get_by_role(
        "link", name=gettext_in(language, "Explain my number")
    ).click()

    expect(page).to_have_url(f"/{language}/number/")
    expect(page.locator("h1")).to_have_text(gettext_in(language, "What does my number let me do?"))
    page.goto(f"/{language}/")
    shot(page, "the home page with both tools")
