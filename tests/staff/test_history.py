"""Every change to a profile, a registration or a document is kept (django-simple-history),
and the office reads it in the admin; guidance pages keep theirs too."""

from django.db import connection

from documents.models import Document
from guidance.models import Page
from students.models import Registration, Status, StudentProfile


def test_profile_registration_and_document_changes_are_kept(alice, alice_file, bring_to, upload):
    bring_to(alice_file, Status.PROVISIONAL_NUMBER)
    document = upload(alice).document
    upload(alice)  # a replacement moves the current version on

    registration_history = Registration.history.filter(id=alice_file.pk).order_by("history_date")
    assert list(registration_history.values_list("status", flat=True)) == [
        Status.NOT_STARTED,
        Status.SUBMITTED,
        Status.PROVISIONAL_NUMBER,
    ]
    assert StudentProfile.history.filter(id=alice.student_profile.pk).count() == 1
    assert Document.history.filter(id=document.pk).count() >= 2


def test_the_history_keeps_numbers_encrypted(alice, alice_file, bring_to):
    bring_to(alice_file, Status.PROVISIONAL_NUMBER)
    with connection.cursor() as cursor:
        cursor.execute("SELECT provisional_number FROM office_history_registration")
        stored = [row[0] for row in cursor.fetchall()]

    assert all("8010999216321" not in value for value in stored)
    assert any(value.startswith("gAAAA") for value in stored)


def test_who_changed_what_is_recorded_from_the_admin(bob, bob_client, alice, alice_file):
    profile = alice.student_profile
    data = {
        field: getattr(profile, field)
        for field in [
            "legal_surname",
            "legal_given_names",
            "address_line_1",
            "postal_code",
            "city",
            "phone",
            "programme",
            "stay_length",
        ]
    }
    data.update(
        legal_given_names="Alice Pleasance",
        date_of_birth=profile.date_of_birth.isoformat(),
        country_of_birth=profile.country_of_birth.code,
        nationality=profile.nationality.code,
        academic_year_start=profile.academic_year_start.isoformat(),
        academic_year_end=profile.academic_year_end.isoformat(),
    )

    response = bob_client.post(f"/admin/students/studentprofile/{profile.pk}/change/", data)

    assert response.status_code == 302
    latest = StudentProfile.history.filter(id=profile.pk).latest("history_date")
    assert (latest.legal_given_names, latest.history_user) == ("Alice Pleasance", bob)


def test_the_office_opens_the_history_pages(bob_client, alice, alice_file, upload):
    document = upload(alice).document

    for url in [
        f"/admin/students/registration/{alice_file.pk}/history/",
        f"/admin/students/studentprofile/{alice.student_profile.pk}/history/",
        f"/admin/documents/document/{document.pk}/history/",
    ]:
        assert bob_client.get(url).status_code == 200, url


def test_guidance_pages_keep_their_history_too():
    assert hasattr(Page, "history")
