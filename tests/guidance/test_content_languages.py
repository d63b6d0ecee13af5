"""Translated content files (<slug>.es.md, .zh-hans.md, .ar.md): their front matter, their
anchors, and their loading by the data migration and by load_guidance_content."""

import importlib
import io
import shutil
from datetime import date

import pytest
from django.apps import apps
from django.core.management import call_command

from guidance import content
from guidance.models import Page, PageTranslation

HELP_ANCHORS = ["phone", "official-site", "international-office"]
FRONT = (
    "---\nslug: help\ntitle: {title}\nsummary: Resumen.\naudience: everyone\norder: 80\n"
    "updated_on: 2026-12-03\nsources:\n  - title: ameli.fr\n    url: https://www.ameli.fr\n"
    "{extra}---\n"
)


def stub(
    directory,
    language="es",
    *,
    title="Obtener ayuda",
    extra="translated_from: en\ntranslated_on: 2026-12-02\n",
    anchors=None,
):
    """A translator's file, as small as it can be, beside copies of the shipped files."""
    sections = "".join(f"## Sección {a} {{#{a}}}\n\nTexto.\n\n" for a in anchors or HELP_ANCHORS)
    path = directory / f"help.{language}.md"
    path.write_text(FRONT.format(title=title, extra=extra) + sections, encoding="utf-8")
    return path


@pytest.fixture
def content_dir(tmp_path, monkeypatch):
    """A copy of guidance/content/, which the loader and the migrations then read."""
    folder = tmp_path / "content"
    shutil.copytree(content.CONTENT_DIR, folder)
    monkeypatch.setattr(content, "CONTENT_DIR", folder)
    return folder


def test_a_translation_file_gives_its_original_and_its_day(tmp_path):
    item = content.parse(stub(tmp_path, "zh-hans"))

    assert item.language == "zh-hans"
    assert item.translated_from == "en"
    assert item.translated_on == date(2026, 12, 2)


@pytest.mark.parametrize(
    "extra",
    [
        "",  # neither key
        "translated_from: en\n",  # no day
        "translated_on: 2026-12-02\n",  # no original
        "translated_from: es\ntranslated_on: 2026-12-02\n",  # from another translation
        "translated_from: en\ntranslated_on: soon\n",  # not a date
    ],
)
def test_a_translation_file_without_a_proper_origin_is_refused(tmp_path, extra):
    with pytest.raises(content.ContentError):
        content.parse(stub(tmp_path, "ar", extra=extra))


def test_an_english_or_french_file_is_not_a_translation(tmp_path):
    with pytest.raises(content.ContentError):
        content.parse(stub(tmp_path, "fr"))


def test_a_file_in_a_language_the_portal_does_not_offer_is_refused(tmp_path):
    with pytest.raises(content.ContentError, match="not one of the portal's languages"):
        content.parse(stub(tmp_path, "de"))


def test_a_translation_whose_anchors_differ_from_the_english_page_is_refused(content_dir):
    stub(content_dir, "es", anchors=["phone", "official-site", "oficina"])

    with pytest.raises(content.ContentError, match="international-office"):
        content.read_all()


def shipped(slug: str, language: str) -> content.ContentFile:
    """The translator's file in guidance/content/, as data migration 0007 loaded it."""
    [item] = [i for i in content.read_all() if (i.slug, i.language) == (slug, language)]
    return item


def test_the_migration_loads_a_translation_missing_from_the_database(db):
    # A database where the Arabic help page is missing (a file the migration had not seen).
    PageTranslation.objects.filter(page__slug="help", language="ar").delete()
    migration = importlib.import_module("guidance.migrations.0007_load_translated_content")

    migration.load_content(apps, None)

    text = PageTranslation.objects.get(page__slug="help", language="ar")
    item = shipped("help", "ar")
    assert text.title == item.title
    assert text.body == item.body
    assert (text.translated_from, text.translated_on) == (item.translated_from, item.translated_on)
    assert [section["anchor"] for section in text.sections] == HELP_ANCHORS
    assert 'id="phone"' in text.body_html


def test_the_first_content_migration_leaves_translations_to_the_later_one(db):
    PageTranslation.objects.all().delete()
    Page.objects.all().delete()
    migration = importlib.import_module("guidance.migrations.0003_load_content")

    migration.load_content(apps, None)

    assert not PageTranslation.objects.exclude(language__in=("en", "fr")).exists()
    assert PageTranslation.objects.filter(language="fr").exists()


def test_the_migration_keeps_a_translation_an_editor_changed(db):
    PageTranslation.objects.filter(page__slug="help", language="es").update(title="Editado")
    # A missing text beside it, which shows the migration did run.
    PageTranslation.objects.filter(page__slug="help", language="zh-hans").delete()
    migration = importlib.import_module("guidance.migrations.0007_load_translated_content")

    migration.load_content(apps, None)

    assert PageTranslation.objects.get(page__slug="help", language="es").title == "Editado"
    assert PageTranslation.objects.get(page__slug="help", language="zh-hans").title == (
        shipped("help", "zh-hans").title
    )


def test_load_guidance_content_with_update_puts_the_translation_back(db):
    PageTranslation.objects.filter(page__slug="help", language="es").update(
        title="Editado", translated_from="fr", translated_on=date(2020, 1, 1)
    )

    call_command("load_guidance_content", "--update", stdout=io.StringIO())

    text = PageTranslation.objects.get(page__slug="help", language="es")
    item = shipped("help", "es")
    assert text.title == item.title
    assert (text.translated_from, text.translated_on) == (item.translated_from, item.translated_on)


def test_a_translated_file_shows_on_the_site_after_loading(
    client, db, django_capture_on_commit_callbacks
):
    PageTranslation.objects.filter(page__slug="help", language="es").delete()
    # The English fallback, which is now in the page cache.
    assert "guide-translation-note" not in client.get("/es/guide/help/").content.decode()

    # The command's transaction commits, which makes every cached page stale.
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_guidance_content", stdout=io.StringIO())

    html = client.get("/es/guide/help/").content.decode()
    assert f"<h1>{shipped('help', 'es').title}</h1>" in html
    assert "guide-translation-note" in html
