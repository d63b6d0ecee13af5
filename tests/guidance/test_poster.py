"""The printable A4 poster of a page: /<lang>/guide/<slug>/poster/."""

import pytest
from django.utils.html import escape

from guidance import services
from guidance.models import PageTranslation


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_poster_has_the_title_summary_qr_code_and_address(client, language):
    text = PageTranslation.objects.get(page__slug="campus-health-service", language=language)

    html = client.get(f"/{language}/guide/campus-health-service/poster/").content.decode()

    assert escape(text.title) in html
    assert escape(text.summary) in html
    assert f'src="/{language}/guide/campus-health-service/qr.svg"' in html
    assert f"http://testserver/{language}/guide/campus-health-service/" in html


def test_the_poster_uses_the_print_stylesheet_and_no_inline_script(client):
    html = client.get("/en/guide/help/poster/").content.decode()

    assert 'href="/static/css/print.' in html and 'media="print"' in html
    assert "<script>" not in html
    assert "onclick" not in html


def test_the_poster_of_an_old_address_redirects(client, make_page):
    services.page_rename(page=make_page("before"), new_slug="after")

    response = client.get("/fr/guide/before/poster/")

    assert response.status_code == 301
    assert response["Location"] == "/fr/guide/after/poster/"
