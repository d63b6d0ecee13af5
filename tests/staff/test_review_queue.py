"""The review queue in the admin: documents waiting, oldest first; one screen per document
with its files beside the decision form; decisions through documents' services."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from documents.models import (
    AccessAction,
    DocumentAccessLog,
    DocumentVersion,
    ReviewDecision,
    VersionStatus,
)
from documents.services import document_accept
from tests.staff.conftest import staff_client

QUEUE = "/admin/office/pendingdocument/"


def screen(document) -> str:
    return f"/admin/office/pendingdocument/{document.uuid}/review/"


@pytest.fixture
def waiting(alice, charlie, upload, photo_and_pdf):
    """Three documents waiting: Charlie's RIB (oldest), Alice's passport, Alice's RIB."""
    charlie_rib = upload(charlie, kind="rib").document
    passport = upload(alice, contents=photo_and_pdf).document
    alice_rib = upload(alice, kind="rib").document
    now = timezone.now()
    for days, document in [(5, charlie_rib), (3, passport), (1, alice_rib)]:
        DocumentVersion.objects.filter(pk=document.current_version_id).update(
            uploaded_at=now - timedelta(days=days)
        )
    return {"charlie_rib": charlie_rib, "passport": passport, "alice_rib": alice_rib}


def review_links(response) -> list[str]:
    pattern = r"/admin/office/pendingdocument/([0-9a-f-]{36})/review/"
    return re.findall(pattern, response.content.decode())


def test_the_queue_lists_waiting_documents_oldest_first(bob_client, waiting):
    response = bob_client.get(QUEUE)

    assert response.status_code == 200
    assert review_links(response) == [
        str(waiting[name].uuid) for name in ["charlie_rib", "passport", "alice_rib"]
    ]
    assert '<td class="field-waiting_days">5</td>' in response.content.decode()


def test_decided_documents_leave_the_queue(bob, bob_client, waiting):
    document_accept(version=waiting["charlie_rib"].current_version, by=bob)

    assert str(waiting["charlie_rib"].uuid) not in review_links(bob_client.get(QUEUE))


def test_the_screen_shows_the_files_beside_the_form_and_is_logged(bob, bob_client, waiting):
    passport = waiting["passport"]
    image, pdf = passport.current_version.pages.order_by("position")

    response = bob_client.get(screen(passport))

    html = response.content.decode()
    assert response.status_code == 200
    assert f'<img src="/admin/office/pendingdocument/{passport.uuid}/files/{image.uuid}/"' in html
    assert f'<iframe src="/admin/office/pendingdocument/{passport.uuid}/files/{pdf.uuid}/"' in html
    assert 'name="decision"' in html
    assert 'name="reasons"' in html
    assert 'name="_next"' in html
    entry = DocumentAccessLog.objects.get()
    assert (entry.actor, entry.action, entry.document_uuid) == (
        bob,
        AccessAction.REVIEW_VIEW,
        passport.uuid,
    )


def test_a_file_is_shown_inline_privately_and_logged(bob, bob_client, waiting):
    passport = waiting["passport"]
    image = passport.current_version.pages.get(position=1)

    response = bob_client.get(f"/admin/office/pendingdocument/{passport.uuid}/files/{image.uuid}/")

    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["Content-Disposition"].startswith("inline")
    assert {"private", "no-store"} <= set(response["Cache-Control"].split(", "))
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert response["Content-Security-Policy"] == "default-src 'none'; frame-ancestors 'self'"
    entry = DocumentAccessLog.objects.get()
    assert (entry.action, entry.page_uuid) == (AccessAction.DOWNLOAD, image.uuid)


def test_a_page_of_another_document_is_a_404(bob_client, waiting):
    other_page = waiting["alice_rib"].current_version.pages.get()

    response = bob_client.get(
        f"/admin/office/pendingdocument/{waiting['passport'].uuid}/files/{other_page.uuid}/"
    )

    assert response.status_code == 404


def decide(client, document, **data):
    version = document.current_version
    return client.post(screen(document), {"version": version.uuid, **data})


def test_accepting_goes_through_the_service_and_tells_the_student(
    bob, bob_client, waiting, django_capture_on_commit_callbacks
):
    passport = waiting["passport"]

    with django_capture_on_commit_callbacks(execute=True):
        response = decide(bob_client, passport, decision="accept", _save="Save")

    assert response["Location"] == QUEUE
    decision = ReviewDecision.objects.get(version=passport.current_version)
    assert (decision.outcome, decision.decided_by) == ("accepted", bob)
    assert [message.to for message in mail.outbox] == [["alice@example.org"]]


def test_rejecting_needs_a_reason(bob_client, waiting):
    response = decide(bob_client, waiting["passport"], decision="reject")

    assert response.status_code == 200
    assert "Choose at least one reason." in response.content.decode()
    assert not ReviewDecision.objects.exists()


def test_rejecting_with_reasons_and_a_comment(bob_client, waiting, reason):
    passport = waiting["passport"]

    decide(bob_client, passport, decision="reject", reasons=[reason.pk], comment="Too dark.")

    passport.current_version.refresh_from_db()
    assert passport.current_version.status == VersionStatus.REJECTED
    decision = passport.current_version.decision
    assert list(decision.reasons.all()) == [reason]
    assert decision.comment == "Too dark."


def test_save_and_next_opens_the_next_waiting_document(bob_client, waiting):
    response = decide(bob_client, waiting["charlie_rib"], decision="accept", _next="1")

    assert response["Location"] == screen(waiting["passport"])


def test_save_and_next_on_the_last_one_returns_to_the_empty_queue(bob, bob_client, waiting):
    for name in ["charlie_rib", "passport"]:
        document_accept(version=waiting[name].current_version, by=bob)

    response = decide(bob_client, waiting["alice_rib"], decision="accept", _next="1")

    assert response["Location"] == QUEUE


def test_a_file_replaced_since_the_screen_opened_is_not_decided(bob_client, waiting, upload, alice):
    passport = waiting["passport"]
    seen = passport.current_version.uuid
    upload(alice)  # Alice replaces her passport meanwhile.

    response = bob_client.post(screen(passport), {"version": seen, "decision": "accept"})

    assert response["Location"] == screen(passport)
    assert not ReviewDecision.objects.exists()


def test_a_document_already_decided_says_so(bob, bob_client, waiting):
    passport = waiting["passport"]
    version = passport.current_version
    document_accept(version=version, by=bob)

    response = bob_client.post(screen(passport), {"version": version.uuid, "decision": "accept"})
    response = bob_client.get(response["Location"])

    assert "not waiting for review" in response.content.decode()
    assert ReviewDecision.objects.count() == 1


@pytest.mark.parametrize("persona", ["editor", "eve"])
def test_staff_without_the_review_permission_are_refused(request, persona, waiting):
    client = staff_client(request.getfixturevalue(persona))
    passport = waiting["passport"]
    page = passport.current_version.pages.first()

    assert client.get(QUEUE).status_code == 403
    assert client.get(screen(passport)).status_code == 403
    file_url = f"/admin/office/pendingdocument/{passport.uuid}/files/{page.uuid}/"
    assert client.get(file_url).status_code == 403
    assert decide(client, passport, decision="accept").status_code == 403
    assert not ReviewDecision.objects.exists()


def test_the_queue_costs_a_bounded_number_of_queries(
    bob_client, alice, charlie, upload, django_assert_max_num_queries
):
    for kind in ("passport-id", "rib", "s1", "ehic"):
        upload(alice, kind=kind)
        upload(charlie, kind=kind)

    with django_assert_max_num_queries(9):
        assert bob_client.get(QUEUE).status_code == 200
