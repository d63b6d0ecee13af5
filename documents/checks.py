"""Upload checks: what a file is, decided from its content, and whether we take it.

The extension must be on the allow-list and agree with the content (magic bytes, then a full
parse); the browser's Content-Type is never read. Images are decoded and re-encoded with
Pillow, which drops EXIF/GPS metadata and anything appended after the image. PDFs are parsed
by pypdf in a child process with a time and memory budget (pdf_inspect.py) and refused when
encrypted, broken or active. Every refusal carries a translated message for the student.
"""

import hashlib
import json
import logging
import math
import os
import re
import subprocess  # noqa: S404 - runs our own inspector script, never a shell or user input
import sys
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import filetype
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from documents import image_clean
from documents.models import FileType

logger = logging.getLogger(__name__)

ALLOWED_EXTENSIONS = {
    "pdf": FileType.PDF,
    "jpg": FileType.JPEG,
    "jpeg": FileType.JPEG,
    "png": FileType.PNG,
}
_SNIFFED_TYPES = {
    "application/pdf": FileType.PDF,
    "image/jpeg": FileType.JPEG,
    "image/png": FileType.PNG,
}
_PILLOW_FORMATS = {FileType.JPEG: "JPEG", FileType.PNG: "PNG"}
DISPLAY_NAME_MAX_LENGTH = 100
_PDF_INSPECTOR = Path(__file__).with_name("pdf_inspect.py")
_IMAGE_CLEANER = Path(__file__).with_name("image_clean.py")


class UploadRefused(Exception):
    """A file we do not take; `message` says why, in the active language."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class CheckedFile:
    """A file that passed every check, ready to store: only checks.py makes these."""

    data: bytes
    file_type: FileType
    original_name: str
    page_count: int

    @property
    def size(self) -> int:
        return len(self.data)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


def megabytes(size: int) -> str:
    """10485760 → "10" (limits are whole mebibytes; shown as MB / Mo)."""
    value = size / (1024 * 1024)
    return f"{value:.0f}" if value == int(value) else f"{value:.1f}"


def accepted_formats_message() -> str:
    return _("Accepted formats: PDF, JPEG, PNG (max %(megabytes)s MB).") % {
        "megabytes": megabytes(settings.DOCUMENT_MAX_FILE_SIZE)
    }


def file_too_large_message() -> str:
    return _(
        "This file is larger than %(megabytes)s MB. Scan it at a lower resolution, or take "
        "the photo again at a smaller size."
    ) % {"megabytes": megabytes(settings.DOCUMENT_MAX_FILE_SIZE)}


def _not_valid_message(file_type: FileType) -> str:
    if file_type == FileType.PDF:
        return _("The file content is not a valid PDF.")
    if file_type == FileType.JPEG:
        return _("The file content is not a valid JPEG image.")
    return _("The file content is not a valid PNG image.")


def _image_too_large_message() -> str:
    return _(
        "This image is too large (more than %(megapixels)s million pixels). Take the photo "
        "again at a lower resolution."
    ) % {"megapixels": settings.DOCUMENT_MAX_IMAGE_PIXELS // 1_000_000}


def extension_of(name: str) -> str:
    return name.rsplit(".", 1)[1].lower() if "." in name else ""


def sanitise_display_name(name: str) -> str:
    """A name safe to show and to put in a download header: no path, no control characters."""
    name = unicodedata.normalize("NFC", name or "")
    name = re.split(r"[\\/]", name)[-1]
    # Drops control and format characters: NUL, CR/LF, and direction overrides such as
    # U+202E, which make "gpj.exe" read as "exe.jpg".
    name = "".join(ch for ch in name if not unicodedata.category(ch).startswith("C"))
    name = " ".join(name.split()).strip(" .")
    if len(name) > DISPLAY_NAME_MAX_LENGTH:
        stem, dot, extension = name.rpartition(".")
        if dot and 0 < len(extension) <= 10:
            keep = DISPLAY_NAME_MAX_LENGTH - len(extension) - 1
            name = f"{stem[:keep].rstrip(' .')}.{extension}"
        else:
            name = name[:DISPLAY_NAME_MAX_LENGTH].rstrip(" .")
    return name or "document"


def check_upload(uploaded: UploadedFile) -> CheckedFile:
    """Check one uploaded file; raise UploadRefused with the student's message if refused."""
    declared_type = ALLOWED_EXTENSIONS.get(extension_of(uploaded.name or ""))
    if declared_type is None:
        raise UploadRefused(accepted_formats_message())
    if uploaded.size is not None and uploaded.size > settings.DOCUMENT_MAX_FILE_SIZE:
        raise UploadRefused(file_too_large_message())
    uploaded.seek(0)
    # The exact size when known: reading "up to the limit" makes Python allocate the limit,
    # then copy the bytes into a buffer of the right size (twice the file, for a moment).
    data = uploaded.read(uploaded.size or settings.DOCUMENT_MAX_FILE_SIZE + 1)
    return check_bytes(data=data, name=uploaded.name)


def check_bytes(*, data: bytes, name: str) -> CheckedFile:
    """Check a file's bytes and its original name; return what may be stored."""
    declared_type = ALLOWED_EXTENSIONS.get(extension_of(name))
    if declared_type is None:
        raise UploadRefused(accepted_formats_message())
    if not data:
        raise UploadRefused(_("This file is empty."))
    if len(data) > settings.DOCUMENT_MAX_FILE_SIZE:
        raise UploadRefused(file_too_large_message())
    sniffed = filetype.guess(data[:8192])
    if sniffed is None or _SNIFFED_TYPES.get(sniffed.mime) != declared_type:
        raise UploadRefused(_not_valid_message(declared_type))

    if declared_type == FileType.PDF:
        page_count = inspect_pdf(data)
        stored = data
    else:
        stored = reencode_image(data, declared_type)
        page_count = 1
    return CheckedFile(
        data=stored,
        file_type=declared_type,
        original_name=sanitise_display_name(name),
        page_count=page_count,
    )


def reencode_image(data: bytes, file_type: FileType) -> bytes:
    """Decode fully and write a fresh file: no metadata, no trailing bytes, upright.

    Small images are cleaned here; larger ones in a child process (image_clean.py), so the
    memory their pixels take goes back to the system at once instead of staying with the
    web worker (36 MB for a 12-megapixel photo, more while it is encoded again).
    """
    pillow_format = _PILLOW_FORMATS[file_type]
    limit = settings.DOCUMENT_MAX_IMAGE_PIXELS
    try:
        if (
            image_clean.pixels(data, pillow_format, limit)
            <= settings.DOCUMENT_IMAGE_IN_PROCESS_PIXELS
        ):
            return image_clean.clean(data, pillow_format, limit)
        return _clean_in_child_process(data, pillow_format)
    except image_clean.TooLarge:
        raise UploadRefused(_image_too_large_message()) from None
    except image_clean.Invalid:
        raise UploadRefused(_not_valid_message(file_type)) from None


def _clean_in_child_process(data: bytes, pillow_format: str) -> bytes:
    timeout = settings.DOCUMENT_IMAGE_CHECK_TIMEOUT
    descriptor, output = tempfile.mkstemp(dir=settings.FILE_UPLOAD_TEMP_DIR, suffix=".clean")
    os.close(descriptor)
    command = [
        sys.executable,
        "-I",
        str(_IMAGE_CLEANER),
        str(settings.DOCUMENT_IMAGE_CHECK_MEMORY),
        str(math.ceil(timeout) + 1),
        str(settings.DOCUMENT_MAX_IMAGE_PIXELS),
        pillow_format,
        output,
    ]
    try:
        try:
            completed = subprocess.run(  # noqa: S603 - fixed arguments, our own script
                command, input=data, capture_output=True, timeout=timeout, check=False, env={}
            )
            verdict = json.loads(completed.stdout).get("verdict")
        except subprocess.TimeoutExpired:
            raise image_clean.TooLarge from None
        except OSError:
            logger.exception("The image cleaner could not start")
            raise image_clean.Invalid from None
        except ValueError:
            # Killed by its memory, CPU or file-size limit: refuse (fail closed).
            raise image_clean.TooLarge from None
        if verdict == "too-large":
            raise image_clean.TooLarge
        if verdict != "ok":
            raise image_clean.Invalid
        with open(output, "rb") as cleaned:
            return cleaned.read()
    finally:
        os.unlink(output)


def inspect_pdf(data: bytes) -> int:
    """Parse a PDF in a child process under a time and memory budget; return its page count."""
    timeout = settings.DOCUMENT_PDF_CHECK_TIMEOUT
    command = [
        sys.executable,
        "-I",
        str(_PDF_INSPECTOR),
        str(settings.DOCUMENT_PDF_CHECK_MEMORY),
        str(math.ceil(timeout) + 1),
        str(settings.DOCUMENT_MAX_PDF_PAGES),
        str(settings.DOCUMENT_PDF_MAX_DECODED_SIZE),
    ]
    try:
        completed = subprocess.run(  # noqa: S603 - fixed arguments, our own script
            command, input=data, capture_output=True, timeout=timeout, check=False, env={}
        )
    except subprocess.TimeoutExpired:
        raise UploadRefused(_pdf_refusal_message("too-complex")) from None
    except OSError:
        logger.exception("The PDF inspector could not start")
        raise UploadRefused(_pdf_refusal_message("too-complex")) from None
    try:
        result = json.loads(completed.stdout)
    except ValueError:
        # Killed by its memory or CPU limit: refuse (fail closed).
        result = {"verdict": "too-complex"}
    if result.get("verdict") == "ok":
        return int(result["pages"])
    raise UploadRefused(_pdf_refusal_message(result.get("verdict", "too-complex")))


def _pdf_refusal_message(verdict: str) -> str:
    if verdict == "encrypted":
        return _(
            "This PDF is password-protected. Remove the password (for example, print it to a "
            "new PDF) and upload it again."
        )
    if verdict == "active-content":
        return _(
            "This PDF contains active content (scripts or embedded files), which we cannot "
            "accept. Print it to a new PDF or scan the paper document, then upload that file."
        )
    if verdict == "too-many-pages":
        return _("This PDF has more than %(pages)s pages. Upload only the pages needed.") % {
            "pages": settings.DOCUMENT_MAX_PDF_PAGES
        }
    if verdict == "too-complex":
        return _(
            "This PDF is too complex to check. Scan the document again, or print it to a new "
            "PDF, and upload that file."
        )
    return _(
        "This PDF is damaged and cannot be read. Export or scan the document again, then "
        "upload the new file."
    )
