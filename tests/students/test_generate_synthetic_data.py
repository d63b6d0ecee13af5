"""The benchmark's data generator, on a tiny set (50 students) on the test database."""

from pathlib import Path as FilePath

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test import Client

from accounts.models import User
from devdata import synthetic
from documents.models import Document, DocumentPage, DocumentVersion, VersionStatus
from students.models import EventKind, Registration, Status, StudentProfile
from students.selectors import path_for_profile

STUDENTS = 50


@pytest.fixture(autouse=True)
def private_storage(settings, tmp_path):
    root = tmp_path / "private"
    root.mkdir()
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(root), "base_url": None},
        },
    }
    return root


def generate(*extra):
    call_command(
        "generate_synthetic_data",
        "--students",
        str(STUDENTS),
        "--seed",
        "7",
        "--i-know-this-is-not-production",
        *extra,
        stdout=open("/dev/null", "w"),  # noqa: SIM115
    )


@pytest.fixture
def generated(db, year):
    generate()


def test_it_creates_the_students_with_a_profile_and_a_registration(generated):
    assert StudentProfile.objects.count() == STUDENTS
    assert Registration.objects.count() == STUDENTS
    assert User.objects.filter(email=synthetic.FULL_TIMELINE_EMAIL).exists()
    assert User.objects.filter(email=synthetic.UPLOADER_EMAIL).exists()


def test_each_path_is_the_one_the_router_gives(generated):
    for profile in StudentProfile.objects.all():
        registration = Registration.objects.get(student=profile.user)
        assert registration.path == path_for_profile(profile).path


def test_each_status_is_reached_through_the_lifecycle_in_order(generated):
    for registration in Registration.objects.prefetch_related("events"):
        events = sorted(registration.events.all(), key=lambda e: (e.occurred_on, e.created_at))
        replay = Registration(status=Status.NOT_STARTED)
        steps = [e for e in events if e.from_status and e.from_status != e.to_status]
        for event in steps:
            assert event.from_status == replay.status
            transition = {
                EventKind.SUBMITTED: replay.submit,
                EventKind.PROVISIONAL_NUMBER: replay.receive_provisional_number,
                EventKind.MISSING_DOCUMENTS: replay.request_missing_documents,
                EventKind.DOCUMENTS_SENT: replay.send_documents,
                EventKind.VALIDATED: replay.validate,
                EventKind.DEFINITIVE_NUMBER: replay.receive_definitive_number,
            }[event.kind]
            transition()
            assert replay.status == event.to_status
        assert replay.status == registration.status
        dates = [e.occurred_on for e in steps]
        assert dates == sorted(dates)
        assert events[0].kind == EventKind.PATH_SET


def test_numbers_are_stored_encrypted_and_readable(generated):
    registration = Registration.objects.get(student__email=synthetic.FULL_TIMELINE_EMAIL)
    assert registration.status == Status.DEFINITIVE_NUMBER
    assert registration.provisional_number[0] in "78"
    assert registration.definitive_number[0] in "12"
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT definitive_number FROM students_registration WHERE id = %s", [registration.pk]
        )
        stored = cursor.fetchone()[0]
    assert registration.definitive_number not in stored


def test_a_page_names_a_file_if_and_only_if_its_version_is_current(generated, private_storage):
    assert 3 * STUDENTS <= Document.objects.count() <= 8 * STUDENTS
    current = set(Document.objects.values_list("current_version", flat=True))
    for page in DocumentPage.objects.all():
        if page.version_id in current:
            assert page.file.name
            assert (private_storage / page.file.name).is_file()
            assert page.size == (private_storage / page.file.name).stat().st_size
        else:
            assert page.file.name == ""
            assert page.removed_at is not None
    names = [path for path in private_storage.rglob("*") if path.is_file()]
    assert len(names) == DocumentPage.objects.exclude(file="").count()


def test_versions_have_the_statuses_of_a_review(generated):
    statuses = set(DocumentVersion.objects.values_list("status", flat=True))
    assert {VersionStatus.PENDING, VersionStatus.ACCEPTED} <= statuses
    for version in DocumentVersion.objects.filter(
        status__in=[VersionStatus.ACCEPTED, VersionStatus.REJECTED]
    ):
        assert version.decision.decided_at >= version.uploaded_at


def test_the_same_seed_gives_the_same_students(generated):
    rows = Registration.objects.order_by("student__email").values_list("student__email", "status")
    first = list(rows)
    generate("--reset")
    assert list(rows) == first


def test_reset_deletes_only_synthetic_accounts_and_their_files(generated, alice, private_storage):
    synthetic.reset()
    assert not synthetic.synthetic_users().exists()
    assert Document.objects.count() == 0
    assert User.objects.filter(pk=alice.pk).exists()
    assert not (private_storage / synthetic.STORAGE_FOLDER).exists()


def test_the_full_timeline_student_sees_their_dashboard_and_documents(generated):
    client = Client()
    client.force_login(User.objects.get(email=synthetic.FULL_TIMELINE_EMAIL))
    assert client.get("/en/dashboard/").status_code == 200
    response = client.get("/en/documents/")
    assert response.status_code == 200
    page = DocumentPage.objects.filter(
        version__document__owner__email=synthetic.FULL_TIMELINE_EMAIL
    ).exclude(file="")[0]
    document = page.version.document
    download = client.get(f"/en/documents/{document.uuid}/files/{page.uuid}/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == FilePath(page.file.path).read_bytes()


def test_it_refuses_without_debug_or_the_explicit_flag(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="benchmark"):
        call_command("generate_synthetic_data", "--students", "5")
    assert not synthetic.synthetic_users().exists()


def test_it_refuses_to_add_to_existing_synthetic_students(generated):
    with pytest.raises(CommandError, match="--reset"):
        generate()
