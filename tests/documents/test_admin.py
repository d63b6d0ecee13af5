"""The documents in the staff workplace: read-only, decisions through the services."""

from documents.models import DocumentAccessLog, VersionStatus
from tests.documents.conftest import logged_in


def test_a_reviewer_sees_the_documents_with_a_link_to_the_review_screen(bob, alice_passport):
    response = logged_in(bob).get("/admin/documents/document/")

    assert response.status_code == 200
    assert f"/admin/office/pendingdocument/{alice_passport.uuid}/review/" in (
        response.content.decode()
    )


def test_the_accept_action_asks_for_confirmation_then_goes_through_the_service(bob, alice_passport):
    client = logged_in(bob)
    action = {"action": "accept_selected_documents", "_selected_action": [alice_passport.pk]}

    confirmation = client.post("/admin/documents/document/", action)
    alice_passport.current_version.refresh_from_db()
    assert confirmation.status_code == 200
    assert alice_passport.current_version.status == VersionStatus.PENDING

    response = client.post(
        "/admin/documents/document/",
        {**action, "post": "yes", "version": [alice_passport.current_version.uuid]},
    )

    assert response.status_code == 302
    alice_passport.current_version.refresh_from_db()
    assert alice_passport.current_version.status == VersionStatus.ACCEPTED
    assert alice_passport.current_version.decision.decided_by == bob


def test_nobody_can_delete_documents_in_the_admin(bob, alice_passport):
    bob.is_superuser = True
    bob.save()

    response = logged_in(bob).get(f"/admin/documents/document/{alice_passport.pk}/delete/")

    assert response.status_code == 403


def test_the_access_log_is_read_only_even_for_superusers(bob, alice_passport):
    bob.is_superuser = True
    bob.save()
    client = logged_in(bob)
    client.get(f"/admin/office/pendingdocument/{alice_passport.uuid}/review/")
    entry = DocumentAccessLog.objects.get()

    assert client.get("/admin/documents/documentaccesslog/").status_code == 200
    assert client.get("/admin/documents/documentaccesslog/add/").status_code == 403
    assert client.get(f"/admin/documents/documentaccesslog/{entry.pk}/delete/").status_code == 403
    response = client.post(
        f"/admin/documents/documentaccesslog/{entry.pk}/change/", {"action": "x"}
    )
    assert response.status_code == 403


def test_staff_without_the_permission_do_not_see_documents(eve, alice_passport):
    assert logged_in(eve).get("/admin/documents/document/").status_code == 403
