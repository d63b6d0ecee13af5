"""CSV export of the selected students (django-import-export): who they are, where they stand,
the date of each step; never a document's content; numbers masked without the permission."""

import csv
import io

import pytest
from django.contrib.auth.models import Permission

from office.models import NumberAccess, NumberAccessLog
from students.models import Status
from tests.documents import files
from tests.staff.conftest import DEFINITIVE, PROVISIONAL, staff_client

STUDENTS = "/admin/office/student/"
EXPORT = "/admin/office/student/export/"


@pytest.fixture
def cohort(alice, charlie, alice_file, make_profile, bring_to, upload):
    bring_to(alice_file, Status.DEFINITIVE_NUMBER)
    upload(alice, contents=[("passport.jpg", files.jpeg(colour="red"))])
    make_profile(charlie, legal_surname="Brown", legal_given_names="Charlie")
    return [alice, charlie]


def export(client, students) -> list[dict]:
    selected = {"action": "export_admin_action", "_selected_action": [s.pk for s in students]}
    confirmation = client.post(STUDENTS, selected)
    assert confirmation.status_code == 200
    assert 'name="format"' in confirmation.content.decode()

    response = client.post(
        EXPORT, {"format": "0", "resource": "0", "export_items": [s.pk for s in students]}
    )

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith('attachment; filename="students-')
    assert response.content.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs for UTF-8
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_the_export_has_one_line_per_selected_student_with_the_dates_of_each_step(
    bob_client, cohort, alice_file
):
    lines = export(bob_client, cohort)

    assert [line["surname"] for line in lines] == ["Brown", "Liddell"]
    alice = lines[1]
    assert alice["given names"] == "Alice"
    assert alice["e-mail address"] == "alice@example.org"
    assert alice["nationality"] == "United States of America"
    assert alice["path"] == "Student from outside the EU: register"
    assert alice["step"] == "Definitive number received"
    assert alice["academic year"] == alice_file.academic_year.label
    events = {event.kind: event.occurred_on.isoformat() for event in alice_file.events.all()}
    assert alice["date: Registered on the official site"] == events["submitted"]
    assert alice["date: Provisional number received"] == events["provisional-number"]
    assert alice["date: Registration validated"] == events["validated"]
    assert alice["date: Definitive number received"] == events["definitive-number"]
    assert alice["date: ameli account created"] == ""
    assert lines[0]["step"] == "Not started"


def test_numbers_are_masked_without_the_permission_and_nothing_is_logged(bob_client, cohort):
    alice = export(bob_client, cohort)[1]

    assert alice["provisional number"] == "8 01 ** ** *** *** 18"
    assert alice["definitive number"].startswith("2 01 ** ** *** ***")
    assert not NumberAccessLog.objects.exists()


def test_with_the_permission_numbers_are_whole_and_each_export_is_logged(bob, cohort):
    bob.user_permissions.add(Permission.objects.get(codename="view_full_number"))
    alice_line = export(staff_client(bob), cohort)[1]

    assert alice_line["provisional number"] == "8 01 09 99 216 321 18"
    assert alice_line["definitive number"].replace(" ", "") == DEFINITIVE
    logged = NumberAccessLog.objects.filter(actor=bob, action=NumberAccess.EXPORT)
    assert sorted(logged.values_list("number_kind", flat=True)) == ["definitive", "provisional"]
    assert set(logged.values_list("student_uuid", flat=True)) == {cohort[0].uuid}


def test_the_export_never_holds_a_document_or_the_number_unmasked(bob_client, cohort):
    content = bob_client.post(
        EXPORT, {"format": "0", "resource": "0", "export_items": [s.pk for s in cohort]}
    ).content

    assert PROVISIONAL.encode() not in content
    assert b"passport.jpg" not in content
    assert b"\xff\xd8" not in content  # JPEG bytes
    assert len(content.decode().splitlines()) == 3


def test_only_the_selected_students_are_exported(bob_client, cohort):
    assert [line["surname"] for line in export(bob_client, cohort[:1])] == ["Liddell"]


@pytest.mark.parametrize("persona", ["editor", "eve"])
def test_staff_without_the_permission_cannot_export(request, persona, cohort):
    client = staff_client(request.getfixturevalue(persona))

    response = client.post(EXPORT, {"format": "0", "resource": "0"})

    assert response.status_code == 403


def test_office_staff_without_the_export_permission_have_no_export_action(bob, cohort):
    bob.groups.clear()
    bob.user_permissions.add(*Permission.objects.filter(codename__in=["view_student"]))
    client = staff_client(bob)

    assert "export_admin_action" not in client.get(STUDENTS).content.decode()
    assert client.post(EXPORT, {"format": "0", "resource": "0"}).status_code == 403


# Spreadsheets: accents, the separator of the language, formulas escaped in every format.

FORMULA_NAMES = ["=1+2", "+1+2", "-1+2", "@SUM(A1)", "\t=1", "\r=1"]


def _export_as(client, students, file_format: str, language: str = "en"):
    formats = {"csv": "0", "xlsx": "1"}
    client.cookies["django_language"] = language  # the admin follows the language cookie
    return client.post(
        EXPORT,
        {"format": formats[file_format], "resource": "0", "export_items": [s.pk for s in students]},
    )


@pytest.fixture
def accented(alice, alice_file, make_profile):
    make_profile(alice, legal_surname="Müller", legal_given_names="Zoë")
    return [alice]


def test_csv_in_french_has_a_bom_semicolons_and_accents(bob_client, accented):
    response = _export_as(bob_client, accented, "csv", "fr")
    content = response.content
    assert content.startswith(b"\xef\xbb\xbf")
    text = content.decode("utf-8-sig")
    header, line = text.splitlines()[:2]
    assert ";" in header and "," not in header.split(";")[0]
    assert line.startswith("MÜLLER;Zoë;") or line.startswith("Müller;Zoë;")


def test_csv_in_english_uses_commas(bob_client, accented):
    text = _export_as(bob_client, accented, "csv", "en").content.decode("utf-8-sig")
    assert text.splitlines()[1].startswith("Müller,Zoë,")


def test_xlsx_opens_with_accents_and_dates(bob_client, accented):
    import openpyxl

    response = _export_as(bob_client, accented, "xlsx")
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet.cell(row=2, column=1).value == "Müller"
    assert sheet.cell(row=2, column=2).value == "Zoë"


@pytest.mark.parametrize("name", FORMULA_NAMES)
@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_a_cell_starting_like_a_formula_is_escaped(
    bob_client, alice, alice_file, make_profile, name, file_format
):
    import openpyxl

    make_profile(alice, legal_surname=name)
    response = _export_as(bob_client, [alice], file_format)
    if file_format == "csv":
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
        cell = rows[1][0]
    else:
        workbook = openpyxl.load_workbook(io.BytesIO(response.content))
        found = workbook.active.cell(row=2, column=1)
        assert found.data_type == "s"  # text, never a formula
        # (openpyxl reads a stored carriage return back as a line feed)
        cell = found.value.replace("\n", "\r") if name.startswith("\r") else found.value
    assert cell == "'" + name
