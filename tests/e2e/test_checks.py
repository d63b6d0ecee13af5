"""The page checks themselves: each one fails on the fault it is there to catch."""

import pytest

from tests.e2e.checks import (
    check_a11y,
    check_focus_visible,
    check_language,
    check_no_console_errors,
    check_no_horizontal_overflow,
)

# One size and one language are enough to test the checks.
pytestmark = [pytest.mark.parametrize("width", [375]), pytest.mark.parametrize("language", ["en"])]


@pytest.fixture
def privacy(page):
    page.goto("/en/privacy/")
    return page


def test_axe_names_an_input_without_a_label(privacy):
    privacy.evaluate(
        "document.querySelector('main').insertAdjacentHTML('beforeend', "
        "'<input type=text id=nameless>')"
    )

    with pytest.raises(AssertionError, match=r"(?s)violation.*label.*#nameless"):
        check_a11y(privacy)


def test_a_script_blocked_by_the_content_security_policy_is_a_console_error(privacy):
    check_no_console_errors(privacy)
    with privacy.expect_console_message(lambda m: m.type == "error"):
        privacy.evaluate(
            "() => { const s = document.createElement('script');"
            " s.textContent = 'window.inline = 1'; document.body.append(s); }"
        )

    with pytest.raises(AssertionError, match="Content Security Policy"):
        check_no_console_errors(privacy)


def test_an_element_wider_than_the_phone_is_caught(privacy):
    privacy.evaluate("document.querySelector('main h1').style.width = '600px'")

    with pytest.raises(AssertionError, match="scrolls sideways at 375px"):
        check_no_horizontal_overflow(privacy)


def test_a_wrong_language_attribute_is_caught(privacy):
    privacy.evaluate("document.documentElement.lang = 'fr'")

    with pytest.raises(AssertionError, match='lang="fr"'):
        check_language(privacy)


def test_a_focused_control_without_an_indicator_is_caught(privacy):
    privacy.evaluate(
        "() => { const a = document.querySelector('footer a');"
        " a.style.outline = 'none'; a.style.boxShadow = 'none'; a.focus(); }"
    )

    with pytest.raises(AssertionError, match="no focus indicator"):
        check_focus_visible(privacy)
