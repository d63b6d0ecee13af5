"""Every admin page of the workplace as each role, with the expected answer (SECURITY.md
rows 18 and 19): least privilege, deletion for superusers only, revocation immediate."""

import pytest
from django.contrib.auth.models import Group, Permission

from guidance.models import Page
from messaging.services import OFFICE_GROUP
from tests.staff.conftest import GUIDANCE_EDITOR, no_mfa_client, staff_client, student_client

# Expected status for each role: office, editor, eve (staff, no group), root (superuser).
MATRIX = [
    ("/admin/", 200, 200, 200, 200),
    ("/admin/office/student/", 200, 403, 403, 200),
    ("/admin/office/student/{student_pk}/change/", 200, 403, 403, 200),
    ("/admin/office/student/{student_uuid}/record/", 200, 403, 403, 200),
    ("/admin/office/student/{student_uuid}/move-back/", 200, 403, 403, 200),
    ("/admin/office/student/{student_uuid}/correct-number/", 200, 403, 403, 200),
    ("/admin/office/student/{student_uuid}/messages/", 200, 403, 403, 200),
    ("/admin/office/student/{student_uuid}/number/provisional/", 403, 403, 403, 200),
    ("/admin/office/student/{student_pk}/delete/", 403, 403, 403, 200),
    ("/admin/office/student/export/", 200, 403, 403, 200),
    ("/admin/office/pendingdocument/", 200, 403, 403, 200),
    ("/admin/office/pendingdocument/{document_uuid}/review/", 200, 403, 403, 200),
    ("/admin/office/pendingdocument/{document_uuid}/files/{page_uuid}/", 200, 403, 403, 200),
    ("/admin/students/stepthreshold/", 200, 403, 403, 200),
    ("/admin/office/numberaccesslog/", 403, 403, 403, 200),
    ("/admin/documents/documentaccesslog/", 403, 403, 403, 200),
    ("/admin/documents/document/", 200, 403, 403, 200),
    ("/admin/documents/document/{document_pk}/delete/", 403, 403, 403, 403),
    ("/admin/students/registration/{registration_pk}/change/", 200, 403, 403, 200),
    ("/admin/students/registration/{registration_pk}/history/", 200, 403, 403, 200),
    ("/admin/students/registration/{registration_pk}/delete/", 403, 403, 403, 200),
    ("/admin/students/studentprofile/{profile_pk}/change/", 200, 403, 403, 200),
    ("/admin/guidance/page/", 403, 200, 403, 200),
    ("/admin/guidance/tariff/add/", 403, 200, 403, 200),
    ("/admin/guidance/page/{page_pk}/delete/", 403, 403, 403, 200),
    ("/admin/accounts/user/", 403, 403, 403, 200),
    ("/admin/auth/group/", 403, 403, 403, 200),
    ("/admin/auth/group/add/", 403, 403, 403, 200),
]
ROLES = ["bob", "editor", "eve", "root"]


@pytest.fixture
def ids(alice, alice_file, upload, bring_to):
    registration = bring_to(alice_file, "provisional-number")
    document = upload(alice).document
    return {
        "student_pk": alice.pk,
        "student_uuid": alice.uuid,
        "registration_pk": registration.pk,
        "profile_pk": alice.student_profile.pk,
        "document_pk": document.pk,
        "document_uuid": document.uuid,
        "page_uuid": document.current_version.pages.get().uuid,
        "page_pk": Page.objects.first().pk,
    }


@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_the_expected_answer_on_every_page(request, ids, role):
    client = staff_client(request.getfixturevalue(role))
    column = ROLES.index(role) + 1

    answers = {url: client.get(url.format(**ids)).status_code for url, *_codes in MATRIX}

    assert answers == {row[0]: row[column] for row in MATRIX}


def test_staff_without_the_second_factor_are_sent_to_enrol_everywhere(bob, ids):
    client = no_mfa_client(bob)

    answers = {url: client.get(url.format(**ids)) for url, *_codes in MATRIX}

    assert {url: (r.status_code, r["Location"]) for url, r in answers.items()} == {
        url: (302, "/en/accounts/2fa/") for url, *_codes in MATRIX
    }


@pytest.mark.parametrize("persona", ["alice", "anon"])
def test_students_and_visitors_are_sent_to_the_admin_login_everywhere(request, ids, persona):
    client = request.getfixturevalue(persona)
    if persona == "alice":
        client = student_client(client)

    answers = {url: client.get(url.format(**ids)) for url, *_codes in MATRIX}

    assert {url: (r.status_code, r["Location"].split("?")[0]) for url, r in answers.items()} == {
        url: (302, "/admin/login/") for url, *_codes in MATRIX
    }


def test_a_revoked_role_stops_working_on_the_next_request(bob, bob_client, ids):
    assert bob_client.get("/admin/office/student/").status_code == 200

    bob.groups.clear()

    assert bob_client.get("/admin/office/student/").status_code == 403


def test_no_role_may_delete_or_manage_people_or_permissions(db):
    for name in [OFFICE_GROUP, GUIDANCE_EDITOR]:
        codenames = set(Group.objects.get(name=name).permissions.values_list("codename", flat=True))
        assert not {code for code in codenames if code.startswith("delete_")}, name
        assert (
            not Group.objects.get(name=name)
            .permissions.filter(content_type__app_label__in=["auth", "accounts", "mfa", "account"])
            .exists()
        )


def test_the_guidance_editor_holds_guidance_permissions_only(db):
    apps = set(
        Group.objects.get(name=GUIDANCE_EDITOR).permissions.values_list(
            "content_type__app_label", flat=True
        )
    )
    assert apps == {"guidance"}


def test_full_numbers_are_not_part_of_the_office_role(db):
    full = Permission.objects.get(codename="view_full_number")

    assert not Group.objects.get(name=OFFICE_GROUP).permissions.filter(pk=full.pk).exists()
