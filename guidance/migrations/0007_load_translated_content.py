"""Every content file not yet in the database: the Spanish, Chinese and Arabic pages.

Like 0003, it only creates missing texts (an editor's change is never overwritten), so the
translators' files load on a fresh database and on one that has run 0003 already. Files added
later still need `manage.py load_guidance_content` (a migration runs once).
"""

from django.db import migrations


def load_content(apps, schema_editor):
    from guidance import content

    content.load(
        page_model=apps.get_model("guidance", "Page"),
        translation_model=apps.get_model("guidance", "PageTranslation"),
    )


class Migration(migrations.Migration):
    dependencies = [("guidance", "0006_languages")]

    operations = [migrations.RunPython(load_content, migrations.RunPython.noop)]
