"""The review queue in the admin at scale: fifty a page from the keys first, the whole queue
counted from the pending versions, search by the student's name or e-mail."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from documents.models import Document, DocumentPage, DocumentVersion

QUEUE = "/admin/office/pendingdocument/"


def review_links(response) -> list[str]:
    return re.findall(
        r"/admin/office/pendingdocument/([0-9a-f-]{36})/review/", response.content.decode()
    )


def copies(owner, count, *, kind="rib"):
    """`count` waiting documents (rows only: the list never opens the files)."""
    documents = []
    for number in range(count):
        document = Document.objects.create(owner=owner, kind=f"{kind}-{number}")
        version = DocumentVersion.objects.create(document=document, number=1)
        DocumentPage.objects.create(
            version=version,
            position=1,
            file=f"{owner.pk}-{kind}-{number}.jpg",
            file_type="jpg",
            original_name="scan.jpg",
            size=1,
            sha256="0" * 64,
        )
        document.current_version = version
        document.save()
        documents.append(document)
    return documents


def review_links_in(html: str) -> list[str]:
    return re.findall(r"/admin/office/pendingdocument/([0-9a-f-]{36})/review/", html)


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def test_pages_follow_each_other_oldest_first(bob_client, alice):
    documents = copies(alice, 60)

    first = review_links(bob_client.get(QUEUE))
    second = review_links(bob_client.get(QUEUE + "?p=2"))

    assert first + second == [str(document.uuid) for document in documents]
    assert len(first) == 50


def test_the_whole_queue_is_counted(bob_client, alice, charlie):
    copies(alice, 55)
    copies(charlie, 3, kind="s1")

    # The admin's count line: "<count> <verbose name plural>".
    assert "58 review queue" in bob_client.get(QUEUE).content.decode()


def test_a_filtered_queue_is_counted_as_filtered(bob_client, alice, upload):
    upload(alice, kind="rib")
    upload(alice, kind="s1")

    html = bob_client.get(QUEUE + "?kind=rib").content.decode()

    assert "1 document waiting for review" in html
    assert len(review_links_in(html)) == 1


def test_its_queries_do_not_grow_with_the_queue(bob_client, alice):
    copies(alice, 60)
    # The first page after the login hands over the saved language (a session write).
    bob_client.get(QUEUE)
    few = queries(bob_client, QUEUE + "?p=2")
    copies(alice, 150, kind="s1")

    assert queries(bob_client, QUEUE + "?p=2") == few
    assert queries(bob_client, QUEUE + "?p=4") == few


@pytest.mark.parametrize("term", ["alice", "LIDDELL", "example.org liddell", '"alice@example"'])
def test_it_finds_a_students_documents_by_name_or_e_mail(
    bob_client, alice, charlie, make_profile, upload, term
):
    make_profile(alice)
    make_profile(charlie, legal_surname="Brown", legal_given_names="Charlie")
    mine = upload(alice, kind="rib").document
    upload(charlie, kind="rib")

    assert review_links(bob_client.get(QUEUE, {"q": term})) == [str(mine.uuid)]
