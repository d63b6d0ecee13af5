"""manage.py documents_orphans: files without rows and rows without files."""

import os
import time
from io import StringIO

from django.core.management import call_command

from documents import storage
from tests.documents.conftest import stored_files


def run(*args) -> str:
    out = StringIO()
    call_command("documents_orphans", *args, stdout=out)
    return out.getvalue()


def age(path, seconds):
    past = time.time() - seconds
    os.utime(path, (past, past))


def test_it_finds_nothing_when_rows_and_files_agree(alice_passport):
    assert run().strip() == "0 orphan file(s), 0 row(s) without file"


def test_it_lists_and_deletes_old_orphan_files_but_never_named_ones(
    alice_passport, private_storage
):
    orphan = private_storage.root / "stray" / ("0" * 32 + ".pdf")
    orphan.parent.mkdir()
    orphan.write_bytes(b"%PDF-")
    age(orphan, 2 * 3600)
    named = stored_files(private_storage.root)
    named.remove("stray/" + "0" * 32 + ".pdf")

    report = run("--delete")

    assert "orphan file: stray/" + "0" * 32 + ".pdf" in report
    assert "1 orphan file(s), 0 row(s) without file, 1 file(s) deleted" in report
    assert stored_files(private_storage.root) == named


def test_it_keeps_a_recent_orphan_whose_upload_may_still_be_recorded(private_storage, db):
    recent = private_storage.root / ("1" * 32 + ".jpg")
    recent.write_bytes(b"x")

    report = run("--delete")

    assert "0 file(s) deleted" in report
    assert recent.exists()


def test_it_reports_rows_whose_file_is_missing_without_touching_them(
    alice_passport, private_storage
):
    page = alice_passport.current_version.pages.get(position=1)
    (private_storage.root / page.file.name).unlink()

    report = run("--delete")

    assert f"row without file: page {page.uuid}" in report
    page.refresh_from_db()
    assert page.file.name


def test_a_worker_killed_between_the_file_and_the_row_leaves_an_orphan_the_command_explains(
    alice, private_storage
):
    """SECURITY.md fault F3: the file is written, then the process dies before the insert
    (as a killed worker would); the orphan scan lists it and its --delete removes it."""
    name = storage.new_file_name(owner_uuid=alice.uuid, extension="pdf")
    stored = storage.save_file(name=name, data=b"%PDF-1.4 half an upload")
    # The crash: no Document, DocumentVersion or DocumentPage row is ever inserted.

    assert f"orphan file: {stored}" in run("--min-age-minutes", "0")
    report = run("--delete", "--min-age-minutes", "0")
    assert "1 file(s) deleted" in report
    assert stored_files(private_storage.root) == []
    assert run("--min-age-minutes", "0").strip() == "0 orphan file(s), 0 row(s) without file"
