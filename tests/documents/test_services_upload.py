"""document_upload and document_delete: a page row exists if and only if its file does."""

import errno

import pytest
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DatabaseError, IntegrityError

from documents.checks import check_bytes
from documents.kinds import DocumentKind
from documents.models import Document, DocumentPage, DocumentVersion, VersionStatus
from documents.selectors import kinds_uploaded_since
from documents.services import (
    DocumentError,
    DocumentLocked,
    StorageUnavailable,
    document_accept,
    document_delete,
    document_upload,
)
from tests.documents import files
from tests.documents.conftest import stored_files


def checked(*names):
    return [
        check_bytes(data=files.pdf() if n.endswith(".pdf") else files.jpeg(), name=n) for n in names
    ]


def fail_on_save(monkeypatch, *, after: int = 0):
    """Storage writes fail with "no space left on device" after `after` successful writes."""
    real_save = FileSystemStorage._save
    calls = {"count": 0}

    def save(self, name, content):
        calls["count"] += 1
        if calls["count"] > after:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_save(self, name, content)

    monkeypatch.setattr(FileSystemStorage, "_save", save)


def test_it_records_which_kind_was_uploaded(alice):
    result = document_upload(owner=alice, kind=DocumentKind.RIB, files=checked("rib.pdf"))

    assert result.kind == DocumentKind.RIB
    assert result.replaced is False
    assert result.version.number == 1
    assert kinds_uploaded_since(owner=alice, since=result.version.uploaded_at) == {DocumentKind.RIB}


def test_it_stores_nothing_when_the_storage_is_full(alice, monkeypatch, nothing_stored):
    fail_on_save(monkeypatch, after=1)

    with pytest.raises(StorageUnavailable) as caught:
        document_upload(owner=alice, kind="rib", files=checked("page1.pdf", "page2.pdf"))

    assert "storage is temporarily unavailable" in caught.value.message
    nothing_stored()


def test_the_upload_page_says_the_storage_is_unavailable(alice_client, monkeypatch, nothing_stored):
    fail_on_save(monkeypatch)

    response = alice_client.post(
        "/en/documents/upload/rib/", {"files": SimpleUploadedFile("rib.pdf", files.pdf())}
    )

    assert response.status_code == 200
    assert "The document storage is temporarily unavailable." in response.content.decode()
    nothing_stored()


def test_it_removes_the_written_files_when_the_database_fails(alice, monkeypatch, nothing_stored):
    def broken_insert(*args, **kwargs):
        raise IntegrityError("simulated failure after the files were written")

    monkeypatch.setattr(DocumentPage.objects, "bulk_create", broken_insert)

    with pytest.raises(IntegrityError):
        document_upload(owner=alice, kind="rib", files=checked("a.pdf", "b.jpg"))

    nothing_stored()


def test_a_replacement_removes_the_old_files_only_after_commit(
    alice, upload, private_storage, django_capture_on_commit_callbacks
):
    first = upload(alice, contents=[("old.pdf", files.pdf())])
    old_page = first.version.pages.get()
    old_path = private_storage.root / old_page.file.name

    with django_capture_on_commit_callbacks() as callbacks:
        result = document_upload(owner=alice, kind="passport-id", files=checked("new.pdf"))
        assert old_path.exists()

    assert old_path.exists()
    for callback in callbacks:
        callback()
    assert not old_path.exists()
    old_page.refresh_from_db()
    assert old_page.file.name == ""
    assert old_page.removed_at is not None
    assert result.replaced is True
    first.version.refresh_from_db()
    assert first.version.status == VersionStatus.REPLACED
    assert stored_files(private_storage.root) == [result.version.pages.get().file.name]


def test_a_replacement_that_rolls_back_keeps_the_old_file(
    alice, upload, private_storage, monkeypatch, django_capture_on_commit_callbacks
):
    first = upload(alice, contents=[("old.pdf", files.pdf())])
    old_page = first.version.pages.get()
    before = stored_files(private_storage.root)

    def broken_save(self, *args, **kwargs):
        raise DatabaseError("simulated failure at the end of the replacement")

    monkeypatch.setattr(Document, "save", broken_save)
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(DatabaseError),
    ):
        document_upload(owner=alice, kind="passport-id", files=checked("new.pdf"))

    assert callbacks == []
    assert stored_files(private_storage.root) == before
    old_page.refresh_from_db()
    assert old_page.file.name == before[0]
    assert DocumentVersion.objects.get().status == VersionStatus.PENDING


def test_it_refuses_to_replace_an_accepted_document(alice, bob, upload, nothing_stored_after):
    first = upload(alice)
    document_accept(version=first.version, by=bob)
    check = nothing_stored_after()

    with pytest.raises(DocumentLocked):
        document_upload(owner=alice, kind="passport-id", files=checked("new.pdf"))

    check()


def test_it_starts_a_new_pending_version_after_a_rejection(alice, bob, upload):
    from documents.models import RejectionReason
    from documents.services import document_reject

    first = upload(alice)
    document_reject(
        version=first.version, by=bob, reasons=[RejectionReason.objects.get(code="unreadable")]
    )

    second = document_upload(owner=alice, kind="passport-id", files=checked("sharper.pdf"))

    assert second.version.number == 2
    assert second.version.status == VersionStatus.PENDING
    first.version.refresh_from_db()
    assert first.version.status == VersionStatus.REJECTED
    assert first.version.decision.reasons.get().code == "unreadable"
    assert second.document.current_version == second.version


def test_delete_removes_the_files_after_commit_and_keeps_the_history(
    alice, upload, private_storage, django_capture_on_commit_callbacks
):
    first = upload(alice)

    with django_capture_on_commit_callbacks(execute=True):
        document_delete(document=first.document, by=alice)

    assert stored_files(private_storage.root) == []
    first.version.refresh_from_db()
    assert first.version.status == VersionStatus.WITHDRAWN
    assert first.version.pages.get().file.name == ""
    first.document.refresh_from_db()
    assert first.document.current_version is None


def test_delete_is_refused_once_accepted(alice, bob, upload, private_storage):
    first = upload(alice)
    document_accept(version=first.version, by=bob)

    with pytest.raises(DocumentLocked):
        document_delete(document=first.document, by=alice)

    assert len(stored_files(private_storage.root)) == 1


def test_delete_is_refused_when_there_is_no_file(alice, upload, django_capture_on_commit_callbacks):
    first = upload(alice)
    with django_capture_on_commit_callbacks(execute=True):
        document_delete(document=first.document, by=alice)

    with pytest.raises(DocumentError):
        document_delete(document=first.document, by=alice)


def test_it_refuses_an_empty_upload(alice):
    with pytest.raises(DocumentError):
        document_upload(owner=alice, kind="rib", files=[])
