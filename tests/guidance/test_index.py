"""The guidance index and its search: /<lang>/guide/ and /<lang>/guide/?q=…"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape

from guidance.models import PageTranslation
from tests.conftest import cache_queries


@pytest.mark.parametrize("language", ["en", "fr"])
def test_it_lists_every_published_page_in_the_language(client, language):
    html = client.get(f"/{language}/guide/").content.decode()

    for text in PageTranslation.objects.filter(language=language):
        assert f'href="/{language}/guide/{text.page.slug}/"' in html
        assert escape(text.title) in html


def test_it_hides_unpublished_pages(client, make_page):
    make_page("draft", published=False)

    assert "/en/guide/draft/" not in client.get("/en/guide/").content.decode()


def test_it_groups_pages_by_audience(client):
    html = client.get("/en/guide/").content.decode()

    assert html.index("Everyone") < html.index("EU, EEA and Swiss students")
    assert html.index("EU, EEA and Swiss students") < html.index("Students from outside the EU")


def test_a_page_shown_in_the_other_language_says_so(client, make_page):
    make_page("only-english", languages=("en",))

    html = client.get("/fr/guide/").content.decode()

    assert "Test page title en" in html
    assert "en anglais" in html


def test_the_search_finds_a_page_by_a_word_of_its_body(client):
    html = client.get("/en/guide/", {"q": "glasses"}).content.decode()
    results = html.split('id="results-heading"')[1].split("</section>")[0]

    assert "/en/guide/better-reimbursement/" in results
    assert "/en/guide/help/" not in results


def test_the_search_says_when_nothing_matches(client):
    html = client.get("/en/guide/", {"q": "xylophone"}).content.decode()

    assert "0 pages found" in html
    assert "No page matches these words" in html


def test_the_search_ignores_unpublished_pages(client, make_page):
    make_page("draft", published=False, body="## Hidden {#hidden}\n\nzanzibar\n")

    html = client.get("/en/guide/", {"q": "zanzibar"}).content.decode()

    assert "0 pages found" in html


def test_the_index_costs_a_bounded_number_of_queries(client):
    client.get("/en/guide/")

    # Rendered once (the cache's own reads and writes aside), then read from the cache.
    with CaptureQueriesContext(connection) as first:
        assert client.get("/fr/guide/").status_code == 200
    with CaptureQueriesContext(connection) as again:
        assert client.get("/fr/guide/").status_code == 200

    rendering = [q for q in first.captured_queries if "guidance_" in q["sql"]]
    assert len(rendering) <= 3
    assert len(again.captured_queries) == cache_queries(1)


def test_a_search_costs_a_bounded_number_of_queries(client, django_assert_max_num_queries):
    client.get("/en/guide/")

    with django_assert_max_num_queries(5):
        assert client.get("/fr/guide/", {"q": "carte Vitale"}).status_code == 200


@pytest.mark.postgres
def test_the_search_finds_a_french_word_in_another_form_on_postgresql(client, make_page):
    if connection.vendor != "postgresql":
        pytest.skip("full-text search with the french configuration needs PostgreSQL")
    make_page(
        "stemming",
        languages=("fr",),
        body="## Remboursements {#refunds}\n\nLes consultations sont remboursées par la CPAM.\n",
    )

    # "remboursement" and "remboursées" share a stem only with the french configuration.
    html = client.get("/fr/guide/", {"q": "remboursement"}).content.decode()
    results = html.split('id="results-heading"')[1].split("</section>")[0]

    assert "/fr/guide/stemming/" in results


@pytest.mark.postgres
def test_the_search_finds_the_shipped_french_pages_on_postgresql(client):
    if connection.vendor != "postgresql":
        pytest.skip("full-text search with the french configuration needs PostgreSQL")

    html = client.get("/fr/guide/", {"q": "médecins traitants"}).content.decode()
    results = html.split('id="results-heading"')[1].split("</section>")[0]

    assert "/fr/guide/better-reimbursement/" in results
