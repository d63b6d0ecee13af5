"""The pages issue 14 changed, read in the browser: the health service's details, the
corrected registration pages, dated figures, the estimator for an EHIC holder, a poster
and the student's campus-health task. Each step is screenshotted and checked (axe, no
sideways scrolling, no console error) at 375 and 1280 px, in English and French."""

import pytest
from playwright.sync_api import expect

from tests.students.conftest import make_profile, year  # noqa: F401

pytestmark = pytest.mark.usefixtures("reference_data")

PAGES = [
    "campus-health-service",
    "register-outside-eu",
    "better-reimbursement",
    "care-with-ehic",
    "eu-students",
    "how-health-insurance-works",
    "help",
]
NBSP = "\u00a0"


@pytest.mark.parametrize("slug", PAGES)
def test_a_corrected_guidance_page_reads_well(page, language, shot, slug):
    response = page.goto(f"/{language}/guide/{slug}/")

    assert response.status == 200
    expect(page.locator(".guide-meta time").nth(1)).to_be_visible()  # "Checked on"
    shot(page, slug)


def test_the_campus_health_page_shows_the_service_first(page, language, shot):
    page.goto(f"/{language}/guide/campus-health-service/")

    card = page.locator("section.health-service")
    expect(card).to_contain_text("Bâtiment Ramnoux")
    expect(card.locator('a[href^="tel:"]')).to_have_text("01 40 97 75 33")
    shot(page, "health service card", full_page=False)


def test_an_ehic_estimate_in_the_browser(page, language, shot):
    page.goto(f"/{language}/estimate/?insured=ehic&fee=30&gp=no&date=2025-06-01")

    amount = {"en": "19.00 €", "fr": f"19,00{NBSP}€"}[language]
    expect(page.locator(".estimate-line-insurance .estimate-amount")).to_have_text(amount)
    shot(page, "estimate ehic")


def test_a_sector_2_specialist_estimate_explains_what_to_ask(page, language, shot):
    page.goto(f"/{language}/estimate/?kind=specialist-direct&sector=2&fee=60&date=2025-06-01")

    expect(page.locator(".estimate-line-base .estimate-why")).to_contain_text("OPTAM")
    shot(page, "estimate sector 2 specialist")


def test_a_poster_carries_the_health_service(page, language, shot):
    page.goto(f"/{language}/guide/campus-health-service/poster/")

    expect(page.locator(".poster-health-service")).to_contain_text("01 40 97 75 33")
    shot(page, "poster")


def test_the_students_campus_health_task_shows_the_service(
    student_page, alice, make_profile, language, shot
):
    make_profile(alice)
    student_page.goto(f"/{language}/dashboard/")

    task = student_page.locator("#better-reimbursed .health-service--compact")
    expect(task).to_contain_text("Bâtiment Ramnoux")
    shot(student_page, "dashboard health service task")
