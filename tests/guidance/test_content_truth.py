"""Content truth (issue 14): every public page in every language, as a student reads it.

Each page is rendered through the test client and its text read back: no internal
reference, no Markdown left unrendered, nested lists nested, French spacing, each
correction of DOMAIN.md §9 on the page that carried the error, dated figures with their
period once it is over, the university's health service, and the editors' re-check list.
"""

import re
from datetime import date
from html.parser import HTMLParser

import pytest
import time_machine
from django.contrib.auth.models import Permission

from guidance.models import Fact, HealthService, Page, Tariff
from guidance.selectors import facts_to_recheck
from tests.conftest import log_in_with_mfa, make_verified_user
from tests.guidance.conftest import CONTENT_SLUGS, LANGUAGES
from tests.students.conftest import make_profile, year  # noqa: F401

# The day of the fact-check: the CSS ceilings (to 31 March 2026) and the CVEC 2025-26 (to
# 31 August 2026) are past their last known period.
FACT_CHECK_DAY = "2026-12-04 10:00 +0100"
NBSP = "\u00a0"
RAW = {"script", "style", "pre", "code", "textarea"}


class TextNodes(HTMLParser):
    """The text nodes a reader sees (not inside script, style, pre, code or textarea)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.nodes: list[str] = []
        self.all: list[str] = []
        self._raw = 0

    def handle_starttag(self, tag, attrs):
        if tag in RAW:
            self._raw += 1

    def handle_endtag(self, tag):
        if tag in RAW and self._raw:
            self._raw -= 1

    def handle_data(self, data):
        if self._raw:
            return
        self.all.append(data)
        if data.strip():
            self.nodes.append(data)


def text_nodes(html: str) -> list[str]:
    parser = TextNodes()
    parser.feed(html)
    return parser.nodes


def readable(html: str) -> str:
    """The page's text in one string, with non-breaking spaces read as spaces."""
    parser = TextNodes()
    parser.feed(re.sub(r"</(p|li|td|th|h\d|dt|dd)>", r"</\1> ", html))
    return " ".join("".join(parser.all).replace(NBSP, " ").split())


def public_paths(language: str) -> list[str]:
    paths = [
        f"/{language}/",
        f"/{language}/guide/",
        f"/{language}/guide/links/",
        f"/{language}/estimate/",
        f"/{language}/estimate/?insured=ehic&fee=30&gp=no&date=2025-06-01",
        f"/{language}/estimate/?kind=specialist-direct&sector=2&fee=60&date=2025-06-01",
        f"/{language}/privacy/",
        f"/{language}/accessibility/",
    ]
    for slug in CONTENT_SLUGS:
        paths += [f"/{language}/guide/{slug}/", f"/{language}/guide/{slug}/poster/"]
    return paths


EVERY_PUBLIC_PAGE = [(language, path) for language in LANGUAGES for path in public_paths(language)]

INTERNAL_REFERENCE = re.compile(
    r"DOMAIN|PRODUCT\.md|§ ?\d|seed page|page d'exemple|exemple de la page|\.md\b|\{value:|\{#",
    re.IGNORECASE,
)


@pytest.fixture
def page_html(client):
    def get(path: str) -> str:
        response = client.get(path)
        assert response.status_code == 200, path
        return response.content.decode()

    return get


@time_machine.travel(FACT_CHECK_DAY)
@pytest.mark.parametrize(("language", "path"), EVERY_PUBLIC_PAGE)
def test_no_public_page_shows_an_internal_reference(page_html, language, path):
    found = [node for node in text_nodes(page_html(path)) if INTERNAL_REFERENCE.search(node)]

    assert found == []


@time_machine.travel(FACT_CHECK_DAY)
@pytest.mark.parametrize(("language", "path"), EVERY_PUBLIC_PAGE)
def test_no_public_page_shows_markdown_left_unrendered(page_html, language, path):
    leftovers = [
        node.strip()
        for node in text_nodes(page_html(path))
        if node.strip().startswith(("- ", "* ", "**", "## ")) or "**" in node or "](" in node
    ]

    assert leftovers == []


@time_machine.travel(FACT_CHECK_DAY)
@pytest.mark.parametrize("path", [p for lang, p in EVERY_PUBLIC_PAGE if lang == "fr"])
def test_french_pages_have_a_non_breaking_space_before_high_punctuation(page_html, path):
    nodes = text_nodes(page_html(path))
    # An ordinary space, or none after a word, before : ; ? ! that ends a phrase.
    ordinary_space = [n for n in nodes if re.search(r" [:;?!](\s|$)", n)]
    no_space = [n for n in nodes if re.search(r"[^\W\d][;?!](\s|$)|[^\W\d]:(\s|$)", n)]

    assert ordinary_space == []
    assert no_space == []


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(
    ("slug", "section"),
    [("register-outside-eu", "documents"), ("campus-health-service", "mental-health")],
)
def test_nested_lists_stay_nested(page_html, language, slug, section):
    html = page_html(f"/{language}/guide/{slug}/")
    body = html.split(f'id="{section}"')[1].split("<h2")[0]

    # A list item holds the inner list, and no item's text starts with a Markdown dash.
    assert re.search(r"<li>(?:(?!</li>).)*<ul>", body, re.DOTALL)
    assert "<p>- " not in body and "\n- **" not in body


def test_the_documents_list_keeps_parental_authorisation_as_its_own_item(page_html):
    body = page_html("/en/guide/register-outside-eu/").split('id="documents"')[1]

    assert re.search(r"<li>\s*(<p>)?<strong>Parental authorisation</strong>", body)


# --- DOMAIN.md §9: each correction on the page that carried the error -------------------

CORRECTIONS = [
    # (§, slug, language, must say, must no longer say)
    ("9.1", "register-outside-eu", "en", ["about twenty languages", "apostille"],
     ["If it is not in French, add a French translation by a sworn translator"]),
    ("9.1", "register-outside-eu", "fr", ["une vingtaine de langues", "apostille"],
     ["Si elle n'est pas en français, joignez une traduction"]),
    ("9.2", "register-outside-eu", "en", ["within 3 months of your arrival", "Algerian nationals"],
     ["Validate your VLS-TS online before you upload it."]),
    ("9.2", "register-outside-eu", "fr",
     ["dans les 3 mois suivant votre arrivée", "ressortissants algériens"], []),
    ("9.3", "care-with-ehic", "en", ["You are not penalised", "reimbursed 19 €"], []),
    ("9.3", "care-with-ehic", "fr", ["Vous n'êtes pas pénalisé", "remboursée 19 €"], []),
    ("9.3", "eu-students", "en", ["you cannot get the Complémentaire santé solidaire"], []),
    ("9.4", "better-reimbursement", "en", ["inside the coordinated care pathway only"],
     ["With the CSS, you pay nothing for this visit."]),
    ("9.4", "better-reimbursement", "fr", ["dans le parcours de soins coordonnés seulement"],
     ["Avec la CSS, vous ne payez rien pour cette consultation."]),
    ("9.5", "how-health-insurance-works", "en", ["dates from 1993", "The 2004 reform created"],
     ["The 70 % rate has applied since the 2004 reform"]),
    ("9.5", "how-health-insurance-works", "fr", ["date de 1993", "La réforme de 2004 a créé"],
     ["Le taux de 70 % s'applique depuis la réforme de 2004"]),
    ("9.5", "better-reimbursement", "en", [], ["70 % (since the 2004 reform)"]),
    ("9.5", "campus-health-service", "en", [], ["since the 2004 reform"]),
    ("9.5", "glossary", "en", ["The 2004 reform created the pathway"], ["(since the 2004 reform)"]),
    ("9.6", "how-health-insurance-works", "en", ["Almost no complementary insurance pays it back"],
     ["No complementary insurance may pay it back"]),
    ("9.6", "how-health-insurance-works", "fr", ["Presque aucune complémentaire santé"],
     ["Aucune complémentaire santé ne peut la rembourser"]),
    ("9.6", "better-reimbursement", "en", ["almost no complementary does"], []),
    ("9.7", "help", "en", ["we have not been able to confirm it"], ["+33"]),
    ("9.7", "help", "fr", ["nous n'avons pas pu le confirmer"], ["+33"]),
    ("9.8", "register-outside-eu", "en", ["A foreign IBAN from the SEPA area is accepted"],
     ["of a bank account in France"]),
    ("9.8", "register-outside-eu", "fr", ["Un IBAN étranger de la zone SEPA est accepté"],
     ["d'un compte bancaire en France, pour vos remboursements"]),
    ("9.8", "care-with-ehic", "en", ["A foreign IBAN from the SEPA area is accepted"],
     ["of your French bank account"]),
    ("9.8", "care-with-ehic", "fr", ["Un IBAN étranger de la zone SEPA est accepté"],
     ["de votre compte bancaire en France"]),
    ("9.9", "register-outside-eu", "en", ["take the form to your CPAM", "sources differ"], []),
    ("9.9", "register-outside-eu", "fr", ["apportez le formulaire à votre CPAM"], []),
    ("9.10", "eu-students", "en", ["most EU languages"], ["except Greek and Bulgarian"]),
    ("9.10", "eu-students", "fr", ["la plupart des langues de l'UE"],
     ["sauf les documents grecs et bulgares"]),
    ("9.11", "eu-students", "en", ["proof of your resources"], []),
    ("9.11", "eu-students", "fr", ["justificatif de ressources"], []),
    ("9.12", "register-outside-eu", "fr", ["Attestation de scolarité"], ["ertificat de scolarité"]),
    ("9.12", "care-with-ehic", "fr", ["attestation de scolarité"], ["ertificat de scolarité"]),
    ("9.12", "eu-students", "fr", ["attestation de scolarité"], ["ertificat de scolarité"]),
    ("9.13", "campus-health-service", "en", ["8 a year", "Mon soutien psy"],
     ["mention 12 sessions"]),
    ("9.13", "campus-health-service", "fr", ["8 par an", "Mon soutien psy"],
     ["parlent de 12 séances"]),
    ("9.14", "help", "en", ["15 (SAMU", "112", "3114"], []),
    ("9.14", "help", "fr", ["15 (SAMU", "112", "3114"], []),
    ("9.14", "campus-health-service", "en", ["3114"], []),
    ("9.15", "how-health-insurance-works", "en", ["LFSS 2026"],
     ["A plan to raise it to 4 € was abandoned in December 2025."]),
    ("9.15", "how-health-insurance-works", "fr", ["LFSS 2026"], []),
    ("9.16", "register-outside-eu", "en", ["not to the day you arrive"], []),
    ("9.16", "how-health-insurance-works", "fr", ["assurance voyage"], []),
    ("9.17", "better-reimbursement", "en", ["It is optional, not compulsory."], []),
    ("9.17", "better-reimbursement", "fr", ["Elle est facultative"], []),
    ("9.18", "care-with-ehic", "en", ["reimburses you under its own rules"], []),
    ("9.18", "care-with-ehic", "fr", ["selon ses propres règles"], []),
    ("9.19", "eu-students", "en", ["UK student EHIC or GHIC", "has not yet been confirmed"], []),
    ("9.19", "eu-students", "fr", ["CEAM ou GHIC étudiante britannique"], []),
    ("CVEC", "how-health-insurance-works", "en", ["before you enrol", "grant holders"], []),
    ("CVEC", "how-health-insurance-works", "fr", ["avant votre inscription", "boursiers"], []),
]  # fmt: skip


@time_machine.travel(FACT_CHECK_DAY)
@pytest.mark.parametrize(("section", "slug", "language", "says", "no_longer"), CORRECTIONS)
def test_each_correction_is_on_the_page_that_carried_the_error(
    page_html, section, slug, language, says, no_longer
):
    text = readable(page_html(f"/{language}/guide/{slug}/"))

    for words in says:
        assert words in text, f"§{section}: {words!r} missing"
    for words in no_longer:
        assert words not in text, f"§{section}: {words!r} still shown"


def test_taux_plein_is_used_only_for_100_percent(page_html):
    for slug in CONTENT_SLUGS:
        text = readable(page_html(f"/fr/guide/{slug}/"))
        for match in re.finditer(r"taux plein", text, re.IGNORECASE):
            around = text[max(0, match.start() - 200) : match.end() + 200]
            assert "100 %" in around, slug


def test_the_estimator_no_longer_speaks_of_a_seed_page(page_html):
    assert "seed" not in readable(page_html("/en/estimate/"))


# --- Dated figures: the period once it is over ----------------------------------------


@time_machine.travel(FACT_CHECK_DAY)
def test_an_expired_ceiling_is_shown_with_its_period_not_as_current(page_html):
    text = readable(page_html("/en/guide/better-reimbursement/"))

    assert (
        "up to 10,339 € (the figure for April 1, 2025 to March 31, 2026; the figure since "
        "then is not published here yet)" in text
    )


@time_machine.travel(FACT_CHECK_DAY)
def test_an_expired_figure_says_so_in_french_too(page_html):
    text = readable(page_html("/fr/guide/how-health-insurance-works/"))

    assert "105 € (le montant valable du 1 septembre 2025 au 31 août 2026" in text
    assert "le montant suivant n'est pas encore publié ici" in text


@time_machine.travel("2025-06-01 10:00 +0200")
def test_a_figure_in_force_is_shown_without_a_period(page_html):
    text = readable(page_html("/en/guide/better-reimbursement/"))

    assert "up to 10,339 €" in text
    assert "not published here yet" not in text


@time_machine.travel("2024-06-01 10:00 +0200")
def test_an_earlier_day_shows_the_figure_of_its_own_period(page_html):
    text = readable(page_html("/en/guide/better-reimbursement/"))

    assert "up to 10,166 €" in text
    assert "10,339" not in text


@time_machine.travel(FACT_CHECK_DAY)
def test_a_new_row_replaces_the_expired_figure(page_html):
    Tariff.objects.create(
        parameter="cvec_amount",
        effective_from=date(2026, 9, 1),
        effective_to=date(2027, 8, 31),
        value=106,
        unit="EUR/academic-year",
        source="a future publication",
        confidence="confirmed",
    )

    text = readable(page_html("/en/guide/how-health-insurance-works/"))

    assert "Amount: 106 € per academic year." in text


# --- Checked on: each page shows when its facts were checked ------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_page_shows_when_its_least_recently_checked_fact_was_checked(page_html, language):
    page = Page.objects.get(slug="help")
    oldest = min(fact.checked_on for fact in page.facts.all() if fact.checked_on)

    html = page_html(f"/{language}/guide/help/")

    label = "Checked on" if language == "en" else "Vérifié le"
    assert re.search(rf'{label}\s*<time datetime="{oldest.isoformat()}">', html)


def test_checking_a_fact_again_moves_the_date_on_the_page(page_html):
    Page.objects.get(slug="your-number").facts.update(checked_on=date(2026, 12, 1))

    assert '<time datetime="2026-12-01">' in page_html("/en/guide/your-number/")


def test_every_page_states_facts_declared_with_a_source():
    for page in Page.objects.filter(slug__in=CONTENT_SLUGS):
        facts = list(page.facts.all())
        assert facts, page.slug
        assert all(fact.source_title for fact in facts)


# --- The university's own health service -------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_campus_health_page_shows_the_services_details(page_html, language):
    html = page_html(f"/{language}/guide/campus-health-service/")
    text = readable(html)

    assert "Bâtiment Ramnoux, campus de Nanterre" in text
    assert 'href="tel:0140977533"' in html
    # Sourced only by a FAQ quoted "to check": shown with a note, never as confirmed.
    note = "not been confirmed" if language == "en" else "pas encore été confirmées"
    assert note in text


def test_what_the_university_fills_in_reaches_the_page_and_the_poster(page_html):
    service = HealthService.objects.get()
    service.hours_en = "Monday to Friday, 9:00 to 17:00"
    service.hours_fr = "Du lundi au vendredi, de 9 h à 17 h"
    service.booking_url = "https://booking.example.org/sse"
    service.checked_on = date(2026, 12, 1)
    service.save()

    page = readable(page_html("/en/guide/campus-health-service/"))
    french = readable(page_html("/fr/guide/campus-health-service/"))
    poster = page_html("/en/guide/help/poster/")

    assert "Monday to Friday, 9:00 to 17:00" in page
    assert "Du lundi au vendredi, de 9 h à 17 h" in french
    assert "not been confirmed" not in page
    assert "https://booking.example.org/sse" in poster
    assert "01 40 97 75 33" in poster


def test_the_dashboards_campus_health_task_shows_the_service(alice, make_profile, client):
    make_profile(alice)
    client.force_login(alice)

    html = client.get("/en/dashboard/").content.decode()
    task = html.split('id="better-reimbursed"')[1]

    assert "Bâtiment Ramnoux, campus de Nanterre" in task
    assert 'href="tel:0140977533"' in task


# --- Facts to re-check ---------------------------------------------------------------------


@pytest.fixture
def editor_client(client, db):
    editor = make_verified_user(email="editor@example.org", language="en", is_staff=True)
    editor.user_permissions.set(Permission.objects.filter(content_type__app_label="guidance"))
    return log_in_with_mfa(client, editor)


@time_machine.travel(FACT_CHECK_DAY)
def test_the_recheck_list_holds_every_fact_past_its_date(editor_client):
    Fact.objects.create(
        key="expired-rule",
        statement="A rule that held until last month.",
        source_title="A source",
        checked_on=date(2026, 11, 30),
        valid_until=date(2026, 11, 30),
        confidence="confirmed",
    )
    Fact.objects.create(
        key="fresh-rule",
        statement="A rule checked yesterday.",
        source_title="A source",
        checked_on=date(2026, 12, 3),
        confidence="confirmed",
    )

    html = editor_client.get("/admin/guidance/fact/recheck/").content.decode()

    assert "A rule that held until last month." in html
    assert "its validity has ended" in html
    assert "A rule checked yesterday." not in html
    # The CVEC's last known year ended on 31 August 2026; the health service was never
    # confirmed; facts read from sources of January 2026 are more than six months old.
    assert "CVEC" in html
    assert "never checked against its source" in html
    assert "not checked for six months" in html


@time_machine.travel(FACT_CHECK_DAY)
def test_expired_facts_come_first():
    reasons = [item.reason for item in facts_to_recheck(today=date(2026, 12, 4))]

    assert reasons == sorted(
        reasons, key=["validity-ended", "never-checked", "check-too-old"].index
    )


@time_machine.travel(FACT_CHECK_DAY)
def test_the_admin_index_counts_the_facts_to_recheck(editor_client):
    count = len(facts_to_recheck(today=date(2026, 12, 4)))

    html = editor_client.get("/admin/").content.decode()

    assert f"{count} facts to re-check" in html
    assert 'href="/admin/guidance/fact/recheck/"' in html


def test_staff_without_the_permission_see_no_count_and_no_list(client, db):
    eve = make_verified_user(email="eve@example.org", language="en", is_staff=True)
    eve_client = log_in_with_mfa(client, eve)

    assert "to re-check" not in eve_client.get("/admin/").content.decode()
    assert eve_client.get("/admin/guidance/fact/recheck/").status_code == 403
