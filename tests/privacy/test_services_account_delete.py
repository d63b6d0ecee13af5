"""privacy/services.py: deleting an account (GDPR Art. 17, SECURITY.md row 43)."""

from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from documents.models import (
    AccessAction,
    Document,
    DocumentAccessLog,
    DocumentPage,
    DocumentVersion,
    ReviewDecision,
)
from notifications.models import Notice
from privacy.services import AccountDeletionRefused, account_delete, account_erase
from students.models import Registration, RegistrationEvent, ReimbursementTask, StudentProfile
from tests.documents.conftest import stored_files


def counts_for(user) -> dict[str, int]:
    return {
        "users": User.objects.filter(pk=user.pk).count(),
        "addresses": EmailAddress.objects.filter(user_id=user.pk).count(),
        "profiles": StudentProfile.objects.filter(user_id=user.pk).count(),
        "registrations": Registration.objects.filter(student_id=user.pk).count(),
        "events": RegistrationEvent.objects.filter(registration__student_id=user.pk).count(),
        "tasks": ReimbursementTask.objects.filter(student_id=user.pk).count(),
        "documents": Document.objects.filter(owner_id=user.pk).count(),
        "versions": DocumentVersion.objects.filter(document__owner_id=user.pk).count(),
        "pages": DocumentPage.objects.filter(version__document__owner_id=user.pk).count(),
        "decisions": ReviewDecision.objects.filter(version__document__owner_id=user.pk).count(),
        "notices": Notice.objects.filter(recipient_id=user.pk).count(),
    }


def test_it_deletes_every_row_about_the_student(
    alice, alice_file, django_capture_on_commit_callbacks
):
    assert all(counts_for(alice).values())

    with django_capture_on_commit_callbacks(execute=True):
        account_delete(user=alice)

    assert set(counts_for(alice).values()) == {0}


def test_it_removes_the_files_only_after_the_commit(
    alice, alice_file, private_storage, django_capture_on_commit_callbacks
):
    assert len(stored_files(private_storage.root)) == 3

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        files = account_delete(user=alice)
    assert files == 3
    assert len(stored_files(private_storage.root)) == 3
    for callback in callbacks:
        callback()

    assert stored_files(private_storage.root) == []
    out = StringIO()
    call_command("documents_orphans", stdout=out)
    assert out.getvalue().strip() == "0 orphan file(s), 0 row(s) without file"


def test_a_rolled_back_deletion_keeps_rows_and_files(alice, alice_file, private_storage):
    with pytest.raises(RuntimeError), transaction.atomic():
        account_erase(user=User.objects.select_for_update().get(pk=alice.pk))
        raise RuntimeError("the database went away")

    assert all(counts_for(alice).values())
    assert len(stored_files(private_storage.root)) == 3


def test_it_leaves_another_student_untouched(
    alice, alice_file, charlie, charlie_file, private_storage, django_capture_on_commit_callbacks
):
    before = counts_for(charlie)

    with django_capture_on_commit_callbacks(execute=True):
        account_delete(user=alice)

    assert counts_for(charlie) == before
    assert len(stored_files(private_storage.root)) == 1


def test_the_access_log_is_kept_with_the_account_id_only(alice, alice_passport, bob, charlie):
    DocumentAccessLog.objects.create(
        actor=bob, action=AccessAction.REVIEW_VIEW, document_uuid=alice_passport.uuid
    )
    charlies = Document.objects.create(owner=charlie, kind="rib")
    DocumentAccessLog.objects.create(
        actor=alice, action=AccessAction.DENIED, document_uuid=charlies.uuid
    )
    alice_id = alice.pk

    account_delete(user=alice)

    staff_read, refused = DocumentAccessLog.objects.order_by("pk")
    assert (staff_read.actor, staff_read.document_uuid) == (bob, alice_passport.uuid)
    assert (refused.actor, refused.actor_account_id, refused.action) == (
        None,
        alice_id,
        AccessAction.DENIED,
    )
    assert str(refused) == f"#{alice_id} denied {charlies.uuid}"


def test_admin_log_entries_about_the_student_lose_her_name(alice, alice_file, bob):
    for obj in (alice, alice.student_profile, alice_file):
        LogEntry.objects.create(
            user=bob,
            content_type=ContentType.objects.get_for_model(obj),
            object_id=str(obj.pk),
            object_repr=str(obj),
            action_flag=CHANGE,
            change_message='[{"changed": {"fields": ["Surname"]}}]',
        )

    account_delete(user=alice)

    entries = LogEntry.objects.order_by("pk")
    assert [entry.object_repr for entry in entries] == [
        "deleted user",
        "deleted studentprofile",
        "deleted registration",
    ]
    assert [entry.user for entry in entries] == [bob, bob, bob]
    assert not any("alice" in entry.object_repr.lower() for entry in entries)


def test_steps_a_former_staff_member_recorded_stay_on_the_students_timeline(
    alice, alice_registration, bob
):
    event = RegistrationEvent.objects.create(
        registration=alice_registration,
        kind="submitted",
        occurred_on=timezone.localdate(alice_registration.created_at),
        actor=bob,
        actor_role="staff",
    )
    bob.is_staff = False
    bob.save()

    account_delete(user=bob)

    event.refresh_from_db()
    assert event.actor is None
    assert event.actor_role == "staff"


@pytest.mark.parametrize("field", ["is_staff", "is_superuser"])
def test_staff_cannot_delete_their_own_account(bob, field):
    setattr(bob, field, True)
    bob.save()

    with pytest.raises(AccountDeletionRefused) as refused:
        account_delete(user=bob)

    assert "superuser" in refused.value.message
    assert User.objects.filter(pk=bob.pk).exists()
