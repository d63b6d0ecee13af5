"""The stuck-file thresholds move here from the office app, so the student's dashboard can
read them (office sits above students). Only Django's idea of the model moves: the table
keeps its name (office_stepthreshold) and its rows; office 0011 takes it out of office."""

import django.core.validators
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("students", "0007_merge_registering_anyway"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="StepThreshold",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "status",
                            models.CharField(
                                choices=[
                                    ("not-started", "Not started"),
                                    ("submitted", "Registered on the official site"),
                                    ("provisional-number", "Provisional number received"),
                                    ("missing-documents", "Missing documents requested"),
                                    ("documents-sent", "Missing documents sent"),
                                    ("validated", "Registration validated"),
                                    ("definitive-number", "Definitive number received"),
                                ],
                                max_length=30,
                                unique=True,
                                verbose_name="step",
                            ),
                        ),
                        (
                            "days",
                            models.PositiveSmallIntegerField(
                                help_text="A file at this step for longer than this counts as stuck.",
                                validators=[
                                    django.core.validators.MinValueValidator(1),
                                    django.core.validators.MaxValueValidator(730),
                                ],
                                verbose_name="days",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "stuck-file threshold",
                        "verbose_name_plural": "stuck-file thresholds",
                        "db_table": "office_stepthreshold",
                        "ordering": ["pk"],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
