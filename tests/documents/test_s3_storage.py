"""Private documents in S3-compatible storage (STORAGE_BACKEND=s3), against a real S3 HTTP
endpoint on 127.0.0.1 (moto's server, tests/services.py): the same promises as on disk.

Uploads, downloads through the checked view, replacements, deletions, the orphan command,
retention and the one-PDF export; objects are never public; an unreachable endpoint gives
a clear message and stores nothing.
"""

import io
from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone
from pypdf import PdfReader

from documents.models import (
    AccessAction,
    Document,
    DocumentAccessLog,
    DocumentPage,
    DocumentVersion,
    VersionStatus,
)
from tests.documents import files
from tests.documents.conftest import logged_in

UPLOAD_URL = "/en/documents/upload/passport-id/"
PUBLIC_GROUPS = ("http://acs.amazonaws.com/groups/global/AllUsers",)


@pytest.fixture(autouse=True)
def on_s3(private_storage, s3_storage):
    """After the documents' own storage fixture: this module's files go to S3."""
    return s3_storage


def body_of(response) -> bytes:
    return b"".join(response.streaming_content)


def test_the_storage_in_use_is_the_s3_backend(on_s3):
    from storages.backends.s3 import S3Storage

    assert isinstance(default_storage, S3Storage)


def test_an_upload_through_the_form_lands_in_the_bucket_and_nowhere_public(
    alice, alice_client, on_s3
):
    response = alice_client.post(
        UPLOAD_URL,
        {"files": [SimpleUploadedFile("passport.pdf", files.pdf(pages=2))]},
    )

    assert response.status_code == 302
    page = DocumentPage.objects.get()
    assert on_s3.keys() == [page.file.name]
    assert page.file.name.startswith(f"{alice.uuid}/")
    stored = on_s3.client.get_object(Bucket=on_s3.bucket, Key=page.file.name)["Body"].read()
    assert stored == files.pdf(pages=2)
    grants = on_s3.client.get_object_acl(Bucket=on_s3.bucket, Key=page.file.name)["Grants"]
    assert not [g for g in grants if g["Grantee"].get("URI") in PUBLIC_GROUPS]


def test_the_portal_never_hands_out_a_storage_url(alice_client, alice_passport):
    pages = [alice_client.get("/en/documents/").content.decode()]
    pages.append(alice_client.get(f"/en/documents/{alice_passport.uuid}/").content.decode())

    for html in pages:
        assert "127.0.0.1:" not in html
        assert "X-Amz-" not in html


@pytest.mark.parametrize(("persona", "status"), [("alice", 200), ("bob", 200), ("charlie", 404)])
def test_downloads_go_through_the_checked_view(request, alice_passport, persona, status):
    page = alice_passport.current_version.pages.get(position=1)

    response = logged_in(request.getfixturevalue(persona)).get(
        f"/en/documents/{alice_passport.uuid}/files/{page.uuid}/"
    )

    assert response.status_code == status
    if status == 200:
        assert body_of(response) == files.pdf(pages=2)
        assert response["Cache-Control"] == "private, no-store"
        assert response["Content-Disposition"] == 'attachment; filename="passport.pdf"'


def test_a_staff_download_from_s3_is_logged(bob, alice_passport):
    page = alice_passport.current_version.pages.get(position=1)

    logged_in(bob).get(f"/en/documents/{alice_passport.uuid}/files/{page.uuid}/")

    log = DocumentAccessLog.objects.get()
    assert (log.actor, log.action, log.page_uuid) == (bob, AccessAction.DOWNLOAD, page.uuid)


def test_a_replacement_stores_the_new_files_and_removes_the_old_ones_after_commit(
    alice_client, alice_passport, on_s3, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = alice_client.post(
            f"/en/documents/{alice_passport.uuid}/replace/",
            {"files": SimpleUploadedFile("new.jpg", files.jpeg())},
        )

    assert response.status_code == 302
    alice_passport.refresh_from_db()
    assert on_s3.keys() == [alice_passport.current_version.pages.get().file.name]
    assert DocumentVersion.objects.get(number=1).status == VersionStatus.REPLACED


def test_a_deletion_removes_the_objects_after_commit(
    alice_client, alice_passport, on_s3, django_capture_on_commit_callbacks
):
    assert len(on_s3.keys()) == 2
    with django_capture_on_commit_callbacks(execute=True):
        alice_client.post(f"/en/documents/{alice_passport.uuid}/delete/")

    assert on_s3.keys() == []


def test_the_one_pdf_export_reads_every_page_from_the_bucket(alice_client, alice_passport):
    response = alice_client.get(f"/en/documents/{alice_passport.uuid}/pdf/")

    assert response.status_code == 200
    assert len(PdfReader(io.BytesIO(body_of(response))).pages) == 3


def run_orphans(*args) -> str:
    out = StringIO()
    call_command("documents_orphans", *args, stdout=out)
    return out.getvalue()


def test_the_orphan_command_lists_and_deletes_stray_objects_but_never_named_ones(
    alice_passport, on_s3
):
    named = on_s3.keys()
    stray = "stray/" + "0" * 32 + ".pdf"
    on_s3.client.put_object(Bucket=on_s3.bucket, Key=stray, Body=b"%PDF-")

    assert run_orphans().strip().endswith("1 orphan file(s), 0 row(s) without file")
    # Old enough not to be an upload still being recorded.
    with time_machine.travel(timezone.now() + timedelta(hours=2), tick=False):
        report = run_orphans("--delete")

    assert "1 orphan file(s), 0 row(s) without file, 1 file(s) deleted" in report
    assert on_s3.keys() == named


def test_the_orphan_command_reports_a_row_whose_object_is_missing(alice_passport, on_s3):
    page = alice_passport.current_version.pages.get(position=1)
    on_s3.client.delete_object(Bucket=on_s3.bucket, Key=page.file.name)

    assert "1 row(s) without file" in run_orphans()


def test_retention_deletes_the_objects_with_the_account(
    alice, alice_passport, on_s3, settings, django_capture_on_commit_callbacks
):
    settings.ACCOUNT_INACTIVE_MONTHS = 12
    assert len(on_s3.keys()) == 2

    with (
        time_machine.travel(timezone.now() + timedelta(days=400), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        call_command("purge_expired", stdout=StringIO())

    assert not Document.objects.filter(pk=alice_passport.pk).exists()
    assert on_s3.keys() == []


def test_an_unreachable_endpoint_gives_a_clear_message_and_stores_nothing(
    alice, alice_client, on_s3, settings
):
    from tests.services import free_port

    dead = dict(settings.STORAGES["default"])
    dead["OPTIONS"] = {
        **dead["OPTIONS"],
        # Nothing listens there, and boto3 is told not to retry for ever.
        "endpoint_url": f"http://127.0.0.1:{free_port(taken={on_s3.server.port})}",
        "client_config": __import__("botocore.config").config.Config(
            connect_timeout=1, read_timeout=1, retries={"max_attempts": 1}
        ),
    }
    settings.STORAGES = {**settings.STORAGES, "default": dead}

    response = alice_client.post(
        UPLOAD_URL,
        {
            "files": [
                SimpleUploadedFile("a.jpg", files.jpeg()),
                SimpleUploadedFile("b.jpg", files.jpeg()),
            ]
        },
    )

    assert response.status_code == 200
    assert "The document storage is temporarily unavailable. Nothing was saved" in (
        response.content.decode()
    )
    assert Document.objects.count() == 0
    assert DocumentPage.objects.count() == 0
    assert on_s3.keys() == []


def test_the_endpoint_refusing_the_second_file_leaves_nothing_of_the_first(
    alice, alice_client, on_s3, monkeypatch
):
    from storages.backends.s3 import S3Storage

    real_save = S3Storage._save
    calls = []

    def fail_second(self, name, content):
        calls.append(name)
        if len(calls) == 2:
            # What the endpoint answers when its disk is full or the bucket is gone.
            from botocore.exceptions import ClientError

            raise ClientError({"Error": {"Code": "InternalError"}}, "PutObject")
        return real_save(self, name, content)

    monkeypatch.setattr(S3Storage, "_save", fail_second)

    response = alice_client.post(
        UPLOAD_URL,
        {
            "files": [
                SimpleUploadedFile("a.jpg", files.jpeg()),
                SimpleUploadedFile("b.jpg", files.jpeg()),
            ]
        },
    )

    assert "The document storage is temporarily unavailable" in response.content.decode()
    assert len(calls) == 2
    assert on_s3.keys() == []
    assert Document.objects.count() == 0
