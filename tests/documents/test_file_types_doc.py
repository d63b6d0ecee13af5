"""docs/file-types.md states the limits the settings enforce (SECURITY.md row 55)."""

import re
from pathlib import Path

from django.conf import settings

DOC = Path(settings.BASE_DIR) / "docs" / "file-types.md"


def documented(name: str) -> int:
    match = re.search(rf"`{name}`\s*\|\s*`?([0-9_]+)`?", DOC.read_text())
    assert match, f"{name} is not documented in {DOC}"
    return int(match.group(1).replace("_", ""))


def test_the_documented_limits_are_the_settings():
    for name in (
        "DOCUMENT_MAX_FILE_SIZE",
        "DOCUMENT_MAX_TOTAL_SIZE",
        "DOCUMENT_MAX_FILES",
        "DOCUMENT_MAX_FILES_PER_UPLOAD",
        "DOCUMENT_MAX_REQUEST_SIZE",
        "DOCUMENT_MAX_IMAGE_PIXELS",
        "DOCUMENT_IMAGE_IN_PROCESS_PIXELS",
        "DOCUMENT_IMAGE_CHECK_TIMEOUT",
        "DOCUMENT_IMAGE_CHECK_MEMORY",
        "DOCUMENT_MAX_PDF_PAGES",
        "DOCUMENT_PDF_CHECK_TIMEOUT",
        "DOCUMENT_PDF_CHECK_MEMORY",
        "DOCUMENT_PDF_MAX_DECODED_SIZE",
        "DOCUMENT_UPLOADS_PER_HOUR",
    ):
        assert documented(name) == getattr(settings, name), name


def test_the_documented_formats_are_the_accepted_ones():
    from documents.checks import ALLOWED_EXTENSIONS

    text = DOC.read_text()
    for extension in ALLOWED_EXTENSIONS:
        assert f"`.{extension}`" in text
