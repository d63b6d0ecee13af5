"""/<lang>/expenses/: the visits, their claims, the totals, the sheet checklist, the form."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.test import Client

from expenses import services
from expenses.models import CareExpense
from guidance.tariffs import Complementary
from tests.students.conftest import PROVISIONAL

URL = "/en/expenses/"


def form_data(**changes):
    data = {
        "visit_date": "2026-01-15",
        "kind": "gp",
        "sector": "1",
        "fee": "30",
        "gp": "yes",
        "complementary": "none",
    }
    data.update(changes)
    return data


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(URL)

    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_it_shows_an_empty_list_and_the_form(alice_client):
    html = alice_client.get(URL).content.decode()

    assert "No visit recorded yet." in html
    assert 'name="fee"' in html


def test_recording_a_visit_shows_it_with_what_should_come_back(alice, alice_client):
    response = alice_client.post(URL, form_data(fee="30,00"), follow=True)

    html = response.content.decode()
    assert "Visit recorded." in html
    expense = CareExpense.objects.get(student=alice)
    assert expense.fee == Decimal("30.00") and expense.expected_insurance == Decimal("19.00")
    assert 'data-total="paid">30.00 €' in html
    assert 'data-total="expected">19.00 €' in html
    assert 'data-total="outstanding">19.00 €' in html


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"fee": "-5"}, "between 0,01 and 10 000 euros"),
        ({"fee": "0"}, "between 0,01 and 10 000 euros"),
        ({"fee": "99999"}, "between 0,01 and 10 000 euros"),
        ({"fee": "abc"}, "Write the amount in euros"),
        ({"fee": "12.345"}, "at most two decimals"),
        ({"visit_date": "2999-01-01"}, "cannot be in the future"),
        ({"visit_date": "2025-08-01"}, "before your arrival in France"),
        ({"kind": "surgeon"}, "Select a valid choice"),
    ],
)
def test_bad_input_is_explained_and_nothing_is_recorded(
    alice, alice_client, changes, message, make_profile
):
    from datetime import date

    make_profile(alice, arrival_date=date(2025, 9, 1))

    response = alice_client.post(URL, form_data(**changes))

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not CareExpense.objects.exists()


def test_bad_input_is_explained_in_french(alice, alice_client):
    response = alice_client.post("/fr/expenses/", form_data(fee="-5"))

    assert "Écrivez un montant entre 0,01 et 10\u00a0000 euros." in response.content.decode()


def test_the_limit_is_explained(alice, alice_client, record, settings):
    settings.CARE_EXPENSES_MAX = 1
    record(alice)

    response = alice_client.post(URL, form_data())

    assert response.status_code == 200
    assert "the most the portal keeps" in response.content.decode()
    assert CareExpense.objects.count() == 1


def test_totals_add_up_paid_expected_reimbursed_and_outstanding(alice, alice_client, record, today):
    sent = record(alice, visit_date=today - timedelta(days=10), fee=Decimal("30"))
    paid_back = record(alice, visit_date=today - timedelta(days=9), fee=Decimal("30"))
    record(alice, visit_date=today - timedelta(days=8), fee=Decimal("30"))
    services.claim_mark_sent(expense=sent, on=today)
    services.claim_mark_sent(expense=paid_back, on=today)
    services.claim_mark_reimbursed(expense=paid_back, amount=Decimal("19"), on=today)

    html = alice_client.get(URL).content.decode()

    assert 'data-total="paid">90.00 €' in html
    assert 'data-total="expected">57.00 €' in html
    assert 'data-total="reimbursed">19.00 €' in html
    assert 'data-total="outstanding">38.00 €' in html


def test_the_checklist_gives_the_number_to_write_and_its_sources(
    alice, alice_client, alice_registration, bring_to
):
    bring_to(alice_registration, "provisional-number")

    html = alice_client.get(URL).content.decode()

    assert "write the provisional number" in html
    assert PROVISIONAL[:1] in html and "Source:" in html
    assert "ameli account, or call 36 46" in html


def test_once_the_carte_vitale_is_received_the_page_says_sheets_are_rarely_needed(
    alice, alice_client, alice_registration, bring_to
):
    bring_to(alice_registration, "definitive-number", extra=["ordered", "received"])

    html = alice_client.get(URL).content.decode()

    assert "You received your Carte Vitale on" in html
    assert "paper sheets are rarely needed any more" in html


def test_another_student_sees_none_of_alices_visits(alice, charlie, record):
    record(alice, fee=Decimal("42.42"))
    client = Client()
    client.force_login(charlie)

    html = client.get(URL).content.decode()

    assert "42.42" not in html


def test_the_page_needs_few_queries_however_many_visits(
    alice, alice_client, record, django_assert_max_num_queries
):
    for _ in range(30):
        record(alice)

    with django_assert_max_num_queries(12):
        alice_client.get(URL)


def test_an_estimate_is_added_with_one_button(alice, alice_client):
    html = alice_client.get(
        "/en/estimate/", {"date": "2026-01-15", "fee": "30", "gp": "yes"}
    ).content.decode()
    assert "Add this visit to my care expenses" in html

    response = alice_client.post(
        "/en/expenses/from-estimate/",
        {
            "date": "2026-01-15",
            "kind": "gp",
            "sector": "1",
            "fee": "30",
            "gp": "yes",
            "age": "",
            "complementary": "private",
        },
    )

    assert response.status_code == 302 and response["Location"] == URL
    expense = CareExpense.objects.get(student=alice)
    assert expense.complementary == Complementary.PRIVATE
    assert (expense.expected_insurance, expense.expected_complementary) == (
        Decimal("19.00"),
        Decimal("9.00"),
    )


def test_the_estimate_button_is_not_shown_to_visitors(client):
    html = client.get("/en/estimate/", {"date": "2026-01-15", "fee": "30"}).content.decode()

    assert "Add this visit to my care expenses" not in html


def test_an_estimate_in_the_future_is_not_added(alice, alice_client):
    response = alice_client.post(
        "/en/expenses/from-estimate/",
        {
            "date": "2999-01-01",
            "kind": "gp",
            "sector": "1",
            "fee": "30",
            "gp": "yes",
            "complementary": "none",
        },
        follow=True,
    )

    assert "cannot be in the future" in response.content.decode()
    assert not CareExpense.objects.exists()


def test_adding_from_an_estimate_rejects_get(alice_client):
    assert alice_client.get("/en/expenses/from-estimate/").status_code == 405
