import pytest

PAGES = {
    "home": "/",
    "guidance": "/guide/",
    "privacy": "/privacy/",
    "accessibility": "/accessibility/",
}


@pytest.mark.parametrize("name", PAGES)
def test_a_visitor_can_read_the_public_page(page, language, shot, name):
    response = page.goto(f"/{language}{PAGES[name]}")

    assert response.status == 200
    shot(page, name)
