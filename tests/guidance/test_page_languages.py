"""Guidance in Spanish, Chinese and Arabic: translated pages say what they were translated from,
untranslated ones fall back to English with a note, and the figures are the same facts."""

import re
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.translation import gettext

from guidance import markup
from guidance.models import Page, PageTranslation
from tests.guidance.conftest import CONTENT, qr_matrix_from_svg
from tests.guidance.test_estimate import line

NEW_LANGUAGES = ["es", "zh-hans", "ar"]
CODES = ["en", "fr", *NEW_LANGUAGES]
# The notes' msgids, held in constants (tests are not scanned by makemessages) and looked up
# in the reader's language: the catalogues translate them, so the English text alone would
# only be found while a catalogue is incomplete.
FALLBACK_MSGID = "This page is not available in %(wanted)s yet: here it is in %(shown)s."
TRANSLATED_MSGID = (
    "This page was translated from the %(original)s version on %(day)s. If they differ, the "
    "French version prevails."
)
# The translators' files, as data migration 0007 loaded them.
SHIPPED = {(item.slug, item.language): item for item in CONTENT}


def shipped_help(code: str):
    return SHIPPED[("help", code)]


def fallback_note_start(code: str) -> str:
    """The words of the fallback note before the language names, in the reader's language."""
    with translation.override(code):
        return gettext(FALLBACK_MSGID).split("%(wanted)s")[0]


def translated_note(code: str, text: PageTranslation) -> str:
    """The whole translation note as the reader of `code` must read it."""
    with translation.override(code):
        return gettext(TRANSLATED_MSGID) % {
            # In lower case inside the sentence, as Spanish writes "la versión en inglés".
            "original": str(text.get_translated_from_display()).lower(),
            "day": date_format(text.translated_on, "DATE_FORMAT"),
        }


def article(html: str) -> str:
    return re.search(r'<article class="col-lg-8 guide-page"[^>]*>.*?</article>', html, re.S).group(
        0
    )


@pytest.mark.parametrize("code", NEW_LANGUAGES)
def test_a_page_not_translated_yet_shows_the_english_text_with_a_note(anon, db, code):
    # Every shipped page is translated: take one translation away, as before a translator
    # delivers it.
    PageTranslation.objects.filter(page__slug="help", language=code).delete()

    response = anon.get(f"/{code}/guide/help/")

    assert response.status_code == 200
    html = response.content.decode()
    note = re.search(r'<p class="alert alert-info" role="note">(.*?)</p>', html, re.S)
    assert note, "no fallback note"
    assert fallback_note_start(code) in note.group(1)
    # In its own direction inside an Arabic page.
    assert '<article class="col-lg-8 guide-page" lang="en" dir="ltr">' in html
    assert "<h1>Getting help</h1>" in html
    assert "guide-translation-note" not in html


def test_a_page_with_only_a_french_text_is_shown_in_french_to_an_arabic_reader(anon, make_page):
    make_page("french-only", languages=("fr",))

    response = anon.get("/ar/guide/french-only/")

    assert response.status_code == 200
    assert '<article class="col-lg-8 guide-page" lang="fr" dir="ltr">' in response.content.decode()


@pytest.mark.parametrize("code", NEW_LANGUAGES)
def test_a_translated_page_says_from_which_version_when_and_that_french_prevails(anon, db, code):
    text = PageTranslation.objects.get(page__slug="help", language=code)
    assert (text.translated_from, text.translated_on) == (
        shipped_help(code).translated_from,
        shipped_help(code).translated_on,
    )

    response = anon.get(f"/{code}/guide/help/")

    html = response.content.decode()
    assert response.status_code == 200
    assert f"<h1>{escape(shipped_help(code).title)}</h1>" in html
    assert fallback_note_start(code) not in html
    note = re.search(
        r'<p class="alert[^"]*guide-translation-note" role="note">(.*?)</p>', html, re.S
    )
    assert note, "no translation note"
    # The version it was made from, the day in the reader's format, and that French prevails.
    assert translated_note(code, text) in " ".join(note.group(1).split())
    assert 'href="/fr/guide/help/" hreflang="fr" lang="fr"' in note.group(1)


@pytest.mark.parametrize(
    ("code", "day"),
    [("es", "2 de diciembre de 2026"), ("zh-hans", "2026年12月2日"), ("ar", "2 ديسمبر، 2026")],
)
def test_the_translation_note_gives_the_day_in_the_readers_format(anon, db, code, day):
    # An editor records that the translation was brought up to date on 2 December.
    PageTranslation.objects.filter(page__slug="help", language=code).update(
        translated_on=date(2026, 12, 2)
    )

    html = anon.get(f"/{code}/guide/help/").content.decode()

    note = re.search(r'guide-translation-note" role="note">(.*?)</p>', html, re.S).group(1)
    assert day in note


def test_english_and_french_pages_carry_no_translation_note(anon, db):
    for code in ("en", "fr"):
        assert "guide-translation-note" not in anon.get(f"/{code}/guide/help/").content.decode()


@pytest.mark.parametrize("code", NEW_LANGUAGES)
def test_a_translated_page_keeps_the_checked_on_date_and_the_sources(anon, db, code):
    english = anon.get("/en/guide/help/").content.decode()

    html = anon.get(f"/{code}/guide/help/").content.decode()

    checked = re.search(r'Checked on <time datetime="([\d-]+)"', english)
    assert checked, "the English page shows no check date"
    assert f'<time datetime="{checked.group(1)}"' in html
    [sources] = re.findall(r'<ul class="guide-sources">(.*?)</ul>', english, re.S)
    assert "https://" in sources and sources in html


def test_a_figure_is_the_same_fact_in_every_language(anon, make_page):
    body = "## Ceiling {#ceiling}\n\nThe CVEC is {value:cvec_amount} this year.\n"
    page = make_page("figure", languages=("en",), body=body)
    PageTranslation.objects.create(
        page=page,
        language="ar",
        title="رقم",
        summary="ملخص.",
        body="## سقف {#ceiling}\n\nمساهمة الحياة الطلابية {value:cvec_amount}.\n",
        translated_from="en",
        translated_on=date(2026, 12, 1),
    )

    english = article(anon.get("/en/guide/figure/").content.decode())
    arabic = article(anon.get("/ar/guide/figure/").content.decode())

    figure = re.compile(r"(\d[\d.,\s]*) €")
    found_en, found_ar = figure.findall(english), figure.findall(arabic)
    assert found_en and len(found_en) == len(found_ar)
    # The same amount, written with the reader's separators.
    assert [re.sub(r"\D", "", f) for f in found_ar] == [re.sub(r"\D", "", f) for f in found_en]


@pytest.mark.parametrize("code", CODES)
def test_every_page_is_reachable_in_every_language_never_empty_or_missing(anon, db, code):
    for page in Page.objects.filter(is_published=True):
        response = anon.get(f"/{code}/guide/{page.slug}/")
        assert response.status_code == 200, page.slug
        assert '<div class="guide-body">' in response.content.decode()


# --- Saving a translation (admin form, model validation) ---------------------------------


def test_a_translation_must_say_what_it_was_translated_from_and_when(db):
    # The real Arabic text, as an editor who cleared both fields would save it.
    text = PageTranslation.objects.get(page__slug="help", language="ar")
    text.translated_from, text.translated_on = "", None

    with pytest.raises(ValidationError) as refused:
        text.full_clean()

    assert {"translated_from", "translated_on"} <= set(refused.value.message_dict)


def test_a_translation_must_keep_the_english_anchors(db):
    # The real Spanish text with its first section's anchor translated by mistake.
    text = PageTranslation.objects.get(page__slug="help", language="es")
    assert "{#phone}" in text.body
    text.body = text.body.replace("{#phone}", "{#telefono}")

    with pytest.raises(ValidationError) as refused:
        text.full_clean()

    assert "phone" in " ".join(refused.value.message_dict["body"])


def test_an_english_text_is_not_a_translation(db):
    text = PageTranslation.objects.get(page__slug="help", language="en")
    text.translated_from = "fr"

    with pytest.raises(ValidationError):
        text.full_clean()


@pytest.mark.parametrize("code", NEW_LANGUAGES)
def test_a_translation_with_the_english_anchors_is_accepted(db, code):
    # The translators' own text, as the admin form validates it when an editor saves it.
    text = PageTranslation.objects.get(page__slug="help", language=code)

    text.full_clean()

    english = PageTranslation.objects.get(page__slug="help", language="en")
    assert [s["anchor"] for s in text.sections] == [s["anchor"] for s in english.sections]


# --- Sitemap, link kit, posters and QR codes in every language ----------------------------


def test_the_sitemap_lists_every_page_in_the_five_languages_with_x_default(client, db):
    xml = client.get("/sitemap.xml").content.decode()

    for code in CODES:
        assert f"<loc>http://testserver/{code}/guide/help/</loc>" in xml
        assert f'hreflang="{code}" href="http://testserver/{code}/guide/help/"' in xml
        assert f"<loc>http://testserver/{code}/estimate/</loc>" in xml
    # x-default: the address without a language, which opens in the browser's language.
    assert 'hreflang="x-default" href="http://testserver/guide/help/"' in xml
    assert client.get("/guide/help/", headers={"accept-language": "ar"})["Location"] == (
        "/ar/guide/help/"
    )


@pytest.mark.parametrize("code", CODES)
def test_the_link_kit_offers_a_poster_and_a_qr_code_per_language(anon, db, code):
    html = anon.get(f"/{code}/guide/links/").content.decode()

    for other in CODES:
        assert f'href="/{other}/guide/help/poster/" hreflang="{other}"' in html
        assert f'src="/{other}/guide/help/qr.svg"' in html
        assert f'href="/{other}/guide/links/number/poster/" hreflang="{other}"' in html


@pytest.mark.parametrize("code", NEW_LANGUAGES)
def test_a_poster_in_each_language_carries_that_languages_address(anon, db, code, settings):
    settings.PUBLIC_BASE_URL = "https://portal.example.org"

    html = anon.get(f"/{code}/guide/help/poster/").content.decode()

    assert f'<p class="poster-address">https://portal.example.org/{code}/guide/help/</p>' in html
    if code == "ar":
        assert 'dir="rtl"' in re.search(r"<html[^>]*>", html).group(0)


@pytest.mark.parametrize("code", NEW_LANGUAGES)
def test_the_qr_code_of_each_language_encodes_its_own_address(anon, db, code, settings):
    settings.PUBLIC_BASE_URL = "https://portal.example.org"
    import segno

    svg = anon.get(f"/{code}/guide/help/qr.svg").content.decode()

    expected = segno.make(f"https://portal.example.org/{code}/guide/help/", error="m")
    assert qr_matrix_from_svg(svg) == [list(row) for row in expected.matrix]


# --- Search, estimator ----------------------------------------------------------------------


@pytest.mark.parametrize("code", NEW_LANGUAGES)
def test_search_finds_a_page_in_the_language_it_is_shown_in(anon, db, code):
    html = anon.get(f"/{code}/guide/", {"q": "36 46"}).content.decode()

    assert f'href="/{code}/guide/help/"' in html


@pytest.mark.parametrize(
    ("code", "expected"),
    [("es", "19,00"), ("zh-hans", "19.00"), ("ar", "19,00"), ("en", "19.00"), ("fr", "19,00")],
)
def test_the_estimator_writes_amounts_as_the_readers_language_does(anon, db, code, expected):
    response = anon.get(f"/{code}/estimate/", {"date": "2025-06-01", "fee": "30", "gp": "yes"})

    amount = line(response, "insurance")
    assert expected in amount
    assert "€" in amount or "欧元" in amount or "يورو" in amount
    # Western digits in every language (portal/languages.py says why).
    assert not re.search("[\u0660-\u0669\u06f0-\u06f9]", amount)


@pytest.mark.parametrize("code", NEW_LANGUAGES)
def test_the_estimator_reads_a_fee_typed_with_a_comma_or_a_dot(anon, db, code):
    for fee in ("30,00", "30.00"):
        response = anon.get(f"/{code}/estimate/", {"date": "2025-06-01", "fee": fee, "gp": "no"})
        assert line(response, "insurance").startswith("7")


def test_sections_of_a_stub_translation_render_with_their_anchors():
    body = "## 电话 {#phone}\n\n文本。\n"

    assert 'id="phone"' in markup.render(body)


@pytest.mark.parametrize(
    ("code", "query"),
    [
        # Words of the translated help page's body that neither its English nor its French
        # text has. Chinese is written without spaces: 顾问 is found inside a longer run.
        ("es", "asesor"),
        ("zh-hans", "顾问"),
        ("ar", "مستشار"),
    ],
)
def test_search_finds_a_word_of_a_translated_page(anon, db, code, query):
    assert query in shipped_help(code).body
    assert query not in shipped_help("en").body + shipped_help("fr").body

    html = anon.get(f"/{code}/guide/", {"q": query}).content.decode()

    results = html.split('id="results-heading"')[1].split("</section>")[0]
    assert f'href="/{code}/guide/help/"' in results
    assert escape(shipped_help(code).title) in results
