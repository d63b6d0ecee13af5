"""The office's long lists write their rows and filters themselves (office/admin_rows.py,
office/templatetags/office_rows.py), to cost less at 100 000 students: what they write must
be exactly what Django's admin would have written for the same list, so that the actions,
the sorting, the links back to the filtered list and the admin's JavaScript all keep working."""

import re

import pytest
from django.contrib.admin.templatetags.admin_list import admin_list_filter, results
from django.utils import translation

from messaging.services import message_send
from office.templatetags.office_rows import office_list_filter
from students.models import Status
from tests.conftest import make_verified_user
from tests.staff.conftest import staff_client

STUDENTS = "/admin/office/student/"
QUEUE = "/admin/office/pendingdocument/"


@pytest.fixture
def cohort(alice, alice_file, make_profile, bring_to, upload):
    """Alice with a provisional number and a document waiting; Dana with a number that
    disagrees with her profile and a message; Erin with an ampersand in her name."""
    bring_to(alice_file, Status.PROVISIONAL_NUMBER)
    upload(alice)
    dana = make_verified_user(email="dana@example.org")
    dana_file = make_profile(dana, legal_surname="Cruz", legal_given_names="Dana", nationality="MX")
    bring_to(dana_file, Status.SUBMITTED)
    message_send(student=dana, author=dana, body="A question")
    type(dana_file).objects.filter(pk=dana_file.pk).update(number_disagreements="birth_year,sex")
    erin = make_verified_user(email="erin@example.org")
    make_profile(erin, legal_surname="O'Neil & Sons", legal_given_names="<Erin>")
    return [alice, dana, erin]


def same_markup(html: str) -> str:
    """Whitespace between and inside tags is the templates' layout, not the markup."""
    return re.sub(r"\s+", " ", re.sub(r">\s+<", "><", html)).replace("> ", ">").replace(" <", "<")


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize(
    "query",
    ["", "?step=submitted", "?q=cruz&o=-4", "?path=non-eu&to_review=yes&year=all"],
)
def test_the_students_rows_are_the_admins_own(bob, cohort, language, query):
    client = staff_client(bob)
    client.cookies["django_language"] = language  # the admin follows the language cookie
    response = client.get(STUDENTS + query)
    html = response.content.decode()
    cl = response.context["cl"]
    assert cl.result_list, "the list shows students"

    with translation.override(language):
        ours = ["".join(row) for row in cl.model_admin.plain_rows(cl)]
        admins = ["".join(cells) for cells in results(cl)]

    assert ours == admins
    for row in ours:
        assert f"<tr>{row}</tr>" in html
    # The link to each student's page carries the list's filters back.
    if query:
        assert "_changelist_filters=" in ours[0]


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_students_filters_are_the_admins_own(bob, cohort, language):
    client = staff_client(bob)
    client.cookies["django_language"] = language
    response = client.get(STUDENTS + "?step=submitted&nationality=MX")
    html = same_markup(response.content.decode())
    cl = response.context["cl"]

    with translation.override(language):
        for spec in cl.filter_specs:
            ours = same_markup(office_list_filter(cl, spec))
            assert ours == same_markup(admin_list_filter(cl, spec)), spec.title
            assert ours in html
    assert ("Par nationalité" if language == "fr" else "By nationality") in html


def test_the_review_queue_rows_are_the_admins_own(bob, cohort):
    response = staff_client(bob).get(QUEUE)
    cl = response.context["cl"]
    assert cl.result_list, "the queue shows a document"

    ours = ["".join(row) for row in cl.model_admin.plain_rows(cl)]

    assert ours == ["".join(cells) for cells in results(cl)]
    for row in ours:
        assert f"<tr>{row}</tr>" in response.content.decode()


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_row_checkbox_is_djangos_own_widget(bob, cohort, language):
    from django.contrib import admin

    from office.models import Student

    model_admin = admin.site._registry[Student]
    erin = Student.objects.select_related("student_profile").get(email="erin@example.org")

    with translation.override(language):
        ours = model_admin.action_checkbox(erin)
        djangos = admin.ModelAdmin.action_checkbox(model_admin, erin)

    assert ours == djangos
    assert "O&#x27;NEIL &amp; SONS &lt;Erin&gt;" in ours


def test_the_queue_checkbox_is_djangos_own_widget(bob, cohort):
    from django.contrib import admin

    from office.models import PendingDocument

    model_admin = admin.site._registry[PendingDocument]
    document = PendingDocument.objects.select_related("owner__student_profile").first()

    assert model_admin.action_checkbox(document) == admin.ModelAdmin.action_checkbox(
        model_admin, document
    )
