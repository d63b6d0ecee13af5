"""/<lang>/documents/review/<uuid>/ and its accept/reject actions, for reviewers only."""

import pytest
from django.core import mail

from documents.models import AccessAction, DocumentAccessLog, RejectionReason, VersionStatus
from tests.documents.conftest import logged_in


def url_of(document, action=""):
    return f"/en/documents/review/{document.uuid}/{action + '/' if action else ''}"


@pytest.fixture
def bob_client(bob):
    return logged_in(bob)


def test_it_shows_the_files_and_both_decisions_to_a_reviewer(bob_client, alice_passport):
    response = bob_client.get(url_of(alice_passport))

    page = response.content.decode()
    assert response.status_code == 200
    assert "alice@example.org" in page
    assert "passport.pdf" in page
    assert "Accept version 1" in page
    assert "Reject version 1" in page
    assert "The document is unreadable" in page


def test_opening_the_review_page_is_logged(bob, bob_client, alice_passport):
    bob_client.get(url_of(alice_passport))

    entry = DocumentAccessLog.objects.get()
    assert (entry.actor, entry.action, entry.document_uuid) == (
        bob,
        AccessAction.REVIEW_VIEW,
        alice_passport.uuid,
    )


@pytest.mark.parametrize(("persona", "status"), [("eve", 403), ("alice", 404), ("charlie", 404)])
@pytest.mark.parametrize("action", ["", "accept", "reject"])
def test_it_is_for_reviewers_only(request, alice_passport, persona, status, action):
    client = logged_in(request.getfixturevalue(persona))
    version = alice_passport.current_version
    data = {"version": version.uuid, "reasons": [RejectionReason.objects.first().pk]}

    response = (
        client.post(url_of(alice_passport, action), data)
        if action
        else client.get(url_of(alice_passport))
    )

    assert response.status_code == status
    version.refresh_from_db()
    assert version.status == VersionStatus.PENDING


@pytest.mark.parametrize("action", ["", "accept", "reject"])
def test_anon_is_sent_to_the_login_page(anon, alice_passport, action):
    assert anon.get(url_of(alice_passport, action)).status_code == 302


@pytest.mark.parametrize("action", ["accept", "reject"])
def test_decisions_are_post_only(bob_client, alice_passport, action):
    assert bob_client.get(url_of(alice_passport, action)).status_code == 405


def test_accept_accepts_the_version_and_mails_the_student(
    bob_client, alice_passport, django_capture_on_commit_callbacks
):
    version = alice_passport.current_version

    with django_capture_on_commit_callbacks(execute=True):
        response = bob_client.post(url_of(alice_passport, "accept"), {"version": version.uuid})

    assert response.status_code == 302
    assert response["Location"] == "/en/documents/review/"
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
            url_of(alice_passport, "reject"),
            {
                "version": version.uuid,
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

    response = bob_client.post(url_of(alice_passport, "reject"), {"version": version.uuid})

    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    version.refresh_from_db()
    assert version.status == VersionStatus.PENDING


def test_a_version_replaced_since_the_page_was_opened_is_not_decided(
    alice, bob_client, alice_passport, upload
):
    seen = alice_passport.current_version
    upload(alice)

    response = bob_client.post(
        url_of(alice_passport, "accept"), {"version": seen.uuid}, follow=True
    )

    assert "The student replaced or deleted this file in the meantime" in response.content.decode()
    alice_passport.refresh_from_db()
    assert alice_passport.current_version.status == VersionStatus.PENDING


def test_a_second_decision_says_it_was_already_reviewed(bob_client, alice_passport):
    version = alice_passport.current_version
    bob_client.post(url_of(alice_passport, "accept"), {"version": version.uuid})

    response = bob_client.post(
        url_of(alice_passport, "reject"),
        {"version": version.uuid, "reasons": [RejectionReason.objects.first().pk]},
        follow=True,
    )

    assert "This document was already reviewed (accepted by bob@example.org)" in (
        response.content.decode()
    )
