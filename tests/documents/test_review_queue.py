"""/<lang>/documents/review/: the current versions nobody has decided on, oldest first."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from documents.models import Document, DocumentPage, DocumentVersion
from documents.services import document_accept
from tests.documents.conftest import logged_in

URL = "/en/documents/review/"


def test_it_lists_what_waits_for_review(alice, charlie, bob, upload):
    passport = upload(alice).version
    upload(alice, kind="rib")
    upload(charlie, kind="s1")
    document_accept(version=passport, by=bob)

    page = logged_in(bob).get(URL).content.decode()

    assert "Bank details (RIB)" in page
    assert "Form S1" in page
    assert "Passport or national ID card" not in page


@pytest.mark.parametrize(("persona", "status"), [("eve", 403), ("alice", 404)])
def test_it_is_for_reviewers_only(request, persona, status):
    assert logged_in(request.getfixturevalue(persona)).get(URL).status_code == status


def test_anon_is_sent_to_the_login_page(anon):
    assert anon.get(URL).status_code == 302


def queries_for(client, url=URL) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries.captured_queries)


def waiting(count, owner, upload):
    """`count` pending versions: one upload, then copies of its rows (files are not read)."""
    version = upload(owner).version
    for number in range(2, count + 1):
        document = Document.objects.create(owner=owner, kind=f"kind-{number}")
        copy = DocumentVersion.objects.create(document=document, number=1)
        DocumentPage.objects.create(
            version=copy,
            position=1,
            file=f"copy-{number}.jpg",
            file_type="jpg",
            original_name="scan.jpg",
            size=1,
            sha256="0" * 64,
        )
        document.current_version = copy
        document.save()
    return version


def test_its_queries_do_not_grow_with_the_queue(alice, bob, upload):
    client = logged_in(bob)
    waiting(1, alice, upload)
    # The first page after the login hands over the saved language (a session write).
    client.get(URL)
    few = queries_for(client)
    waiting(70, alice, upload)

    assert queries_for(client) == few <= 9
    assert queries_for(client, URL + "?page=2") == few


def test_it_shows_fifty_a_page_oldest_first_and_the_total(alice, bob, upload):
    first = waiting(60, alice, upload)
    client = logged_in(bob)

    page = client.get(URL).content.decode()
    second = client.get(URL + "?page=2").content.decode()

    assert "60 documents are waiting, oldest first." in page
    assert f"/en/documents/review/{first.document.uuid}/" in page
    assert "Page 1 of 2" in page
    assert 'href="?page=2"' in page
    assert page.count("/en/documents/review/") - page.count('"/en/documents/review/"') == 50
    assert "Page 2 of 2" in second
    assert f"/en/documents/review/{first.document.uuid}/" not in second


def test_a_page_number_out_of_range_shows_the_last_page(alice, bob, upload):
    waiting(3, alice, upload)

    page = logged_in(bob).get(URL + "?page=99").content.decode()

    assert "3 documents are waiting" in page
