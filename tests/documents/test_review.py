"""One review screen, the admin's (office/admin_review.py). The old `/<lang>/documents/review/`
addresses send reviewers there for good and refuse everyone else as before; the checks the
screen relies on live once, in documents/access.py."""

import uuid

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.http import Http404

from documents import access
from documents.models import AccessAction, DocumentAccessLog, RejectionReason, VersionStatus
from documents.services import DocumentError
from tests.documents.conftest import logged_in

OLD_QUEUE = "/en/documents/review/"
QUEUE = "/admin/office/pendingdocument/"


def old_url(document, action=""):
    return f"/en/documents/review/{document.uuid}/{action + '/' if action else ''}"


def screen(document):
    return f"/admin/office/pendingdocument/{document.uuid}/review/"


@pytest.fixture
def bob_client(bob):
    return logged_in(bob)


# --- The old addresses ------------------------------------------------------------------


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_old_queue_moved_for_good_to_the_admins(bob_client, language):
    response = bob_client.get(f"/{language}/documents/review/")

    assert response.status_code == 301
    assert response["Location"] == QUEUE


@pytest.mark.parametrize("action", ["", "accept", "reject"])
def test_each_old_document_address_moved_to_that_documents_screen(
    bob_client, alice_passport, action
):
    response = bob_client.get(old_url(alice_passport, action))

    assert response.status_code == 301
    assert response["Location"] == screen(alice_passport)
    assert bob_client.get(response["Location"]).status_code == 200


@pytest.mark.parametrize("action", ["accept", "reject"])
def test_a_decision_posted_to_an_old_address_decides_nothing(bob_client, alice_passport, action):
    version = alice_passport.current_version
    data = {"version": version.uuid, "reasons": [RejectionReason.objects.first().pk]}

    response = bob_client.post(old_url(alice_passport, action), data)

    assert (response.status_code, response["Location"]) == (301, screen(alice_passport))
    version.refresh_from_db()
    assert version.status == VersionStatus.PENDING


@pytest.mark.parametrize(("persona", "status"), [("eve", 403), ("alice", 404), ("charlie", 404)])
@pytest.mark.parametrize("action", [None, "", "accept", "reject"])
def test_the_old_addresses_refuse_everyone_else_as_before(
    request, alice_passport, persona, status, action
):
    client = logged_in(request.getfixturevalue(persona))
    version = alice_passport.current_version
    url = OLD_QUEUE if action is None else old_url(alice_passport, action)
    data = {"version": version.uuid, "reasons": [RejectionReason.objects.first().pk]}

    assert client.get(url).status_code == status
    assert client.post(url, data).status_code == status
    version.refresh_from_db()
    assert version.status == VersionStatus.PENDING


@pytest.mark.parametrize("action", [None, "", "accept", "reject"])
def test_anon_is_sent_to_the_login_page(anon, alice_passport, action):
    url = OLD_QUEUE if action is None else old_url(alice_passport, action)

    response = anon.get(url)

    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/")


# --- The one screen ---------------------------------------------------------------------


def test_it_shows_the_files_and_the_decision_to_a_reviewer(bob_client, alice_passport):
    response = bob_client.get(screen(alice_passport))

    page = response.content.decode()
    assert response.status_code == 200
    assert "alice@example.org" in page
    assert 'name="decision"' in page
    assert "The document is unreadable" in page


def test_opening_the_screen_is_logged_once(bob, bob_client, alice_passport):
    bob_client.get(screen(alice_passport))

    entry = DocumentAccessLog.objects.get()
    assert (entry.actor, entry.action, entry.document_uuid) == (
        bob,
        AccessAction.REVIEW_VIEW,
        alice_passport.uuid,
    )


@pytest.mark.parametrize(("persona", "status"), [("eve", 403), ("alice", 302), ("charlie", 302)])
def test_the_screen_is_for_reviewers_only(request, alice_passport, persona, status):
    """Staff without the permission: 403; students are sent to the admin's login, as on
    every admin address (tests/test_permissions.py)."""
    client = logged_in(request.getfixturevalue(persona))
    version = alice_passport.current_version

    assert client.get(screen(alice_passport)).status_code == status
    response = client.post(screen(alice_passport), {"version": version.uuid, "decision": "accept"})

    assert response.status_code == status
    version.refresh_from_db()
    assert version.status == VersionStatus.PENDING


def test_accept_accepts_the_version_and_mails_the_student(
    bob_client, alice_passport, django_capture_on_commit_callbacks
):
    version = alice_passport.current_version

    with django_capture_on_commit_callbacks(execute=True):
        response = bob_client.post(
            screen(alice_passport), {"version": version.uuid, "decision": "accept"}
        )

    assert response.status_code == 302
    assert response["Location"] == QUEUE
    version.refresh_from_db()
    assert version.status == VersionStatus.ACCEPTED
    assert mail.outbox[0].to == ["alice@example.org"]


def test_reject_records_the_reasons_and_comment(
    bob_client, alice_passport, django_capture_on_commit_callbacks
):
    version = alice_passport.current_version
    reasons = RejectionReason.objects.filter(code__in=["expired", "name-mismatch"])

    with django_capture_on_commit_callbacks(execute=True):
        response = bob_client.post(
            screen(alice_passport),
            {
                "version": version.uuid,
                "decision": "reject",
                "reasons": [r.pk for r in reasons],
                "comment": "The visa expired in May.",
            },
        )

    assert response.status_code == 302
    version.refresh_from_db()
    assert version.status == VersionStatus.REJECTED
    assert set(version.decision.reasons.values_list("code", flat=True)) == {
        "expired",
        "name-mismatch",
    }
    assert "The visa expired in May." in mail.outbox[0].body


def test_reject_without_a_reason_shows_the_form_again(bob_client, alice_passport):
    version = alice_passport.current_version

    response = bob_client.post(
        screen(alice_passport), {"version": version.uuid, "decision": "reject"}
    )

    assert response.status_code == 200
    assert "Choose at least one reason." in response.content.decode()
    version.refresh_from_db()
    assert version.status == VersionStatus.PENDING


def test_a_version_replaced_since_the_screen_was_opened_is_not_decided(
    alice, bob_client, alice_passport, upload
):
    seen = alice_passport.current_version
    upload(alice)

    response = bob_client.post(
        screen(alice_passport), {"version": seen.uuid, "decision": "accept"}, follow=True
    )

    assert "The student replaced or deleted this file in the meantime" in response.content.decode()
    alice_passport.refresh_from_db()
    assert alice_passport.current_version.status == VersionStatus.PENDING


def test_a_second_decision_says_it_was_already_reviewed(bob_client, alice_passport):
    version = alice_passport.current_version
    bob_client.post(screen(alice_passport), {"version": version.uuid, "decision": "accept"})

    response = bob_client.post(
        screen(alice_passport),
        {
            "version": version.uuid,
            "decision": "reject",
            "reasons": [RejectionReason.objects.first().pk],
        },
        follow=True,
    )

    assert "This document was already reviewed (accepted by bob@example.org)" in (
        response.content.decode()
    )
    version.refresh_from_db()
    assert version.status == VersionStatus.ACCEPTED


def test_a_file_on_the_screen_has_the_private_headers_and_is_logged(
    bob, bob_client, alice_passport
):
    page = alice_passport.current_version.pages.order_by("position").first()

    response = bob_client.get(
        f"/admin/office/pendingdocument/{alice_passport.uuid}/files/{page.uuid}/"
    )

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("inline")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert {"private", "no-store"} <= set(response["Cache-Control"].split(", "))
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert response["Content-Security-Policy"] == "default-src 'none'; frame-ancestors 'self'"
    entry = DocumentAccessLog.objects.get()
    assert (entry.actor, entry.action, entry.page_uuid) == (bob, AccessAction.DOWNLOAD, page.uuid)


# --- The shared checks, as the screen and the documents pages use them -------------------


@pytest.mark.parametrize(("persona", "refusal"), [("eve", PermissionDenied), ("alice", Http404)])
def test_the_reviewer_gate(request, alice_passport, persona, refusal):
    user = request.getfixturevalue(persona)

    with pytest.raises(refusal):
        access.get_document_for_review(user=user, document_uuid=alice_passport.uuid)


def test_the_gate_lets_a_reviewer_through_and_a_missing_document_is_a_404(bob, alice_passport):
    assert access.get_document_for_review(user=bob, document_uuid=alice_passport.uuid) == (
        alice_passport
    )
    with pytest.raises(Http404):
        access.get_document_for_review(user=bob, document_uuid=uuid.uuid4())


def test_the_stale_version_check(alice, alice_passport, upload):
    seen = alice_passport.current_version
    assert access.reviewed_version(document=alice_passport, version_uuid=seen.uuid) == seen

    upload(alice)
    alice_passport.refresh_from_db()

    with pytest.raises(DocumentError, match="replaced or deleted this file"):
        access.reviewed_version(document=alice_passport, version_uuid=seen.uuid)


def test_a_student_opening_their_own_file_is_not_logged(alice, bob, alice_passport):
    access.log_staff_access(user=alice, document=alice_passport, action=AccessAction.DOWNLOAD)
    assert not DocumentAccessLog.objects.exists()

    access.log_staff_access(user=bob, document=alice_passport, action=AccessAction.DOWNLOAD)
    assert DocumentAccessLog.objects.get().actor == bob
