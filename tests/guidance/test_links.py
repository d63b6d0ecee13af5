"""The link kit (/<lang>/guide/links/) and the QR codes it shows (/<lang>/guide/<slug>/qr.svg)."""

import pytest
import segno

from guidance import services
from guidance.models import PageTranslation
from tests.guidance.conftest import CONTENT_SLUGS, qr_matrix_from_svg


def expected_matrix(url: str):
    return [list(row) for row in segno.make(url, error="m", micro=False).matrix]


def test_the_link_kit_lists_every_page_and_section_in_both_languages(client):
    html = client.get("/en/guide/links/").content.decode()

    for slug in CONTENT_SLUGS:
        for language in ("en", "fr"):
            assert f"http://testserver/{language}/guide/{slug}/" in html
            assert f'src="/{language}/guide/{slug}/qr.svg"' in html
            assert f'href="/{language}/guide/{slug}/poster/"' in html
        for section in PageTranslation.objects.get(page__slug=slug, language="en").sections:
            anchor = section["anchor"]
            for language in ("en", "fr"):
                assert f"http://testserver/{language}/guide/{slug}/#{anchor}" in html
                assert f'src="/{language}/guide/{slug}/qr.svg?section={anchor}"' in html


def test_the_link_kit_uses_the_public_address_when_one_is_set(client, settings):
    settings.PUBLIC_BASE_URL = "https://portal.example.org"

    html = client.get("/fr/guide/links/").content.decode()

    assert "https://portal.example.org/fr/guide/help/#phone" in html


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


def test_the_link_kit_costs_a_bounded_number_of_queries(client, django_assert_max_num_queries):
    client.get("/en/guide/links/")

    with django_assert_max_num_queries(3):
        assert client.get("/fr/guide/links/").status_code == 200
