"""/<lang>/documents/: the student's documents as tasks with statuses in words."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from documents import selectors
from documents.kinds import DocumentKind
from documents.models import RejectionReason, VersionStatus
from documents.services import document_accept, document_reject
from students.paths import Flag, Path
from tests.documents import files
from tests.documents.conftest import logged_in

URL = "/en/documents/"


@pytest.fixture
def on_the_non_eu_path(monkeypatch):
    """What the tracker will answer once wired: outside the EU, translation needed."""
    monkeypatch.setattr(
        selectors,
        "student_situation",
        lambda user: (Path.NON_EU, frozenset({Flag.TRANSLATION_NEEDED}), "not-started", []),
    )


def test_it_sends_anon_to_the_login_page(anon):
    response = anon.get(URL)

    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/login/?next=/en/documents/"


def test_without_a_known_path_every_kind_is_an_optional_upload(alice_client):
    response = alice_client.get(URL)

    page = response.content.decode()
    assert response.status_code == 200
    assert "Documents you can upload" in page
    assert "Documents you need" not in page
    assert page.count("Not uploaded") == 13
    assert "/en/documents/upload/passport-id/" in page


def test_with_a_known_path_the_required_documents_come_first_as_tasks(
    alice_client, on_the_non_eu_path
):
    page = alice_client.get(URL).content.decode()

    needed, other = page.split("Other documents")
    assert needed.count("Missing") == 6
    assert "Sworn translation of the birth document" in needed
    assert "Form S1" in other


def test_it_shows_each_status_in_words(alice, alice_client, bob, upload, on_the_non_eu_path):
    passport = upload(alice, kind="passport-id").version
    upload(alice, kind="rib")
    certificate = upload(alice, kind="school-certificate").version
    document_accept(version=passport, by=bob)
    document_reject(
        version=certificate,
        by=bob,
        reasons=[RejectionReason.objects.get(code="admission-letter")],
        comment="Please send the one from the registrar.",
    )

    page = alice_client.get(URL).content.decode()

    assert "Accepted" in page
    assert "Uploaded — waiting for review" in page
    assert "There is a problem" in page
    assert "This is an admission letter, not a certificate of enrolment" in page
    assert "download your certificate of enrolment" in page
    assert "Please send the one from the registrar." in page


def test_it_shows_the_reason_in_the_students_language(alice, bob, upload, client):
    certificate = upload(alice, kind="school-certificate").version
    document_reject(
        version=certificate, by=bob, reasons=[RejectionReason.objects.get(code="expired")]
    )
    client.force_login(alice)

    page = client.get("/fr/documents/").content.decode()

    assert "Le document n&#x27;est plus valable" in page
    assert "Il y a un problème" in page


def test_it_shows_none_of_another_students_documents(alice, charlie, upload):
    upload(alice)

    page = logged_in(charlie).get(URL).content.decode()

    assert "Uploaded — waiting for review" not in page
    assert page.count("Not uploaded") == 13


def test_it_runs_a_bounded_number_of_queries(
    alice, alice_client, upload, django_assert_max_num_queries, settings
):
    settings.PERSONAL_PAGE_TIMEOUT = 0  # the render itself (the cached view: test_personal_pages)
    for kind in ("passport-id", "rib", "school-certificate", "birth-document"):
        upload(alice, kind=kind)

    with django_assert_max_num_queries(12):
        alice_client.get(URL)


def test_its_queries_do_not_grow_with_documents_versions_and_pages(
    alice, alice_client, bob, upload, settings
):
    settings.PERSONAL_PAGE_TIMEOUT = 0  # the render itself, every time
    settings.DOCUMENT_MAX_FILES = 100
    upload(alice, kind="rib")
    # The first page after the login hands over the saved language (a session write).
    alice_client.get(URL)
    few = queries(alice_client)
    for kind in DocumentKind:
        first = upload(alice, kind=kind, contents=[("a.jpg", files.jpeg())]).version
        if first.status == VersionStatus.PENDING:
            document_reject(version=first, by=bob, reasons=list(RejectionReason.objects.all()[:2]))
        upload(alice, kind=kind, contents=[("b.jpg", files.jpeg()), ("c.jpg", files.jpeg())])

    assert queries(alice_client) == few


def queries(client) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(URL).status_code == 200
    return len(captured.captured_queries)


def test_the_dashboard_include_lists_the_tasks_with_their_status(alice, upload, rf):
    from django.template.loader import render_to_string

    upload(alice, kind="rib")
    tasks = [t for t in selectors.document_tasks(alice) if t.kind in ("rib", "s1")]

    html = render_to_string("documents/includes/task_list.html", {"tasks": tasks})

    assert "Bank details (RIB)" in html
    assert "Uploaded — waiting for review" in html
    assert "/en/documents/upload/s1/" in html
    assert "/en/documents/" in html
