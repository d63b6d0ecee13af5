"""The estimator: /<lang>/estimate/, reading its inputs from the query string."""

import re

import pytest
import time_machine


def result_of(response) -> str:
    html = response.content.decode()
    assert 'id="result-heading"' in html, "no estimate shown"
    return html.split('id="result-heading"')[1].split("</section>")[0]


def line(response, key: str) -> str:
    """The amount shown on one line of the estimate."""
    block = result_of(response).split(f"estimate-line-{key}")[1]
    return block.split('class="estimate-amount')[1].split(">", 1)[1].split("<")[0]


def test_without_a_query_it_shows_the_form_and_no_estimate(client):
    html = client.get("/en/estimate/").content.decode()

    assert 'name="fee"' in html and 'name="date"' in html
    assert 'id="result-heading"' not in html


@pytest.mark.parametrize(
    ("language", "gp", "expected"),
    [
        ("en", "yes", "16.50 €"),
        ("en", "no", "6.50 €"),
        ("fr", "yes", "16,50 €"),
        ("fr", "no", "6,50 €"),
    ],
)
def test_it_reproduces_the_seed_example_under_its_tariffs(client, language, gp, expected):
    response = client.get(f"/{language}/estimate/", {"date": "2023-06-01", "fee": "25", "gp": gp})

    assert line(response, "insurance") == expected


@pytest.mark.parametrize(("gp", "expected"), [("yes", "16.50 €"), ("no", "6.50 €")])
def test_a_25_euro_consultation_in_early_2024_still_gives_the_seed_figures(client, gp, expected):
    response = client.get("/en/estimate/", {"date": "2024-01-15", "fee": "25", "gp": gp})

    assert line(response, "insurance") == expected


@time_machine.travel("2026-11-26 10:00 +0100")
@pytest.mark.parametrize(("gp", "expected"), [("yes", "19.00 €"), ("no", "7.00 €")])
def test_today_a_30_euro_consultation_gives_19_and_7_euros(client, gp, expected):
    response = client.get("/en/estimate/", {"fee": "30", "gp": gp})

    assert line(response, "insurance") == expected
    assert line(response, "participation") == "2.00 €"


@time_machine.travel("2026-11-26 10:00 +0100")
def test_the_date_defaults_to_today_and_the_fee_to_the_convention_fee(client):
    response = client.get("/en/estimate/", {"gp": "yes"})

    assert line(response, "fee") == "30.00 €"
    assert 'value="2026-11-26"' in response.content.decode()


def test_a_fee_with_a_comma_is_read(client):
    response = client.get("/fr/estimate/", {"date": "2024-06-01", "fee": "26,50", "gp": "yes"})

    assert line(response, "insurance") == "16,55 €"


@pytest.mark.parametrize(
    ("query", "key", "expected"),
    [
        ({"sector": "2-optam", "fee": "50"}, "insurance", "19.00 €"),
        ({"sector": "2", "fee": "50"}, "insurance", "14.10 €"),
        ({"sector": "2", "fee": "50", "gp": "no"}, "insurance", "4.90 €"),
        ({"sector": "non-contracted", "fee": "60"}, "insurance", "0.00 €"),
        ({"complementary": "css", "fee": "30"}, "left", "0.00 €"),
        ({"complementary": "private", "fee": "30"}, "left", "2.00 €"),
        ({"complementary": "private", "fee": "30", "gp": "no"}, "left", "14.00 €"),
        ({"age": "17", "fee": "30"}, "participation", "0.00 €"),
        ({"age": "15", "fee": "30", "gp": "no"}, "insurance", "21.00 €"),
        ({"kind": "specialist-direct", "fee": "50"}, "insurance", "33.00 €"),
        (
            {"kind": "specialist-direct", "fee": "50", "sector": "2"},
            "insurance",
            "70 % of the base − 2.00 €",
        ),
    ],
)
def test_every_input_of_the_query_string_is_read(client, query, key, expected):
    response = client.get("/en/estimate/", {"date": "2025-06-01", "gp": "yes", **query})

    assert line(response, key) == expected


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"date": "2023-13-01"}, "date"),
        ({"date": "01/06/2023"}, "date"),
        ({"fee": "abc"}, "fee"),
        ({"fee": "-5"}, "fee"),
        ({"fee": "12.345"}, "fee"),
        ({"sector": "3"}, "sector"),
        ({"gp": "maybe"}, "gp"),
        ({"age": "-1"}, "age"),
        ({"complementary": "gold"}, "complementary"),
        ({"kind": "dentist"}, "kind"),
    ],
)
def test_a_wrong_input_is_shown_as_an_error_on_its_field(client, query, field):
    response = client.get("/en/estimate/", query)

    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="result-heading"' not in html
    assert f'id="error_1_id_{field}"' in html


def test_a_date_before_the_known_tariffs_says_so(client):
    html = client.get("/en/estimate/", {"date": "2000-01-01", "fee": "20"}).content.decode()

    assert "The estimator has no value of" in html


def test_a_specialist_without_a_fee_is_asked_for_one(client):
    html = client.get("/en/estimate/", {"kind": "specialist-direct"}).content.decode()

    assert "Type the fee the doctor charged" in html


def test_values_that_are_only_likely_are_flagged(client):
    html = client.get("/en/estimate/", {"date": "2023-06-01", "fee": "25"}).content.decode()

    assert "not fully confirmed" in html
    assert "likely" in html


def test_the_estimate_offers_its_own_link(client):
    response = client.get("/en/estimate/", {"date": "2023-06-01", "fee": "25", "gp": "no"})

    assert "http://testserver/en/estimate/?date=2023-06-01&amp;fee=25&amp;gp=no" in result_of(
        response
    )


def test_the_estimator_costs_a_bounded_number_of_queries(client, django_assert_max_num_queries):
    client.get("/en/estimate/", {"fee": "30"})

    with django_assert_max_num_queries(2):
        client.get("/fr/estimate/", {"date": "2024-06-01", "fee": "26,50"})


# --- Students treated on a European Health Insurance Card (DOMAIN.md §9.3) ----------------


@pytest.mark.parametrize("gp", ["yes", "no"])
def test_an_ehic_visit_has_no_pathway_penalty(client, gp):
    # 30 € GP, sector 1, with or without a declared GP: 70 % × 30 − 2 = 19 €.
    response = client.get(
        "/en/estimate/", {"date": "2025-06-01", "insured": "ehic", "fee": "30", "gp": gp}
    )

    assert line(response, "insurance") == "19.00 €"
    assert line(response, "rate") == "70 %"
    assert line(response, "participation") == "2.00 €"
    assert "no penalty for not having declared a GP" in result_of(response)


def test_a_french_insured_visit_without_a_gp_keeps_the_penalty(client):
    response = client.get(
        "/en/estimate/", {"date": "2025-06-01", "insured": "french", "fee": "30", "gp": "no"}
    )

    assert line(response, "insurance") == "7.00 €"


def test_without_insured_in_the_query_the_patient_is_insured_in_france(client):
    # Links printed before the EHIC choice existed keep their meaning.
    response = client.get("/en/estimate/", {"date": "2025-06-01", "fee": "30", "gp": "no"})

    assert line(response, "insurance") == "7.00 €"
    radio = re.search(
        r'<input[^>]*name="insured"[^>]*value="french"[^>]*>', response.content.decode()
    )
    assert radio is not None and "checked" in radio.group(0)


def test_an_ehic_visit_in_french(client):
    response = client.get(
        "/fr/estimate/", {"date": "2025-06-01", "insured": "ehic", "fee": "30", "gp": "no"}
    )

    assert line(response, "insurance") == "19,00 €"


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_css_with_an_ehic_is_refused_with_a_reason(client, language):
    response = client.get(
        f"/{language}/estimate/",
        {"insured": "ehic", "complementary": "css", "fee": "30", "date": "2025-06-01"},
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="result-heading"' not in html
    assert 'id="error_1_id_complementary"' in html
    expected = (
        "needs French health insurance" if language == "en" else "assurance maladie française"
    )
    assert expected in html


def test_a_wrong_insured_value_is_an_error_on_its_field(client):
    html = client.get("/en/estimate/", {"insured": "martian"}).content.decode()

    assert 'id="error_1_id_insured"' in html


def test_a_sector_2_specialist_explains_what_to_ask_the_doctor(client):
    response = client.get(
        "/en/estimate/",
        {"date": "2025-06-01", "kind": "specialist-direct", "sector": "2", "fee": "60"},
    )

    result = result_of(response)
    assert "not available" not in result
    assert "Ask the doctor" in result
    assert "OPTAM" in result


def test_the_estimate_says_when_its_values_were_checked(client):
    response = client.get("/en/estimate/", {"date": "2025-06-01", "fee": "30"})

    # The tariffs read from the archived sources of January 2026 (migration 0005).
    assert 'Values checked on <time datetime="2026-01-31">' in result_of(response)
