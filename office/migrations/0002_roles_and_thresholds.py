"""Staff roles (groups) and the default stuck-file thresholds.

Roles (least privilege, SECURITY.md row 18). Nobody but a superuser deletes anything, and
neither role manages users, groups or permissions:

- "International office": view and change students' files, review documents, record
  registration steps, message students, export to CSV. Full social-security numbers are
  not included: grant `office.view_full_number` to a named person when their work needs it.
- "Guidance editor": the guidance pages, their texts, old addresses and tariffs only.

Permissions are created by Django after all migrations have run, so this migration creates
the ones it needs first. A new model or permission later needs its own data migration.

The thresholds are proposals (days at a step before the office looks at a file); staff
change them in the admin, under "Stuck-file thresholds".
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

INTERNATIONAL_OFFICE = "International office"
GUIDANCE_EDITOR = "Guidance editor"

ROLES = {
    INTERNATIONAL_OFFICE: {
        "office": [
            "view_student",
            "change_student",
            "record_event",
            "export_student",
            "view_pendingdocument",
            "view_stepthreshold",
            "change_stepthreshold",
        ],
        "students": [
            "view_studentprofile",
            "change_studentprofile",
            "view_registration",
            "change_registration",
            "view_registrationevent",
            "view_academicyear",
            "add_academicyear",
            "change_academicyear",
        ],
        "documents": [
            "view_document",
            "review_document",
            "view_documentversion",
            "view_documentpage",
            "view_reviewdecision",
            "view_rejectionreason",
            "add_rejectionreason",
            "change_rejectionreason",
        ],
        "messaging": ["view_message", "add_message"],
        "notifications": ["view_notice"],
    },
    GUIDANCE_EDITOR: {
        "guidance": [
            f"{action}_{model}"
            for model in ["page", "pagetranslation", "slugredirect", "tariff"]
            for action in ["view", "add", "change"]
        ],
    },
}

THRESHOLDS = [
    ("not-started", 30),
    ("submitted", 21),
    ("provisional-number", 60),
    ("missing-documents", 14),
    ("documents-sent", 30),
    ("validated", 90),
]


def create_roles(apps, schema_editor):
    for app_config in apps.get_app_configs():
        # create_permissions skips apps without a models module; the migration state's
        # app configs have none, hence this well-known workaround.
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, by_app in ROLES.items():
        group, _created = Group.objects.get_or_create(name=name)
        permissions = []
        for app_label, codenames in by_app.items():
            found = list(
                Permission.objects.filter(
                    content_type__app_label=app_label, codename__in=codenames
                )
            )
            missing = set(codenames) - {permission.codename for permission in found}
            if missing:
                raise RuntimeError(f"{name}: permissions not found: {sorted(missing)}")
            permissions.extend(found)
        group.permissions.set(permissions)


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=list(ROLES)).delete()


def create_thresholds(apps, schema_editor):
    StepThreshold = apps.get_model("office", "StepThreshold")
    for status, days in THRESHOLDS:
        StepThreshold.objects.get_or_create(status=status, defaults={"days": days})


class Migration(migrations.Migration):
    dependencies = [
        ("office", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("students", "0002_academic_years"),
        ("documents", "0002_rejection_reasons"),
        ("guidance", "0003_load_content"),
        ("messaging", "0001_initial"),
        ("notifications", "0002_alter_notice_kind"),
    ]

    operations = [
        migrations.RunPython(create_roles, remove_roles),
        migrations.RunPython(create_thresholds, migrations.RunPython.noop),
    ]
