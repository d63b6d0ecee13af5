"""QR codes of pages and sections: /<lang>/guide/<slug>/qr.svg[?section=<anchor>]."""

import pytest
import segno

from guidance import services
from tests.guidance.conftest import qr_matrix_from_svg


def expected_matrix(url: str):
    return [list(row) for row in segno.make(url, error="m", micro=False).matrix]


@pytest.mark.parametrize(
    ("path", "address"),
    [
        ("/en/guide/help/qr.svg", "http://testserver/en/guide/help/"),
        ("/fr/guide/help/qr.svg", "http://testserver/fr/guide/help/"),
        ("/fr/guide/help/qr.svg?section=phone", "http://testserver/fr/guide/help/#phone"),
        (
            "/en/guide/register-outside-eu/qr.svg?section=provisional-number",
            "http://testserver/en/guide/register-outside-eu/#provisional-number",
        ),
    ],
)
def test_the_qr_code_decodes_to_the_pages_address(client, path, address):
    response = client.get(path)

    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    svg = response.content.decode()
    assert f"<title>{address}</title>" in svg
    assert qr_matrix_from_svg(svg) == expected_matrix(address)


def test_the_qr_code_carries_the_public_address_when_one_is_set(client, settings):
    settings.PUBLIC_BASE_URL = "https://portal.example.org/"

    svg = client.get("/en/guide/help/qr.svg").content.decode()

    assert qr_matrix_from_svg(svg) == expected_matrix("https://portal.example.org/en/guide/help/")


def test_the_qr_code_of_an_unknown_section_is_404(client):
    assert client.get("/en/guide/help/qr.svg?section=nope").status_code == 404


def test_the_qr_code_of_an_old_address_redirects(client, make_page):
    services.page_rename(page=make_page("before"), new_slug="after")

    response = client.get("/en/guide/before/qr.svg")

    assert response.status_code == 301
    assert response["Location"] == "/en/guide/after/qr.svg"
