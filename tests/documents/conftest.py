"""Fixtures for the documents tests: private storage in a temporary folder, reviewers,
and the "nothing stored" check of SECURITY.md (rows, storage listing, temp folder)."""

from pathlib import Path
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import Permission
from django.test import Client

from documents.checks import check_bytes
from documents.kinds import DocumentKind
from documents.models import Document, DocumentPage, DocumentVersion
from documents.services import document_upload
from tests.conftest import log_in_with_mfa, make_verified_user
from tests.documents import files


@pytest.fixture(autouse=True)
def private_storage(settings, tmp_path) -> SimpleNamespace:
    """Documents go to a private folder of this test; every upload goes through a temp file."""
    root = tmp_path / "private"
    root.mkdir(mode=0o700)
    temp = tmp_path / "upload-tmp"
    temp.mkdir()
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {
                "location": str(root),
                "base_url": None,
                "file_permissions_mode": 0o600,
                "directory_permissions_mode": 0o700,
            },
        },
    }
    settings.FILE_UPLOAD_TEMP_DIR = str(temp)
    # Uploads of any size are written to FILE_UPLOAD_TEMP_DIR, so a leftover would show.
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 0
    settings.PUBLIC_BASE_URL = "https://portal.example.org"
    return SimpleNamespace(root=root, temp=temp)


def stored_files(root: Path) -> list[str]:
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file())


@pytest.fixture
def nothing_stored_after(private_storage):
    """Call it to take a snapshot; call what it returns to check nothing more was stored."""

    def snapshot():
        return {
            "documents": Document.objects.count(),
            "versions": DocumentVersion.objects.count(),
            "pages": DocumentPage.objects.count(),
            "storage": stored_files(private_storage.root),
            "temp": sorted(p.name for p in private_storage.temp.iterdir()),
        }

    def start():
        before = snapshot()

        def check():
            assert snapshot() == before

        return check

    return start


@pytest.fixture
def nothing_stored(nothing_stored_after):
    """Call it after the action: rows, storage listing and temp folder are as they were."""
    return nothing_stored_after()


def grant_review_permission(user):
    user.user_permissions.add(
        Permission.objects.get(codename="review_document", content_type__app_label="documents")
    )
    return user


@pytest.fixture
def bob(bob):
    """Office staff holding the review permission."""
    return grant_review_permission(bob)


@pytest.fixture
def eve(db):
    """Staff without the review permission."""
    return make_verified_user(email="eve@example.org", language="en", is_staff=True)


def logged_in(user) -> Client:
    """A client signed in as the user; staff with their second factor, as the admin and the
    review pages require (office/mfa.py)."""
    client = Client()
    if user.is_staff:
        return log_in_with_mfa(client, user)
    client.force_login(user)
    return client


@pytest.fixture
def alice_client(alice) -> Client:
    return logged_in(alice)


@pytest.fixture
def upload():
    """Upload real files for a student through the service (bypassing the form)."""

    def do(owner, kind=DocumentKind.PASSPORT_OR_ID, *, contents=None):
        # A photo by default: checking it needs no child process, so the tests stay quick.
        contents = contents or [("scan.jpg", files.jpeg())]
        checked = [check_bytes(data=data, name=name) for name, data in contents]
        return document_upload(owner=owner, kind=kind, files=checked)

    return do


@pytest.fixture
def alice_passport(alice, upload) -> Document:
    """Alice's passport: a two-page PDF and a photo, waiting for review."""
    result = upload(
        alice, contents=[("passport.pdf", files.pdf(pages=2)), ("visa page.jpg", files.jpeg())]
    )
    return result.document
