from tests.e2e.checks import allow_console_error


def test_a_missing_page_answers_in_the_language_of_its_address(page, language, shot):
    allow_console_error(page, r"status of 404")

    response = page.goto(f"/{language}/does-not-exist/")

    assert response.status == 404
    shot(page, "not found")
