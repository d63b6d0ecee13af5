"""The link kit for the campus health service: /<lang>/guide/links/."""

from guidance.models import PageTranslation
from tests.guidance.conftest import CONTENT_SLUGS


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


def test_the_link_kit_costs_a_bounded_number_of_queries(client, django_assert_max_num_queries):
    client.get("/en/guide/links/")

    with django_assert_max_num_queries(3):
        assert client.get("/fr/guide/links/").status_code == 200
