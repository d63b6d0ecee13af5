"""The public checker /<lang>/which-path/: the path router's answer without an account."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from students.models import AcademicYear
from students.path_steps import path_steps_for_display
from students.paths import Path, StudentFacts
from tests.students.test_paths import CASES, YEAR_END, YEAR_START

URL = "/en/which-path/"


@pytest.fixture
def current_year(db) -> AcademicYear:
    """The router table's year (2026-09-01 to 2027-08-31) as the university's current one."""
    AcademicYear.objects.update(is_current=False)
    year, _created = AcademicYear.objects.update_or_create(
        label="2026–2027",
        defaults={"starts_on": YEAR_START, "ends_on": YEAR_END, "is_current": True},
    )
    return year


def query_for(facts: StudentFacts) -> dict[str, str]:
    """What a student would answer in the form for these facts."""
    query = {
        "nationality": facts.nationality,
        "ehic": "yes" if facts.ehic_held else "no",
        "months": "10" if facts.stay_at_least_3_months else "2",
        "quebec": "yes" if facts.quebec_resident else "no",
        "registered": "yes" if facts.already_registered else "no",
    }
    if facts.ehic_expiry:
        query["ehic_until"] = facts.ehic_expiry.isoformat()
    if facts.nationality.upper() == "FR":
        query["born"] = facts.country_of_birth
    return query


def data_paths(response) -> list[str]:
    return re.findall(r'data-path="([^"]*)"', response.content.decode())


def result_text(response) -> str:
    html = response.content.decode()
    start = html.index('id="which-path-result"')
    return html[start : html.index("</section>", start)]


@pytest.mark.parametrize(
    ("facts", "expected"), [case[1:3] for case in CASES], ids=[case[0] for case in CASES]
)
def test_the_router_case_table_gives_the_same_path_through_the_page(
    anon, current_year, facts, expected
):
    response = anon.get(URL, query_for(facts))

    assert response.status_code == 200
    if facts.ehic_held and facts.ehic_expiry is None:
        # The router ignores a card without a date; the page asks for the date instead.
        assert data_paths(response) == []
        assert "Type the end date printed on your card" in response.content.decode()
    else:
        assert data_paths(response) == [expected.value]


@pytest.mark.parametrize(
    ("until", "expected"),
    [
        (YEAR_END - timedelta(days=1), Path.EU_REGISTER),
        (YEAR_END, Path.EU_WITH_EHIC),
        (YEAR_END + timedelta(days=1), Path.EU_WITH_EHIC),
    ],
    ids=["ends-the-day-before", "ends-on-the-last-day", "ends-after"],
)
def test_an_ehic_is_judged_against_the_current_years_last_day(anon, current_year, until, expected):
    query = {"nationality": "DE", "ehic": "yes", "ehic_until": until.isoformat(), "months": "10"}

    response = anon.get(URL, query)

    assert data_paths(response) == [expected.value]
    if expected == Path.EU_REGISTER:
        assert "Your EHIC ends on Aug. 30, 2027, before the end of your academic year" in (
            result_text(response)
        )


def test_the_page_says_which_academic_year_it_judges_against(anon, current_year):
    html = anon.get(URL).content.decode()

    assert "academic year 2026–2027, from Sept. 1, 2026 to Aug. 31, 2027" in html


@pytest.mark.parametrize(
    ("query", "first", "then"),
    [
        (
            {"nationality": "US", "months": "10"},
            "Prepare your documents here",
            [
                "Register on the official foreign-student site with your checked documents",
                "Record your provisional number",
                "Wait while the CPAM checks your file",
                "Record your definitive number",
                "Create your ameli account",
                "Order your Carte Vitale",
            ],
        ),
        (
            {"nationality": "IT", "months": "10", "ehic": "no"},
            "Prepare your documents here",
            [
                "Register on the official foreign-student site with your checked documents",
                "Record your provisional number",
            ],
        ),
        (
            {"nationality": "CA", "quebec": "yes", "months": "10"},
            "Prepare your documents here",
            ["Take your Quebec form to your CPAM", "Record your provisional number"],
        ),
        (
            {"nationality": "NO", "ehic": "yes", "ehic_until": "2027-08-31", "months": "10"},
            "Keep a copy of your EHIC and your student card here",
            ["Show your EHIC for care: you do not need to register"],
        ),
        (
            {"nationality": "BR", "registered": "yes", "months": "10"},
            "You are already registered: keep your number and your Carte Vitale up to date",
            [],
        ),
        (
            {"nationality": "JP", "months": "2"},
            "Take out private health insurance for your whole stay",
            [],
        ),
    ],
    ids=["non-eu", "eu-register", "quebec", "eu-ehic", "already-registered", "short-stay"],
)
def test_each_path_says_what_to_do_first_and_then_in_order(anon, current_year, query, first, then):
    text = result_text(anon.get(URL, query))

    first_html = re.search(r'class="which-path-first">(.*?)</p>', text, re.S)[1]
    assert first in first_html
    steps = re.findall(r"<li><a [^>]*>([^<]*)</a></li>", text)
    assert [step for step in steps if step in then] == then


def test_the_sequence_is_the_one_the_path_steps_function_gives(anon, current_year):
    """The page shows path_steps_for_display's titles and links, none left out or added."""
    text = result_text(anon.get(URL, {"nationality": "US", "months": "10"}))

    for step in path_steps_for_display(Path.NON_EU):
        anchor = f"#{step.anchor}" if step.anchor else ""
        assert f'href="/en/guide/{step.guidance_slug}/{anchor}">{step.title}</a>' in text


@pytest.mark.parametrize(
    ("query", "guide"),
    [
        (
            {"nationality": "DE", "ehic": "yes", "ehic_until": "2027-08-31"},
            "eu-students/#with-ehic",
        ),
        ({"nationality": "DE", "ehic": "no"}, "eu-students/#without-ehic"),
        ({"nationality": "US"}, "register-outside-eu/"),
        ({"nationality": "CA", "quebec": "yes"}, "register-outside-eu/"),
        ({"nationality": "US", "registered": "yes"}, "your-number/#definitive"),
    ],
)
def test_the_answer_links_the_guidance_for_its_path_and_the_sign_up(
    anon, current_year, query, guide
):
    response = anon.get(URL, {**query, "months": "10"})

    text = result_text(response)
    assert f'<a href="/en/guide/{guide}">Read the guidance for this path</a>' in text
    assert 'href="/en/accounts/signup/"' in text
    assert "Create an account to be guided step by step" in text
    assert anon.get(f"/en/guide/{guide.split('#')[0]}").status_code == 200


def test_a_signed_in_student_is_sent_to_their_dashboard_instead(client, alice, current_year):
    client.force_login(alice)

    text = result_text(client.get(URL, {"nationality": "US", "months": "10"}))

    assert 'href="/en/dashboard/"' in text
    assert "/accounts/signup/" not in text


def test_french_nationals_are_asked_where_they_were_born(anon, current_year):
    abroad = anon.get(URL, {"nationality": "FR", "born": "MA", "months": "10"})
    home = anon.get(URL, {"nationality": "FR", "born": "FR", "months": "10"})

    assert data_paths(abroad) == [Path.NON_EU.value]
    assert "As a French citizen born abroad, you register on the foreign-student site too." in (
        result_text(abroad)
    )
    assert data_paths(home) == [Path.ALREADY_REGISTERED.value]
    assert "have had a social-security number since birth" in result_text(home)


def test_quebec_students_see_where_sources_differ_with_their_sources(anon, current_year):
    text = result_text(anon.get(URL, {"nationality": "CA", "quebec": "yes", "months": "10"}))

    assert "take it to your CPAM" in text
    assert "Sources differ" in text
    assert "https://www.univ-lorraine.fr/welcome/en/health-insurance/" in text
    assert "Checked on Dec. 4, 2026." in text


def test_the_quebec_answer_counts_only_for_canadians(anon, current_year):
    response = anon.get(URL, {"nationality": "US", "quebec": "yes", "months": "10"})

    assert data_paths(response) == [Path.NON_EU.value]
    assert "SE 401-Q-106 to your CPAM" not in result_text(response)


def test_uk_students_learn_about_the_uk_student_ehic_and_that_it_is_unconfirmed(anon, current_year):
    text = result_text(anon.get(URL, {"nationality": "GB", "months": "10"}))

    assert "UK student EHIC or GHIC" in text
    assert "not yet confirmed on ameli" in text
    assert "https://111.wales.nhs.uk/" in text
    other = result_text(anon.get(URL, {"nationality": "US", "months": "10"}))
    assert "UK student EHIC" not in other


def test_it_answers_in_french(anon, current_year):
    response = anon.get(
        "/fr/which-path/",
        {"nationality": "DE", "ehic": "yes", "ehic_until": "2027-08-31", "months": "10"},
    )

    html = response.content.decode()
    assert '<html lang="fr">' in html
    assert data_paths(response) == [Path.EU_WITH_EHIC.value]
    assert "Que dois-je faire\u00a0?" in html
    assert "Votre parcours" in result_text(response)
    assert 'href="/fr/guide/eu-students/#with-ehic"' in result_text(response)


def test_it_stores_nothing_and_is_never_cached(anon, current_year):
    with CaptureQueriesContext(connection) as queries:
        response = anon.get(URL, {"nationality": "DE", "months": "10"})

    assert data_paths(response) == [Path.EU_REGISTER.value]
    assert "no-store" in response["Cache-Control"]
    writes = [q["sql"] for q in queries if not q["sql"].lstrip().upper().startswith("SELECT")]
    assert writes == []


def test_it_costs_one_query(anon, current_year, django_assert_max_num_queries):
    with django_assert_max_num_queries(1):
        anon.get(URL, {"nationality": "DE", "months": "10"})


def test_the_empty_form_asks_every_question_and_answers_nothing(anon, current_year):
    response = anon.get(URL)

    html = response.content.decode()
    assert data_paths(response) == []
    for name in ("nationality", "ehic", "ehic_until", "months", "quebec", "registered", "born"):
        assert f'name="{name}"' in html
    assert 'class="invalid-feedback"' not in html


def test_a_link_can_prefill_part_of_the_form_without_errors(anon, current_year):
    response = anon.get(URL, {"nationality": "de", "ehic": "yes"})

    html = response.content.decode()
    assert data_paths(response) == []
    assert '<option value="DE" selected>' in html
    assert re.search(r'value="yes"[^>]*checked', html)
    assert "is-invalid" not in html


def test_a_prefilled_link_gives_the_answer_with_the_form_filled_in(anon, current_year):
    query = "?nationality=de&ehic=yes&ehic_until=2027-08-31&months=10&utm_source=poster"

    response = anon.get(URL + query)

    html = response.content.decode()
    assert data_paths(response) == [Path.EU_WITH_EHIC.value]
    assert '<option value="DE" selected>' in html
    assert 'value="2027-08-31"' in html
    assert 'value="10"' in html


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        (
            {"nationality": "XX", "months": "10"},
            "nationality",
            "There is no country with the code “XX”",
        ),
        ({"nationality": "", "months": "10"}, "nationality", "Choose your nationality."),
        ({"nationality": "DE", "months": "-3"}, "months", "Type a number of months from 1 to 120."),
        ({"nationality": "DE", "months": "0"}, "months", "Type a number of months from 1 to 120."),
        (
            {"nationality": "DE", "months": "9999"},
            "months",
            "Type a number of months from 1 to 120.",
        ),
        ({"nationality": "DE", "months": "ten"}, "months", "as a whole number"),
        ({"nationality": "DE", "months": ""}, "months", "Type how many months you will study"),
        (
            {"nationality": "DE", "months": "10", "ehic": "yes", "ehic_until": "31/02/2027x"},
            "ehic_until",
            "Type the date as year-month-day",
        ),
        (
            {"nationality": "DE", "months": "10", "ehic": "yes", "ehic_until": "2027-02-30"},
            "ehic_until",
            "Type the date as year-month-day",
        ),
        (
            {"nationality": "DE", "months": "10", "ehic": "yes"},
            "ehic_until",
            "Type the end date printed on your card",
        ),
        ({"nationality": "DE", "months": "10", "ehic": "maybe"}, "ehic", "Answer yes or no."),
        ({"nationality": "FR", "months": "10"}, "born", "Choose your country of birth"),
        ({"nationality": "FR", "months": "10", "born": "ZZ"}, "born", "There is no country"),
    ],
    ids=lambda value: value if isinstance(value, str) else None,
)
def test_bad_input_gets_a_clear_message_in_the_form_and_no_answer(
    anon, current_year, query, field, message
):
    response = anon.get(URL, query)

    html = response.content.decode()
    assert response.status_code == 200
    assert data_paths(response) == []
    assert message in html
    assert re.search(
        rf'name="{field}"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*name="{field}"', html
    ) or (f'id="error_1_id_{field}"' in html)
    assert "Please check the answers marked below." in html


def test_bad_input_is_explained_in_french(anon, current_year):
    html = anon.get("/fr/which-path/", {"nationality": "XX", "months": "-1"}).content.decode()

    assert "Il n’existe pas de pays de code «\u00a0XX\u00a0»" in html
    assert "de 1 à 120" in html


def test_a_hundred_parameters_get_a_message_and_no_answer(anon, current_year):
    query = "nationality=DE&months=10&" + "&".join(f"p{i}=1" for i in range(100))

    response = anon.get(f"{URL}?{query}")

    assert response.status_code == 200
    assert data_paths(response) == []
    assert "too many parameters" in response.content.decode()


def test_an_oversized_address_gets_a_message_and_no_answer(anon, current_year):
    response = anon.get(URL, {"nationality": "DE", "months": "10", "note": "x" * 5000})

    assert response.status_code == 200
    assert data_paths(response) == []
    assert "This address is too long" in response.content.decode()


def test_an_oversized_value_is_refused_too(anon, current_year):
    response = anon.get(URL, {"nationality": "D" * 2000, "months": "10"})

    assert response.status_code == 200
    assert data_paths(response) == []


def test_thousands_of_parameters_are_a_bad_request_not_a_server_error(anon, current_year):
    query = "&".join(f"p{i}=1" for i in range(1200))

    response = anon.get(f"{URL}?{query}")

    assert response.status_code == 400


def test_without_a_current_academic_year_it_says_so_and_answers_nothing(anon, db):
    AcademicYear.objects.update(is_current=False)

    response = anon.get(URL, {"nationality": "DE", "months": "10"})

    assert response.status_code == 200
    assert data_paths(response) == []
    assert "has not set the current academic year" in response.content.decode()


def test_it_refuses_post(anon, current_year):
    assert anon.post(URL, {"nationality": "DE", "months": "10"}).status_code == 405


def test_source_titles_say_their_language_on_a_french_page(anon, current_year):
    fr = result_text(
        anon.get("/fr/which-path/", {"nationality": "CA", "quebec": "yes", "months": "10"})
    )
    en = result_text(anon.get(URL, {"nationality": "CA", "quebec": "yes", "months": "10"}))

    assert (
        'href="https://www.univ-lorraine.fr/welcome/en/health-insurance/" '
        'rel="noopener noreferrer" lang="en"' in fr
    )
    assert 'lang="en"' not in en


def test_the_checker_names_first_what_the_dashboard_names_for_a_new_student(anon, current_year):
    """One order, everywhere: the public answer's first action is the dashboard's next one."""
    from students.lifecycle import Progress, next_action

    first = next_action(Progress(path=Path.NON_EU))
    html = anon.get("/en/which-path/", {"nationality": "JP", "months": "10"}).content.decode()

    assert 'data-path="non-eu"' in html
    assert str(first.title) in html
    assert html.index(str(first.title)) < html.index("Register on the official")
