"""An upload does not leave its files in the worker's memory once the request is over.

A form is freed by the cyclic garbage collector only (its bound fields refer back to it);
the checked files (up to 50 MB) are taken out of it, so they go as soon as they are stored.
"""

import gc
import weakref

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from documents import views
from tests.documents import files

URL = "/en/documents/upload/rib/"


@pytest.fixture
def no_cyclic_collection():
    gc.collect()
    gc.disable()
    yield
    gc.enable()


@pytest.mark.parametrize("outcome", ["stored", "refused"])
def test_the_checked_files_are_freed_when_the_request_ends(
    alice_client, monkeypatch, no_cyclic_collection, outcome
):
    seen = []
    upload = views.document_upload

    def remember(*, files, **kwargs):
        seen.extend(weakref.ref(checked) for checked in files)
        if outcome == "refused":
            raise views.DocumentError("Refused for the test.")
        return upload(files=files, **kwargs)

    monkeypatch.setattr(views, "document_upload", remember)

    response = alice_client.post(URL, {"files": SimpleUploadedFile("a.jpg", files.jpeg())})

    assert response.status_code == (302 if outcome == "stored" else 200)
    assert seen
    assert all(ref() is None for ref in seen)
