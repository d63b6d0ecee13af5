"""Large images are cleaned in a child process (documents/image_clean.py), with the same
result as in the web worker, and refused the same way."""

import io
import os

import pytest
from PIL import ExifTags, Image

from documents.checks import UploadRefused, check_bytes
from tests.documents import files


@pytest.fixture
def in_child(settings, tmp_path):
    """Every image counts as large; the cleaner's output goes to a temp folder we watch."""
    folder = tmp_path / "cleaner"
    folder.mkdir()
    settings.DOCUMENT_IMAGE_IN_PROCESS_PIXELS = 0
    settings.FILE_UPLOAD_TEMP_DIR = str(folder)
    return folder


def checked_in_both_ways(settings, data, name):
    settings.DOCUMENT_IMAGE_IN_PROCESS_PIXELS = 10**9
    here = check_bytes(data=data, name=name)
    settings.DOCUMENT_IMAGE_IN_PROCESS_PIXELS = 0
    there = check_bytes(data=data, name=name)
    return here, there


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("photo.jpg", files.jpeg(gps=True)),
        ("scan.png", files.png()),
        ("photo.jpg", files.polyglot_jpeg()),
    ],
)
def test_the_child_process_stores_the_same_bytes_as_the_worker(settings, in_child, name, data):
    here, there = checked_in_both_ways(settings, data, name)

    assert there.data == here.data
    assert there.file_type == here.file_type


def test_it_removes_exif_and_gps_in_the_child_process(in_child):
    stored = check_bytes(data=files.jpeg(gps=True), name="photo.jpg").data

    with Image.open(io.BytesIO(stored)) as image:
        assert not image.getexif()
    assert b"PhoneMaker" not in stored


def test_it_turns_the_photo_upright_in_the_child_process(in_child):
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6
    out = io.BytesIO()
    Image.new("RGB", (300, 100), "white").save(out, "JPEG", exif=exif)

    stored = check_bytes(data=out.getvalue(), name="photo.jpg").data

    with Image.open(io.BytesIO(stored)) as image:
        assert image.size == (100, 300)


def test_it_refuses_a_truncated_photo_in_the_child_process(in_child):
    data = files.jpeg(size=(400, 300))
    with pytest.raises(UploadRefused) as caught:
        check_bytes(data=data[: len(data) // 2], name="photo.jpg")

    assert caught.value.message == "The file content is not a valid JPEG image."


def test_a_child_that_runs_out_of_memory_refuses_the_image(settings, in_child):
    settings.DOCUMENT_IMAGE_CHECK_MEMORY = 16 * 1024 * 1024

    with pytest.raises(UploadRefused) as caught:
        check_bytes(data=files.jpeg(size=(2000, 1500)), name="photo.jpg")

    assert "image is too large" in caught.value.message


def test_it_leaves_no_file_behind(in_child):
    check_bytes(data=files.jpeg(), name="photo.jpg")
    with pytest.raises(UploadRefused):
        check_bytes(data=files.jpeg()[:100], name="photo.jpg")

    assert os.listdir(in_child) == []


def test_small_images_are_cleaned_in_the_worker(settings, monkeypatch):
    def no_child(*args, **kwargs):
        raise AssertionError("a small image went to a child process")

    monkeypatch.setattr("documents.checks.subprocess.run", no_child)

    assert check_bytes(data=files.jpeg(), name="photo.jpg").data
