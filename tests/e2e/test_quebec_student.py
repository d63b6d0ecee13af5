"""A Quebec student (DOMAIN.md §9.9), from the first dashboard to the Carte Vitale: the form
is taken to the CPAM, and "What to do next" names one action at every moment."""

import re

from playwright.sync_api import Page, expect

from students import nir
from tests.e2e.test_non_eu_student import report
from tests.e2e.texts import gettext_in
from tests.students.conftest import (  # noqa: F401 - fixtures and valid numbers
    DEFINITIVE,
    PROVISIONAL,
    make_profile,
    year,
)

# (what "What to do next" says, where its one primary button leads), moment by moment.
MOMENTS = [
    ("Prepare your documents here", r"/documents/$"),
    ("Take your Quebec form to your CPAM", r"/submitted/$"),
    ("Record your provisional number", r"/provisional-number/$"),
    ("Wait while the CPAM checks your file", r"/validated/$"),
    ("Record your definitive number", r"/definitive-number/$"),
    ("Create your ameli account", r"/ameli-account/$"),
    ("Order your Carte Vitale", r"/carte-vitale-ordered/$"),
    ("Wait for your Carte Vitale", r"/carte-vitale-received/$"),
]


def expect_moment(page: Page, language: str, index: int) -> None:
    title, primary = MOMENTS[index]
    next_step = page.locator(".next-step")
    expect(next_step.locator(".next-step__action")).to_have_text(gettext_in(language, title))
    expect(next_step.locator("a.btn")).to_have_count(1)
    expect(next_step.locator("a.btn-primary")).to_have_attribute("href", re.compile(primary))


def test_a_quebec_student_takes_the_form_to_the_cpam_and_gets_to_the_carte_vitale(
    page, alice, language, shot, sign_in, make_profile
):
    make_profile(alice, nationality="CA", country_of_birth="CA", quebec_resident=True)
    alice.preferred_language = language
    alice.save(update_fields=["preferred_language"])
    sign_in(page, alice, language=language)
    page.goto(f"/{language}/dashboard/")

    expect_moment(page, language, 0)
    expect(page.locator("#documents-heading ~ ul a[href$='/upload/quebec-form/']")).to_be_visible()
    expect(page.locator("#documents-heading ~ ul a[href$='/upload/s1/']")).to_have_count(0)
    shot(page, "dashboard: prepare the Quebec form")

    page.click(".next-step form button[type=submit]")
    expect_moment(page, language, 1)
    expect(page.locator(".next-step")).to_contain_text("SE 401-Q-106")
    shot(page, "dashboard: take the form to the CPAM")

    steps = [
        ("submitted", {}),
        ("provisional-number", {"number": nir.format_number(PROVISIONAL)}),
        ("validated", {}),
        ("definitive-number", {"number": DEFINITIVE}),
        ("ameli-account", {}),
        ("carte-vitale-ordered", {}),
    ]
    for index, (address, values) in enumerate(steps, start=2):
        report(page, shot, address, **values)
        expect_moment(page, language, index)
        shot(page, f"dashboard: {MOMENTS[index][0]}")

    report(page, shot, "carte-vitale-received")
    expect(page.locator("#next-step-heading")).to_have_text(
        gettext_in(language, "You have finished registering")
    )
    expect(page.locator(".next-step a.btn")).to_have_count(1)
    shot(page, "dashboard: finished")
