"""A student's page in the admin: the file to read, numbers masked, documents through the
checked download view, the timeline, nothing editable in place."""

from django.contrib.auth.models import Permission

from documents.models import AccessAction, DocumentAccessLog
from students.models import Registration, Status
from tests.staff.conftest import PROVISIONAL, staff_client


def url(student) -> str:
    return f"/admin/office/student/{student.pk}/change/"


def test_it_shows_the_profile_the_registration_and_the_timeline(
    bob_client, alice, alice_file, bring_to
):
    bring_to(alice_file, Status.PROVISIONAL_NUMBER)

    html = bob_client.get(url(alice)).content.decode()

    assert "LIDDELL Alice" in html
    assert "alice@example.org" in html
    assert "Student from outside the EU: register" in html
    assert "Provisional number received" in html
    assert "Registered on the official site" in html  # a timeline line
    assert "8 01 ** ** *** *** 18" in html


def test_the_full_number_never_shows_without_the_permission(
    bob_client, alice, alice_file, bring_to
):
    bring_to(alice_file, Status.PROVISIONAL_NUMBER)

    html = bob_client.get(url(alice)).content.decode()

    assert PROVISIONAL not in html
    assert "8 01 09 99 216 321 18" not in html
    assert "Show the full number" not in html


def test_with_the_permission_a_link_leads_to_the_full_number(
    root_client, alice, alice_file, bring_to
):
    bring_to(alice_file, Status.PROVISIONAL_NUMBER)

    html = root_client.get(url(alice)).content.decode()

    assert f"/admin/office/student/{alice.uuid}/number/provisional/" in html
    assert PROVISIONAL not in html


def test_documents_link_to_the_checked_download_and_the_review_screen(
    bob_client, alice, alice_file, upload
):
    document = upload(alice).document
    page = document.current_version.pages.get()

    html = bob_client.get(url(alice)).content.decode()

    assert f"/en/documents/{document.uuid}/files/{page.uuid}/" in html
    assert f"/admin/office/pendingdocument/{document.uuid}/review/" in html
    assert "Waiting for review" in html


def test_downloading_from_the_student_page_is_logged(bob, bob_client, alice, alice_file, upload):
    document = upload(alice).document
    page = document.current_version.pages.get()

    response = bob_client.get(f"/en/documents/{document.uuid}/files/{page.uuid}/")

    assert response.status_code == 200
    entry = DocumentAccessLog.objects.get()
    assert (entry.actor, entry.action, entry.page_uuid) == (bob, AccessAction.DOWNLOAD, page.uuid)


def test_staff_without_the_review_permission_do_not_see_the_documents(
    bob, alice, alice_file, upload
):
    upload(alice)
    bob.groups.clear()
    bob.user_permissions.add(Permission.objects.get(codename="view_student"))

    html = staff_client(bob).get(url(alice)).content.decode()

    assert "/files/" not in html


def test_the_page_has_no_save_button_and_the_step_cannot_be_posted(bob_client, alice, alice_file):
    html = bob_client.get(url(alice)).content.decode()
    assert 'name="_save"' not in html
    assert 'name="status"' not in html

    bob_client.post(url(alice), {"status": Status.VALIDATED, "path": "eu-ehic"})

    registration = Registration.objects.get(pk=alice_file.pk)
    assert (registration.status, registration.path) == (Status.NOT_STARTED, "non-eu")


def test_it_links_to_recording_a_step_and_to_the_messages(bob_client, alice, alice_file):
    html = bob_client.get(url(alice)).content.decode()

    assert f"/admin/office/student/{alice.uuid}/record/" in html
    assert f"/admin/office/student/{alice.uuid}/messages/" in html


def test_a_student_who_has_not_filled_in_the_profile_is_listed_and_opens(bob_client, charlie):
    assert "charlie@example.org" in bob_client.get("/admin/office/student/").content.decode()

    response = bob_client.get(url(charlie))

    assert response.status_code == 200
    assert "has not filled in their profile yet" in response.content.decode()
