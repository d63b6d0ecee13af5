from django.core.exceptions import ValidationError
from django.utils import translation
from playwright.sync_api import expect

from students import nir
from tests.e2e.texts import gettext_in
from tests.students.conftest import PROVISIONAL  # 8 01 09 99 216 321 + its key

WRONG_KEY = PROVISIONAL[:13] + f"{(int(PROVISIONAL[13:]) + 1) % 97:02d}"


def test_the_number_helper_explains_a_linked_provisional_number(page, language, shot):
    page.goto(f"/{language}/number/?number={PROVISIONAL}")

    field = page.locator("input[name=number]")
    expect(field).to_have_value(PROVISIONAL)
    expect(field).not_to_have_attribute("aria-invalid", "true")
    expect(page.locator("#reading-heading")).to_have_text(
        gettext_in(language, "This is a provisional number")
    )
    expect(page.locator("main table td.nir")).to_have_text(
        ["8", "01", "09", "99 216", "321", PROVISIONAL[13:]]
    )
    expect(page.locator("main a[href$='/guide/your-number/#provisional']")).to_be_visible()
    shot(page, "provisional number explained")


def test_the_number_helper_says_which_part_of_a_wrong_number_to_check(page, language, shot):
    page.goto(f"/{language}/number/?number={WRONG_KEY}")

    field = page.locator("input[name=number]")
    expect(field).to_have_attribute("aria-invalid", "true")
    expect(field).to_have_attribute("aria-describedby", "id_number_helptext id_number_error")
    expect(page.locator("#id_number_error")).to_have_text(_wrong_key_message(language))
    expect(page.locator("#reading-heading")).to_have_count(0)
    shot(page, "wrong key")


def _wrong_key_message(language: str) -> str:
    with translation.override(language):
        try:
            nir.validate(WRONG_KEY)
        except ValidationError as error:
            return error.messages[0]
    raise AssertionError(f"{WRONG_KEY} was accepted")
