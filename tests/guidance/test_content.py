"""The content shipped in guidance/content/ and its loading by the data migration."""

from datetime import date

import pytest

from guidance import content, markup
from guidance.models import Audience, Page, PageTranslation
from tests.guidance.conftest import CONTENT, CONTENT_SLUGS

# Anchors other parts of the portal and printed posters rely on (HELPERS.md).
PROMISED_ANCHORS = {
    "how-health-insurance-works": [
        "cpam", "what-is-reimbursed", "ticket-moderateur", "participation-forfaitaire"
    ],
    "eu-students": ["with-ehic", "without-ehic", "s1-form", "documents"],
    "care-with-ehic": ["public-facility", "private-practice", "what-to-send", "card-expiry"],
    "register-outside-eu": [
        "register", "documents", "provisional-number", "missing-documents", "validation",
        "definitive-number", "ameli-account", "carte-vitale",
    ],
    "your-number": ["structure", "provisional", "definitive", "keep-it-safe"],
    "better-reimbursement": [
        "complementary-insurance", "css", "private-insurance", "declare-a-gp", "sectors",
        "example",
    ],
    "campus-health-service": ["consultations", "mental-health", "gp-at-the-sse", "contact"],
    "help": ["phone", "official-site", "international-office"],
    "glossary": ["terms"],
}  # fmt: skip


def test_every_page_exists_in_english_and_french():
    # English and French are complete; a translation (es, zh-hans, ar) may come page by page,
    # but only of a page written in English and French. Its anchors are checked by
    # test_anchors_are_the_same_in_every_language..., its origin by test_every_file_is_well_formed.
    assert sorted(PROMISED_ANCHORS) == CONTENT_SLUGS
    written = {(item.slug, item.language) for item in CONTENT if item.language in ("en", "fr")}
    assert written == {(slug, language) for slug in PROMISED_ANCHORS for language in ("en", "fr")}


@pytest.mark.parametrize("item", CONTENT, ids=lambda item: item.path.name)
def test_every_file_is_well_formed(item):
    assert markup.body_problems(item.body) == []
    assert item.audience in Audience.values
    assert item.title and item.summary
    assert item.sources
    assert all(source["url"].startswith("https://") for source in item.sources)
    if item.language in ("en", "fr"):
        assert (item.translated_from, item.translated_on) == ("", None)
    else:
        # Which written text it follows, and since when: the page's translation note says so.
        assert item.translated_from in ("en", "fr")
        assert item.translated_on is not None
        assert item.translated_on <= date.today(), "a translation dated in the future"


@pytest.mark.parametrize("slug", CONTENT_SLUGS)
def test_anchors_are_the_same_in_every_language_and_keep_their_promises(slug):
    anchors = {
        item.language: [section.anchor for section in markup.sections(item.body)]
        for item in CONTENT
        if item.slug == slug
    }

    assert anchors["en"] == anchors["fr"]
    assert set(PROMISED_ANCHORS[slug]) <= set(anchors["en"])
    for language, found in anchors.items():
        assert sorted(found) == sorted(anchors["en"]), language


def test_the_migration_loaded_every_file(db):
    for item in CONTENT:
        text = PageTranslation.objects.get(page__slug=item.slug, language=item.language)
        assert text.title == item.title
        assert text.body == item.body
        assert text.sources == item.sources
        assert [s["anchor"] for s in text.sections] == [
            s.anchor for s in markup.sections(item.body)
        ]
        assert text.body_html == markup.render(item.body)


def test_loading_again_changes_nothing_and_keeps_editors_changes(db):
    text = PageTranslation.objects.get(page__slug="help", language="en")
    text.title = "Edited by an editor"
    text.save()

    written = content.load(page_model=Page, translation_model=PageTranslation)

    assert written == 0
    assert PageTranslation.objects.count() == len(CONTENT)
    text.refresh_from_db()
    assert text.title == "Edited by an editor"


def test_loading_with_update_puts_the_files_back(db):
    PageTranslation.objects.filter(page__slug="help", language="en").update(title="Edited")

    content.load(page_model=Page, translation_model=PageTranslation, update=True)

    assert PageTranslation.objects.get(page__slug="help", language="en").title == "Getting help"


def test_loading_into_an_empty_database_creates_every_page(db):
    PageTranslation.objects.all().delete()
    Page.objects.all().delete()

    written = content.load(page_model=Page, translation_model=PageTranslation)

    assert written == len(CONTENT)
    assert Page.objects.count() == len(CONTENT_SLUGS)


def test_a_file_without_front_matter_is_refused(tmp_path):
    path = tmp_path / "broken.en.md"
    path.write_text("## No front matter {#x}\n")

    with pytest.raises(content.ContentError):
        content.parse(path)


def test_a_file_whose_slug_does_not_match_its_name_is_refused(tmp_path):
    path = tmp_path / "one.en.md"
    path.write_text(
        "---\nslug: two\ntitle: T\nsummary: S\naudience: everyone\norder: 1\n"
        "updated_on: 2026-01-01\nsources: []\n---\nBody\n"
    )

    with pytest.raises(content.ContentError):
        content.parse(path)
