"""Guidance editors keep the facts and the health service's details up to date too."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GUIDANCE_EDITOR = "Guidance editor"
CODENAMES = [
    "view_fact",
    "add_fact",
    "change_fact",
    "view_healthservice",
    "change_healthservice",
]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("guidance")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=GUIDANCE_EDITOR).first()
    if group is None:
        return
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="guidance", codename__in=CODENAMES)
    )


class Migration(migrations.Migration):
    dependencies = [
        ("office", "0003_number_access_account_id"),
        ("guidance", "0005_facts_dated_values_health_service"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
