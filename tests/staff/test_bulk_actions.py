"""Bulk actions, each behind a confirmation page: accept the selected documents (one decision
per document, through the service), send a reminder to the selected students."""

import pytest
from django.core import mail
from django.utils import timezone

from documents.models import ReviewDecision, VersionStatus
from documents.services import document_accept
from notifications.models import Notice, NoticeKind
from tests.conftest import make_verified_user
from tests.staff.conftest import staff_client

QUEUE = "/admin/office/pendingdocument/"
STUDENTS = "/admin/office/student/"


@pytest.fixture
def documents(alice, charlie, upload):
    return [
        upload(alice).document,
        upload(alice, kind="rib").document,
        upload(charlie).document,
    ]


def accept(client, documents, *, confirm: bool, versions=None):
    data = {"action": "accept_selected_documents", "_selected_action": [d.pk for d in documents]}
    if confirm:
        if versions is None:
            versions = [d.current_version.uuid for d in documents]
        data.update(post="yes", version=versions)
    return client.post(QUEUE, data)


def test_accepting_first_shows_a_confirmation_page_and_changes_nothing(bob_client, documents):
    response = accept(bob_client, documents, confirm=False)

    html = response.content.decode()
    assert response.status_code == 200
    assert "Yes, accept them" in html
    for document in documents:
        assert f'value="{document.current_version.uuid}"' in html
    assert not ReviewDecision.objects.exists()


def test_confirming_writes_one_decision_per_document_and_tells_each_student(
    bob, bob_client, documents, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = accept(bob_client, documents, confirm=True)

    assert response.status_code == 302
    for document in documents:
        version = document.current_version
        version.refresh_from_db()
        assert version.status == VersionStatus.ACCEPTED
        assert ReviewDecision.objects.filter(version=version, decided_by=bob).count() == 1
    assert ReviewDecision.objects.count() == 3
    assert sorted(message.to[0] for message in mail.outbox) == [
        "alice@example.org",
        "alice@example.org",
        "charlie@example.org",
    ]


def test_a_file_replaced_after_the_confirmation_page_is_left_for_review(
    bob_client, documents, alice, upload
):
    shown = [d.current_version.uuid for d in documents]
    upload(alice)  # replaces the passport shown on the confirmation page

    response = accept(bob_client, documents, confirm=True, versions=shown)

    assert response.status_code == 302
    passport = documents[0]
    passport.refresh_from_db()
    assert passport.current_version.status == VersionStatus.PENDING
    assert ReviewDecision.objects.count() == 2


def test_documents_already_decided_are_skipped_with_a_warning(bob, bob_client, documents):
    document_accept(version=documents[0].current_version, by=bob)
    data = {
        "action": "accept_selected_documents",
        "_selected_action": [d.pk for d in documents],
        "post": "yes",
        "version": [d.current_version.uuid for d in documents],
    }

    # From the documents list, where decided documents can be selected too.
    response = bob_client.post("/admin/documents/document/", data)

    assert response.status_code == 302
    assert ReviewDecision.objects.count() == 3
    messages = [str(m) for m in response.wsgi_request._messages]
    assert any("already reviewed" in message for message in messages)
    assert any("2 documents accepted." in message for message in messages)


def test_the_bulk_accept_leaves_out_decided_files_and_past_years_and_says_which_and_why(
    bob, bob_client, alice, charlie, upload, make_profile, year
):
    from students.models import AcademicYear

    # Alice is this year's student; Charlie's profile is in last year's academic year.
    make_profile(alice)
    past = AcademicYear.objects.exclude(pk=year.pk).order_by("-starts_on").first()
    make_profile(
        charlie,
        legal_surname="Brown",
        academic_year_start=past.starts_on,
        academic_year_end=past.ends_on,
    )
    passport = upload(alice).document
    rib = upload(alice, kind="rib").document
    old_passport = upload(charlie).document
    document_accept(version=rib.current_version, by=bob)
    data = {
        "action": "accept_selected_documents",
        "_selected_action": [passport.pk, rib.pk, old_passport.pk],
    }

    confirmation = bob_client.post("/admin/documents/document/", data).content.decode()
    assert "Left out: the action does not apply to them" in confirmation
    assert "LIDDELL Alice, Bank details (RIB): already reviewed" in confirmation
    assert (
        "BROWN Alice, Passport or national ID card: student not in the current academic year"
        in confirmation
    )
    assert confirmation.count('name="version"') == 1
    assert not ReviewDecision.objects.exclude(version=rib.current_version).exists()

    response = bob_client.post(
        "/admin/documents/document/",
        {**data, "post": "yes", "version": [passport.current_version.uuid]},
    )
    assert response.status_code == 302
    old_passport.current_version.refresh_from_db()
    assert old_passport.current_version.status == VersionStatus.PENDING
    passport.current_version.refresh_from_db()
    assert passport.current_version.status == VersionStatus.ACCEPTED
    messages = " ".join(str(m) for m in response.wsgi_request._messages)
    assert "Not accepted (the action does not apply):" in messages
    assert "LIDDELL Alice, Bank details (RIB): already reviewed" in messages
    assert "BROWN Alice, Passport or national ID card: student not in the current" in messages
    assert "1 document accepted." in messages


def test_a_bulk_accept_nothing_applies_to_accepts_nothing_and_says_why(
    bob, bob_client, upload, alice
):
    rib = upload(alice, kind="rib").document
    document_accept(version=rib.current_version, by=bob)

    # From the documents list: the queue holds only files waiting for review.
    response = bob_client.post(
        "/admin/documents/document/",
        {"action": "accept_selected_documents", "_selected_action": [rib.pk]},
    )

    assert response.status_code == 302
    messages = " ".join(str(m) for m in response.wsgi_request._messages)
    assert "alice@example.org, Bank details (RIB): already reviewed" in messages
    assert ReviewDecision.objects.count() == 1


def test_the_same_action_works_from_the_documents_list(bob_client, documents):
    data = {
        "action": "accept_selected_documents",
        "_selected_action": [documents[0].pk],
        "post": "yes",
        "version": [documents[0].current_version.uuid],
    }

    bob_client.post("/admin/documents/document/", data)

    assert ReviewDecision.objects.count() == 1


def test_staff_without_the_review_permission_cannot_accept(eve, documents):
    response = accept(staff_client(eve), documents, confirm=True)

    assert response.status_code == 403
    assert not ReviewDecision.objects.exists()


# --- Reminders ---------------------------------------------------------------------------


def remind(client, students, *, confirm: bool, note=""):
    data = {"action": "send_reminder", "_selected_action": [s.pk for s in students]}
    if confirm:
        data.update(post="yes", note=note)
    return client.post(STUDENTS, data)


def test_a_reminder_first_shows_who_will_get_it(bob_client, alice, charlie, alice_file):
    response = remind(bob_client, [alice, charlie], confirm=False)

    html = response.content.decode()
    assert response.status_code == 200
    assert "alice@example.org" in html and "charlie@example.org" in html
    assert "Yes, send the reminders" in html
    assert not Notice.objects.exists()


def test_confirming_sends_each_student_a_reminder_in_their_language(
    bob_client, alice, charlie, django_capture_on_commit_callbacks
):
    charlie.preferred_language = "fr"
    charlie.save()

    with django_capture_on_commit_callbacks(execute=True):
        response = remind(bob_client, [alice, charlie], confirm=True, note="Come on Tuesday.")

    assert response.status_code == 302
    assert Notice.objects.filter(kind=NoticeKind.REMINDER_FROM_OFFICE).count() == 2
    by_address = {message.to[0]: message for message in mail.outbox}
    assert "Come on Tuesday." in by_address["alice@example.org"].body
    assert "/en/dashboard/" in by_address["alice@example.org"].body
    assert "/fr/dashboard/" in by_address["charlie@example.org"].body


def test_students_who_switched_reminders_off_or_were_reminded_today_are_skipped(
    bob_client, alice, charlie
):
    charlie.receive_reminders = False
    charlie.save()

    remind(bob_client, [alice, charlie], confirm=True)
    response = remind(bob_client, [alice, charlie], confirm=True)

    assert Notice.objects.filter(kind=NoticeKind.REMINDER_FROM_OFFICE).count() == 1
    messages = [str(m) for m in response.wsgi_request._messages]
    assert any("2 students were not reminded" in message for message in messages)


@pytest.mark.parametrize("persona", ["editor", "eve"])
def test_staff_without_the_permission_cannot_send_reminders(request, persona, alice):
    response = remind(staff_client(request.getfixturevalue(persona)), [alice], confirm=True)

    assert response.status_code == 403
    assert not Notice.objects.exists()


def test_reminders_skip_past_years_and_finished_files_and_say_who_and_why(
    bob_client, alice, charlie, alice_file, make_profile, year
):
    from students.models import AcademicYear, Registration

    # Charlie's profile is in last year's academic year; Dana's file is finished.
    past = AcademicYear.objects.exclude(pk=year.pk).order_by("-starts_on").first()
    make_profile(
        charlie,
        legal_surname="Brown",
        academic_year_start=past.starts_on,
        academic_year_end=past.ends_on,
    )
    dana = make_verified_user(email="dana@example.org")
    dana_file = make_profile(dana, legal_surname="Cruz")
    Registration.objects.filter(pk=dana_file.pk).update(
        carte_vitale_received_on=timezone.localdate()
    )
    data = {
        "action": "send_reminder",
        "_selected_action": [alice.pk, charlie.pk, dana.pk],
    }
    url = f"{STUDENTS}?year=all"  # the past year is listed only when asked for

    confirmation = bob_client.post(url, data).content.decode()
    assert "alice@example.org" in confirmation
    assert "not in the current academic year" in confirmation
    assert "file finished" in confirmation

    response = bob_client.post(url, {**data, "post": "yes"})
    assert response.status_code == 302
    assert list(Notice.objects.values_list("recipient__email", flat=True)) == ["alice@example.org"]
    messages = " ".join(str(m) for m in response.wsgi_request._messages)
    assert "BROWN Alice (not in the current academic year)" in messages
    assert "CRUZ Alice (file finished: Carte Vitale received)" in messages


def test_a_reminder_to_nobody_it_applies_to_sends_nothing(bob_client, alice, alice_file):
    from students.models import Registration

    Registration.objects.filter(pk=alice_file.pk).update(
        carte_vitale_received_on=timezone.localdate()
    )
    response = remind(bob_client, [alice], confirm=False)
    assert response.status_code == 302
    assert not Notice.objects.exists()
