"""The guidance pages shipped in guidance/content/, so that a fresh install has them.

Safe to run again: pages and texts that exist are left as they are (editors' changes win).
Later content changes are loaded with `manage.py load_guidance_content --update`.
"""

from django.db import migrations


def load_content(apps, schema_editor):
    from guidance import content

    # English and French only: this model has no translation fields yet; the other
    # languages' files are loaded by 0007_load_translated_content.
    content.load(
        page_model=apps.get_model("guidance", "Page"),
        translation_model=apps.get_model("guidance", "PageTranslation"),
        languages_=("en", "fr"),
    )


class Migration(migrations.Migration):
    dependencies = [("guidance", "0002_load_tariffs")]

    operations = [migrations.RunPython(load_content, migrations.RunPython.noop)]
