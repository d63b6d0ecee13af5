"""The international office may move a file back to an earlier step and correct a recorded
number (issue 13), each with a reason the student sees. A permission of its own, so that a
role without it can be made; the office's role gets it."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

INTERNATIONAL_OFFICE = "International office"
CODENAME = "correct_registration"


def grant(apps, schema_editor):
    app_config = apps.get_app_config("office")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=INTERNATIONAL_OFFICE).first()
    if group is None:
        return
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="office", codename=CODENAME)
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=INTERNATIONAL_OFFICE).first()
    if group is not None:
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="office", codename=CODENAME)
        )


class Migration(migrations.Migration):
    dependencies = [("office", "0009_correct_registration_permission")]

    operations = [migrations.RunPython(grant, revoke)]
