"""/<lang>/expenses/letter.pdf: the French cover letter with the number and enclosed sheets."""

from datetime import date, timedelta
from decimal import Decimal
from io import BytesIO

import time_machine
from pypdf import PdfReader

from expenses import services
from expenses.letter import letter_content
from students import nir
from tests.students.conftest import PROVISIONAL

URL = "/en/expenses/letter.pdf"


def pdf_text(response) -> str:
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(BytesIO(response.content))
    return "\n".join(page.extract_text() for page in reader.pages)


@time_machine.travel("2026-12-04 10:00 +0100")
def test_the_letter_lists_the_sheets_to_send_with_the_number(
    alice, alice_client, alice_registration, bring_to, record
):
    bring_to(alice_registration, "provisional-number")
    record(alice, visit_date=date(2026, 11, 2), fee=Decimal("30"))
    record(alice, visit_date=date(2026, 11, 20), fee=Decimal("26.50"))
    sent = record(alice, visit_date=date(2026, 10, 1), fee=Decimal("55"))
    services.claim_mark_sent(expense=sent, on=date(2026, 10, 2))

    text = pdf_text(alice_client.get(URL))

    assert "Alice LIDDELL" in text
    assert "1 rue de la Paix" in text and "92000 Nanterre" in text
    assert nir.format_number(PROVISIONAL).replace(" ", "") in text.replace(" ", "").replace(
        "\u00a0", ""
    )
    assert "2 feuilles de soins" in text
    assert "2 novembre 2026" in text and "20 novembre 2026" in text
    assert "1er octobre 2026" not in text  # already sent: not enclosed
    assert "Nanterre, le 4" in text and "décembre 2026" in text
    assert "CPAM" in text and "36" in text


def test_the_letter_names_the_ehic_enclosures_for_an_ehic_holder(alice, make_profile, today):
    make_profile(alice, nationality="DE", ehic_held=True, ehic_expiry=date(2099, 1, 1))

    class Sheet:
        visit_date = today - timedelta(days=1)
        kind = "gp"
        fee = Decimal("30")

    content = letter_content(
        profile=alice.student_profile, number="", sheets=[Sheet()], today=today, ehic=True
    )

    assert any("carte européenne" in line for line in content.enclosures)
    assert content.number.endswith("______________________")


def test_without_a_sheet_to_send_there_is_no_letter(alice, alice_client):
    response = alice_client.get(URL, follow=True)

    assert "no letter to print" in response.content.decode()


def test_anonymous_visitors_get_no_letter(client):
    response = client.get(URL)

    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
