"""The student's file answers "what is missing and why"; the review screen shows the
student's context and links to the file (issue 15, item 2)."""

import pytest
from django.utils import timezone

from documents.kinds import DocumentKind
from students.models import Status
from students.paths import Path
from tests.documents import files
from tests.staff.conftest import PROVISIONAL  # noqa: F401
from tests.students.conftest import valid_number


def file_page(client, student) -> str:
    return client.get(f"/admin/office/student/{student.pk}/change/").content.decode()


@pytest.mark.parametrize(
    ("profile", "status", "expected", "absent"),
    [
        # Outside the EU, not started: the five documents of the official site.
        ({}, Status.NOT_STARTED, ["Passport", "Residence permit", "Bank details"], ["EHIC"]),
        # Registered, with a provisional number: nothing is asked for again until the CPAM
        # asks (a document is asked for only while it serves a step still ahead).
        ({}, Status.PROVISIONAL_NUMBER, [], ["Passport", "Residence permit"]),
        # EU with an EHIC: the card and the student card only.
        (
            {"nationality": "DE", "country_of_birth": "DE", "ehic_held": True},
            Status.NOT_STARTED,
            ["EHIC"],
            ["Residence permit"],
        ),
    ],
)
def test_the_file_lists_the_required_documents_with_their_state(
    bob_client, alice, make_profile, bring_to, year, profile, status, expected, absent
):
    from datetime import timedelta

    if profile.get("ehic_held"):
        profile["ehic_expiry"] = year.ends_on + timedelta(days=30)
    registration = make_profile(alice, **profile)
    if status != Status.NOT_STARTED:
        bring_to(registration, status)
    html = file_page(bob_client, alice)
    section = html[html.index("Required documents") :]
    for label in expected:
        assert label.casefold() in section.casefold(), label
    for label in absent:
        assert label.casefold() not in section[: section.index("</fieldset>")].casefold()
    if expected:
        assert "Missing" in section


def test_an_uploaded_document_shows_its_state_on_the_file(bob_client, alice, alice_file, upload):
    upload(alice, kind=DocumentKind.PASSPORT_OR_ID, contents=[("p.jpg", files.jpeg())])
    section = file_page(bob_client, alice).split("Required documents", 1)[1]
    assert "waiting for review" in section


def test_the_file_shows_contact_details_and_number_flags(bob_client, alice, make_profile, bring_to):
    registration = make_profile(alice, country_of_birth="CN", sex="F", phone="+33 6 12 34 56 78")
    registration = bring_to(registration, Status.SUBMITTED)
    from students import services

    services.registration_record_provisional_number(
        registration=registration,
        number=valid_number("8 02 09 99 216 321"),
        by=alice,
        on=timezone.localdate(),
    )
    html = file_page(bob_client, alice)
    assert 'href="tel:+33612345678"' in html
    assert "1 rue de la Paix" in html
    assert "Year of birth: the number says …02, the profile says 2001." in html
    # The list flags the student and filters by it.
    listed = bob_client.get("/admin/office/student/?number_check=disagree").content.decode()
    assert "LIDDELL Alice" in listed and "number ≠ profile: year of birth" in listed


def test_the_review_screen_shows_the_students_context_and_links_to_the_file(
    bob_client, alice, alice_file, upload
):
    version = upload(alice)
    html = bob_client.get(
        f"/admin/office/pendingdocument/{version.document.uuid}/review/"
    ).content.decode()
    assert f'href="/admin/office/student/{alice.pk}/change/"' in html
    assert "Sept. 4, 2001" in html or "Sep. 4, 2001" in html or "September 4, 2001" in html
    assert "United States of America" in html
    assert str(Path.NON_EU.label) in html
    assert alice_file.academic_year.label in html
