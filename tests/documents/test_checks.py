"""The upload checks on their own: what is taken, what is refused and with which message."""

import io
import time

import pytest
from PIL import ExifTags, Image
from pypdf import PdfReader

from documents.checks import UploadRefused, check_bytes, sanitise_display_name
from documents.models import FileType
from tests.documents import files

FORMATS = "Accepted formats: PDF, JPEG, PNG (max 10 MB)."
ACTIVE = "This PDF contains active content (scripts or embedded files)"


def refusal(*, name, data) -> str:
    with pytest.raises(UploadRefused) as caught:
        check_bytes(data=data, name=name)
    return caught.value.message


@pytest.mark.parametrize(
    "name",
    [
        "x.php",
        "x.html",
        "x.svg",
        "x.exe",
        "x.docx",
        "x.zip",
        "passport.pdf.php",
        "x.pdf.",
        "x.gif",
        "x.heic",
        "x",
    ],
)
def test_it_accepts_only_pdf_jpeg_and_png_names(name):
    assert refusal(name=name, data=files.pdf()) == FORMATS


@pytest.mark.parametrize(
    ("name", "data", "file_type"),
    [
        ("X.PDF", files.pdf(), FileType.PDF),
        ("photo.JPG", files.jpeg(), FileType.JPEG),
        ("photo.jpeg", files.jpeg(), FileType.JPEG),
        ("scan.Png", files.png(), FileType.PNG),
    ],
)
def test_it_accepts_the_allowed_extensions_in_any_case(name, data, file_type):
    assert check_bytes(data=data, name=name).file_type == file_type


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("passport.pdf", files.PHP, "The file content is not a valid PDF."),
        ("passport.pdf", files.zip_archive(), "The file content is not a valid PDF."),
        ("passport.pdf", files.docx(), "The file content is not a valid PDF."),
        ("passport.pdf", files.jpeg(), "The file content is not a valid PDF."),
        ("photo.jpg", files.png(), "The file content is not a valid JPEG image."),
        ("photo.png", files.pdf(), "The file content is not a valid PNG image."),
        ("photo.png", files.HTML, "The file content is not a valid PNG image."),
        ("photo.jpg", files.jpeg()[:200], "The file content is not a valid JPEG image."),
    ],
)
def test_it_refuses_content_that_does_not_match_the_extension(name, data, message):
    assert refusal(name=name, data=data) == message


def test_it_refuses_an_empty_file():
    assert refusal(name="passport.pdf", data=b"") == "This file is empty."


def test_it_refuses_a_file_over_the_limit(settings):
    settings.DOCUMENT_MAX_FILE_SIZE = 1000
    assert refusal(name="passport.pdf", data=files.pdf_of_size(1001)).startswith(
        "This file is larger than"
    )


def test_it_accepts_a_file_of_exactly_the_limit(settings):
    settings.DOCUMENT_MAX_FILE_SIZE = 2000
    assert check_bytes(data=files.pdf_of_size(2000), name="passport.pdf").size == 2000


@pytest.mark.parametrize(
    "build",
    [
        files.pdf_with_document_javascript,
        files.pdf_with_open_action_javascript,
        files.pdf_with_launch_action,
        files.pdf_with_page_open_script,
        files.pdf_with_embedded_file,
        files.pdf_with_xfa,
        files.pdf_with_rich_media,
    ],
)
def test_it_refuses_pdfs_with_active_content(build):
    assert refusal(name="form.pdf", data=build()).startswith(ACTIVE)


def test_it_accepts_a_pdf_that_only_opens_at_its_first_page():
    assert check_bytes(data=files.pdf_with_open_action_to_page(), name="a.pdf").page_count == 1


def test_it_refuses_an_encrypted_pdf():
    assert refusal(name="a.pdf", data=files.encrypted_pdf()).startswith(
        "This PDF is password-protected."
    )


def test_it_refuses_a_broken_pdf():
    assert refusal(name="a.pdf", data=b"%PDF-1.7\n1 0 obj << /Type /Catalog").startswith(
        "This PDF is damaged"
    )


def test_it_refuses_a_pdf_with_too_many_pages(settings):
    settings.DOCUMENT_MAX_PDF_PAGES = 3
    assert refusal(name="a.pdf", data=files.pdf(pages=4)).startswith(
        "This PDF has more than 3 pages."
    )


def test_it_refuses_a_compression_bomb_within_the_time_budget():
    data = files.pdf_with_compression_bomb()
    assert len(data) < 2 * 1024 * 1024

    started = time.monotonic()
    message = refusal(name="a.pdf", data=data)

    assert message.startswith("This PDF is too complex to check.")
    assert time.monotonic() - started < 5


def test_it_refuses_a_pdf_that_outruns_the_time_budget(settings):
    settings.DOCUMENT_PDF_CHECK_TIMEOUT = 0.001
    assert refusal(name="a.pdf", data=files.pdf()).startswith("This PDF is too complex")


def test_it_refuses_a_pixel_flood_quickly_and_says_the_image_is_too_large():
    started = time.monotonic()
    message = refusal(name="scan.png", data=files.pixel_flood_png())

    assert "image is too large" in message
    assert time.monotonic() - started < 2


def test_it_refuses_an_image_above_the_pixel_limit(settings):
    settings.DOCUMENT_MAX_IMAGE_PIXELS = 10_000
    assert "image is too large" in refusal(name="a.jpg", data=files.jpeg(size=(101, 100)))


def test_it_removes_gps_and_all_exif_from_photos():
    original = files.jpeg(gps=True)
    with Image.open(io.BytesIO(original)) as image:
        assert image.getexif().get_ifd(ExifTags.IFD.GPSInfo)

    stored = check_bytes(data=original, name="photo.jpg").data

    with Image.open(io.BytesIO(stored)) as image:
        assert not image.getexif()
        assert "exif" not in image.info
    assert b"Exif" not in stored
    assert b"PhoneMaker" not in stored


def test_it_applies_the_photo_rotation_before_dropping_exif():
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6  # rotated 90° clockwise
    out = io.BytesIO()
    Image.new("RGB", (300, 100), "white").save(out, "JPEG", exif=exif)

    stored = check_bytes(data=out.getvalue(), name="photo.jpg").data

    with Image.open(io.BytesIO(stored)) as image:
        assert image.size == (100, 300)


def test_it_drops_what_a_polyglot_hides_after_the_image():
    polyglot = files.polyglot_jpeg()

    checked = check_bytes(data=polyglot, name="photo.jpg")

    assert b"<script" not in checked.data
    assert b"PK\x03\x04" not in checked.data
    assert checked.size < len(polyglot)
    assert checked.data.endswith(b"\xff\xd9")


def test_it_keeps_pdfs_as_uploaded_and_counts_their_pages():
    data = files.pdf(pages=3)

    checked = check_bytes(data=data, name="certificate.pdf")

    assert checked.data == data
    assert checked.page_count == 3
    assert len(PdfReader(io.BytesIO(checked.data)).pages) == 3


def test_it_records_the_checksum_of_what_is_stored():
    import hashlib

    checked = check_bytes(data=files.jpeg(), name="a.jpg")

    assert checked.sha256 == hashlib.sha256(checked.data).hexdigest()


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("..\\..\\a.pdf", "a.pdf"),
        ("%2e%2e%2fa.pdf", "%2e%2e%2fa.pdf"),
        ("pass\x00port.pdf", "passport.pdf"),
        ("photo\u202egnp.pdf", "photognp.pdf"),
        ("line\r\nbreak.pdf", "linebreak.pdf"),
        ("  ..hidden.pdf", "hidden.pdf"),
        ("🛂 passport.pdf", "🛂 passport.pdf"),
        ("", "document"),
        ("..", "document"),
    ],
)
def test_it_sanitises_the_name_shown_to_people(raw, expected):
    assert sanitise_display_name(raw) == expected


def test_it_shortens_long_names_to_100_characters_and_keeps_the_extension():
    name = sanitise_display_name("a" * 300 + ".pdf")

    assert len(name) == 100
    assert name.endswith("a.pdf")
