"""The stuck-file thresholds now belong to the students app (students 0008): the table and
its rows stay; the content type follows, so the permissions the office's role holds on
them (view, change) keep working under their new app."""

from django.db import migrations


def move_content_type(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    old = ContentType.objects.filter(app_label="office", model="stepthreshold").first()
    if old is None:
        return
    new = ContentType.objects.filter(app_label="students", model="stepthreshold").first()
    if new is None:
        old.app_label = "students"
        old.save(update_fields=["app_label"])
        return
    # Both exist (a migration that creates permissions ran after students 0008): give the
    # groups holding the old permissions the new ones of the same name, then drop the old.
    for permission in Permission.objects.filter(content_type=old):
        twin, _created = Permission.objects.get_or_create(
            content_type=new,
            codename=permission.codename,
            defaults={"name": permission.name},
        )
        for group in permission.group_set.all():
            group.permissions.add(twin)
        for user in permission.user_set.all():
            user.user_permissions.add(twin)
    Permission.objects.filter(content_type=old).delete()
    old.delete()


def move_content_type_back(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="students", model="stepthreshold").update(
        app_label="office"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("office", "0010_grant_correct_registration"),
        ("students", "0008_step_threshold_from_office"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="StepThreshold")],
            database_operations=[],
        ),
        migrations.RunPython(move_content_type, move_content_type_back),
    ]
