"""Who read which document or number: append-only logs, readable by superusers only, never
editable by anyone (SECURITY.md rows 45 and 47)."""

import pytest
from django.contrib.auth.models import Permission

from documents.models import AccessAction, DocumentAccessLog
from office.models import NumberAccess, NumberAccessLog
from students.models import Status
from tests.staff.conftest import staff_client


@pytest.fixture
def alice_numbered(alice_file, bring_to):
    return bring_to(alice_file, Status.PROVISIONAL_NUMBER)


def number_url(student, kind="provisional") -> str:
    return f"/admin/office/student/{student.uuid}/number/{kind}/"


def test_reading_a_full_number_shows_it_and_writes_one_log_row(bob, alice, alice_numbered):
    bob.user_permissions.add(Permission.objects.get(codename="view_full_number"))

    response = staff_client(bob).get(number_url(alice))

    assert response.status_code == 200
    assert "8 01 09 99 216 321 18" in response.content.decode()
    entry = NumberAccessLog.objects.get()
    assert (entry.actor, entry.action, entry.student_uuid, entry.number_kind) == (
        bob,
        NumberAccess.VIEW,
        alice.uuid,
        "provisional",
    )
    # No part of the number in the row (its fields, not the timestamp's microseconds,
    # which may happen to contain the same digits).
    stored = " ".join(
        str(value) for name, value in entry.__dict__.items() if name not in ("_state", "at")
    )
    assert "216 321" not in stored and "216321" not in stored and "8010999" not in stored


def test_without_the_permission_the_number_stays_hidden_and_nothing_is_logged(
    bob_client, alice, alice_numbered
):
    response = bob_client.get(number_url(alice))

    assert response.status_code == 403
    assert not NumberAccessLog.objects.exists()


def test_a_number_the_student_does_not_have_is_a_404(root_client, alice, alice_numbered):
    assert root_client.get(number_url(alice, "definitive")).status_code == 404
    assert root_client.get(number_url(alice, "other")).status_code == 404
    assert not NumberAccessLog.objects.exists()


LOGS = ["/admin/office/numberaccesslog/", "/admin/documents/documentaccesslog/"]


@pytest.fixture
def entries(root, alice, alice_numbered, upload):
    document = upload(alice).document
    return [
        NumberAccessLog.objects.create(
            actor=root, action=NumberAccess.VIEW, student_uuid=alice.uuid, number_kind="provisional"
        ),
        DocumentAccessLog.objects.create(
            actor=root, action=AccessAction.DOWNLOAD, document_uuid=document.uuid
        ),
    ]


@pytest.mark.parametrize("log", LOGS)
def test_superusers_read_the_logs(root_client, entries, log):
    assert root_client.get(log).status_code == 200


@pytest.mark.parametrize("log", LOGS)
@pytest.mark.parametrize("persona", ["bob", "editor", "eve"])
def test_other_staff_cannot_read_the_logs(request, entries, log, persona):
    client = staff_client(request.getfixturevalue(persona))

    assert client.get(log).status_code == 403
    assert log not in client.get("/admin/").content.decode()


@pytest.mark.parametrize("index", [0, 1])
def test_nobody_adds_changes_or_deletes_an_entry_not_even_a_superuser(root_client, entries, index):
    entry = entries[index]
    base = LOGS[index]

    assert root_client.get(f"{base}add/").status_code == 403
    assert root_client.post(f"{base}{entry.pk}/change/", {"action": "download"}).status_code == 403
    assert root_client.get(f"{base}{entry.pk}/delete/").status_code == 403
    assert root_client.post(f"{base}{entry.pk}/delete/", {"post": "yes"}).status_code == 403
    response = root_client.post(
        base, {"action": "delete_selected", "_selected_action": [entry.pk], "post": "yes"}
    )
    assert type(entry).objects.filter(pk=entry.pk).exists()
    assert response.status_code in (200, 302)


def test_entries_refuse_to_be_saved_again_or_deleted(entries):
    for entry in entries:
        with pytest.raises(ValueError):
            entry.save()
        with pytest.raises(ValueError):
            entry.delete()
