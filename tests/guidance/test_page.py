"""The guidance page view: /<lang>/guide/<slug>/."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.formats import date_format
from django.utils.html import escape

from guidance import services
from guidance.models import Page, PageTranslation
from tests.conftest import cache_queries
from tests.guidance.conftest import CONTENT_SLUGS, LANGUAGES


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("slug", CONTENT_SLUGS)
def test_every_page_renders_in_both_languages_with_its_date_and_sources(client, slug, language):
    text = PageTranslation.objects.get(page__slug=slug, language=language)

    response = client.get(f"/{language}/guide/{slug}/")

    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert escape(text.title) in html
    with translation.override(language):
        assert date_format(text.updated_on, "DATE_FORMAT") in html
    assert f'datetime="{text.updated_on:%Y-%m-%d}"' in html
    assert text.sources
    for source in text.sources:
        assert f'href="{escape(source["url"])}"' in html
    for section in text.sections:
        assert f'id="{section["anchor"]}"' in html
    assert "This page is not available" not in html
    assert "pas encore disponible" not in html


def test_the_updated_on_label_is_translated(client):
    assert "Updated on" in client.get("/en/guide/help/").content.decode()
    assert "Mis à jour le" in client.get("/fr/guide/help/").content.decode()


def test_a_missing_translation_falls_back_to_the_other_language_with_a_note(client, make_page):
    make_page("only-english", languages=("en",))

    response = client.get("/fr/guide/only-english/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "Test page title en" in html
    assert "Cette page n'est pas encore disponible en français" in html
    assert 'lang="en"' in html


def test_the_other_language_is_linked(client):
    html = client.get("/en/guide/help/").content.decode()

    assert 'hreflang="fr"' in html
    assert 'href="/fr/guide/help/"' in html


def test_it_answers_404_for_an_unknown_page(client):
    assert client.get("/en/guide/no-such-page/").status_code == 404


def test_it_answers_404_for_an_unpublished_page(client, make_page):
    make_page("draft", published=False)

    assert client.get("/en/guide/draft/").status_code == 404


def test_a_page_without_any_text_is_not_shown(client, db):
    Page.objects.create(slug="empty")

    assert client.get("/en/guide/empty/").status_code == 404


def test_an_old_address_answers_301_to_the_new_one(client, make_page):
    page = make_page("old-name")
    services.page_rename(page=page, new_slug="new-name")

    response = client.get("/fr/guide/old-name/")

    assert response.status_code == 301
    assert response["Location"] == "/fr/guide/new-name/"


def test_every_old_address_redirects_in_one_hop_after_two_renames(client, make_page):
    page = make_page("first-name")
    services.page_rename(page=page, new_slug="second-name")
    services.page_rename(page=page, new_slug="third-name")

    assert client.get("/en/guide/first-name/")["Location"] == "/en/guide/third-name/"
    assert client.get("/en/guide/second-name/")["Location"] == "/en/guide/third-name/"


def test_renaming_a_page_back_makes_its_old_address_the_page_again(client, make_page):
    page = make_page("first-name")
    services.page_rename(page=page, new_slug="second-name")
    services.page_rename(page=page, new_slug="first-name")

    assert client.get("/en/guide/first-name/").status_code == 200
    assert client.get("/en/guide/second-name/")["Location"] == "/en/guide/first-name/"


def test_a_script_in_the_markdown_never_reaches_the_page(client, make_page):
    body = (
        "## Section {#section}\n\n"
        "<script>alert('x')</script>\n\n"
        '<img src="x" onerror="alert(1)">\n\n'
        '<iframe src="https://example.org"></iframe>\n\n'
        "[click](javascript:alert(1))\n\n"
        '<p onclick="alert(1)">text</p>\n'
    )
    make_page("hostile", body=body)

    html = client.get("/en/guide/hostile/").content.decode()
    body_html = html.split('class="guide-body"')[1].split("</article>")[0]

    # A refused link stays as harmless words ("[click](javascript:…)"), never as markup.
    assert "<script" not in body_html
    assert "alert('x')" not in body_html
    assert "onerror" not in body_html
    assert "onclick" not in body_html
    assert "<iframe" not in body_html
    assert 'href="javascript' not in body_html
    assert 'id="section"' in body_html


def test_the_page_costs_a_bounded_number_of_queries(client):
    client.get("/en/guide/help/")  # warm up the translation and template caches

    # Rendered once (the cache's own reads and writes aside), then read from the cache.
    with CaptureQueriesContext(connection) as first:
        assert client.get("/en/guide/better-reimbursement/").status_code == 200
    with CaptureQueriesContext(connection) as again:
        assert client.get("/en/guide/better-reimbursement/").status_code == 200

    # The page, its texts, its facts (the check date) and its dated figures.
    rendering = [q for q in first.captured_queries if "guidance_" in q["sql"]]
    assert len(rendering) <= 4
    assert len(again.captured_queries) == cache_queries(1)


def test_the_language_button_stays_on_the_same_page(client):
    response = client.post("/i18n/setlang/", {"language": "fr", "next": "/en/guide/help/"})

    assert response.status_code == 302
    assert response["Location"] == "/fr/guide/help/"
