"""Guidance pages for visitors who are not signed in come from the shared cache, and any
edit makes them fresh at once (guidance/page_cache.py)."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from guidance import services
from guidance.models import PageTranslation
from tests.conftest import cache_queries, make_verified_user

URL = "/en/guide/test-page/"


def token_in(html: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


@pytest.fixture
def guide_page(make_page):
    return make_page()


@pytest.fixture
def edits(django_capture_on_commit_callbacks):
    """Run an edit as if committed: the cache is told only once the change is committed."""

    def run(change):
        with django_capture_on_commit_callbacks(execute=True):
            change()

    return run


def test_the_second_visitor_gets_the_page_for_one_cache_read(guide_page, client):
    client.get(URL)

    with CaptureQueriesContext(connection) as queries:
        response = Client().get(URL)

    assert response.status_code == 200
    assert "Test page title en" in response.content.decode()
    sql = [q["sql"] for q in queries.captured_queries]
    assert len(sql) == cache_queries(1)
    assert all("django_cache" in query for query in sql)


def test_two_anonymous_readers_get_the_same_page_with_no_csrf_cookie(guide_page):
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first_response = first.get(URL)
    second_response = second.get(URL)

    # Sent as stored: the same bytes, no token to fill in, no cookie set.
    assert first_response.content == second_response.content
    assert "csrfmiddlewaretoken" not in second_response.content.decode()
    assert "csrftoken" not in second_response.cookies
    assert second_response["Content-Security-Policy"]


def test_an_anonymous_reader_switches_language_by_a_link_without_a_token(guide_page):
    reader = Client(enforce_csrf_checks=True)
    reader.get(URL)
    html = reader.get(URL).content.decode()

    assert 'href="/fr/guide/test-page/"' in html
    assert "/i18n/setlang/" not in html
    response = reader.get("/fr/guide/test-page/")
    assert response.status_code == 200
    assert '<html lang="fr"' in response.content.decode()


def test_a_signed_in_reader_keeps_the_form_and_their_choice_is_saved(guide_page):
    user = make_verified_user(email="reader@example.org")
    reader = Client(enforce_csrf_checks=True)
    reader.force_login(user)
    html = reader.get(URL).content.decode()

    response = reader.post(
        "/i18n/setlang/",
        {"language": "fr", "next": URL, "csrfmiddlewaretoken": token_in(html)},
    )

    assert response.status_code == 302
    assert response["Location"] == "/fr/guide/test-page/"
    user.refresh_from_db()
    assert user.preferred_language == "fr"


def test_an_edited_text_shows_at_once(guide_page, client, edits):
    client.get(URL)
    text = PageTranslation.objects.get(page=guide_page, language="en")

    def retitle():
        text.title = "A new title"
        text.save()

    edits(retitle)

    html = Client().get(URL).content.decode()
    assert "A new title" in html
    assert "Test page title en" not in html


def test_an_unpublished_page_disappears_at_once(guide_page, client, edits):
    client.get(URL)

    def unpublish():
        guide_page.is_published = False
        guide_page.save()

    edits(unpublish)

    assert Client().get(URL).status_code == 404


def test_a_renamed_page_redirects_from_its_cached_address(guide_page, client, edits):
    client.get(URL)

    edits(lambda: services.page_rename(page=guide_page, new_slug="renamed"))

    response = Client().get(URL)
    assert response.status_code == 301
    assert response["Location"] == "/en/guide/renamed/"


def test_a_deleted_text_falls_back_to_the_other_language_at_once(guide_page, client, edits):
    client.get(URL)

    edits(lambda: PageTranslation.objects.get(page=guide_page, language="en").delete())

    assert "Test page title fr" in Client().get(URL).content.decode()


def test_an_edit_not_yet_committed_leaves_the_cached_page(
    guide_page, client, django_capture_on_commit_callbacks
):
    client.get(URL)
    text = PageTranslation.objects.get(page=guide_page, language="en")

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        text.title = "Draft title"
        text.save()

    assert len(callbacks) == 1
    assert "Test page title en" in Client().get(URL).content.decode()


def test_signed_in_people_see_their_own_header(guide_page, client):
    client.get(URL)
    alice = make_verified_user(email="alice@example.org")
    signed_in = Client()
    signed_in.force_login(alice)

    html = signed_in.get(URL).content.decode()

    assert "alice@example.org" in html
    assert "alice@example.org" not in Client().get(URL).content.decode()


def test_a_page_with_a_query_string_is_rendered_not_cached(guide_page, client):
    client.get(URL)

    with CaptureQueriesContext(connection) as queries:
        Client().get(URL, {"utm_source": "poster"})

    assert any("guidance_page" in q["sql"] for q in queries.captured_queries)


def test_languages_are_cached_apart(guide_page, client):
    client.get(URL)

    assert "Test page title fr" in Client().get("/fr/guide/test-page/").content.decode()


# --- Visitors without a session: the whole response, before the session is read ---------


def answered_before_the_session(response) -> bool:
    # SessionMiddleware and the authentication middleware give every request they see
    # `session` and `user`; a stored response is sent before either runs.
    request = response.wsgi_request
    return not hasattr(request, "session") and not hasattr(request, "user")


def test_a_visitor_without_a_session_gets_the_stored_response_whole(guide_page):
    first = Client().get(URL)
    assert not answered_before_the_session(first)

    with CaptureQueriesContext(connection) as queries:
        second = Client().get(URL)

    assert answered_before_the_session(second)
    assert len(queries.captured_queries) == cache_queries(1)
    assert second.content == first.content
    for header in (
        "Content-Type",
        "Content-Language",
        "Content-Security-Policy",
        "X-Frame-Options",
        "Referrer-Policy",
        "Permissions-Policy",
        "Vary",
    ):
        assert second[header] == first[header], header
    assert not second.cookies


def test_the_stored_french_page_keeps_its_language_and_typography(guide_page):
    Client().get("/fr/guide/test-page/")
    response = Client().get("/fr/guide/test-page/")

    assert answered_before_the_session(response)
    assert response["Content-Language"] == "fr"
    html = response.content.decode()
    assert '<html lang="fr"' in html
    assert "Test page title fr" in html


def test_a_visitor_with_a_session_goes_through_the_whole_stack(guide_page, client):
    Client().get(URL)
    alice = make_verified_user(email="alice@example.org")
    client.force_login(alice)

    response = client.get(URL)

    assert not answered_before_the_session(response)
    assert "alice@example.org" in response.content.decode()


def test_an_edit_reaches_visitors_without_a_session_at_once(guide_page, edits):
    Client().get(URL)
    assert answered_before_the_session(Client().get(URL))
    text = PageTranslation.objects.get(page=guide_page, language="en")

    def retitle():
        text.title = "Retitled for posters"
        text.save()

    edits(retitle)

    response = Client().get(URL)
    assert not answered_before_the_session(response)  # made again under the new version
    assert "Retitled for posters" in response.content.decode()
    assert "Retitled for posters" in Client().get(URL).content.decode()


@pytest.mark.parametrize(
    "request_kwargs",
    [
        {"path": URL, "data": {"utm_source": "poster"}},
        {"path": "/en/guide/links/"},
        {"path": "/en/guide/test-page/poster/"},
        {"path": "/en/estimate/"},
    ],
    ids=["query string", "link kit", "poster", "another page"],
)
def test_only_plain_guidance_addresses_are_answered_before_the_session(guide_page, request_kwargs):
    for _ in range(2):
        response = Client().get(**request_kwargs)
    assert response.status_code == 200
    assert not answered_before_the_session(response)


def test_a_bad_host_still_gets_the_400_page_not_the_stored_one(guide_page, settings):
    settings.ALLOWED_HOSTS = ["testserver"]
    Client().get(URL)

    response = Client().get(URL, HTTP_HOST="attacker.example")

    assert response.status_code == 400
    assert "Test page title en" not in response.content.decode()


def test_a_page_that_sets_a_cookie_is_not_stored(guide_page, monkeypatch):
    from guidance import views

    original = views._guide_page

    def with_cookie(request, slug):
        response = original(request, slug)
        response.set_cookie("tracking", "1")
        return response

    monkeypatch.setattr(views, "_guide_page", with_cookie)
    Client().get(URL)

    assert not answered_before_the_session(Client().get(URL))
