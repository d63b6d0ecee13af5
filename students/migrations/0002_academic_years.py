"""The first two academic years, with placeholder dates (1 September to 31 August).

Staff set the university's real dates in the admin. The year that contains the day of
installation is the current one (the later one if neither does).
"""

from datetime import date

from django.db import migrations

YEARS = [
    ("2025–2026", date(2025, 9, 1), date(2026, 8, 31)),
    ("2026–2027", date(2026, 9, 1), date(2027, 8, 31)),
]


def create_years(apps, schema_editor):
    AcademicYear = apps.get_model("students", "AcademicYear")
    today = date.today()
    current = next(
        (label for label, starts, ends in YEARS if starts <= today <= ends), YEARS[-1][0]
    )
    if AcademicYear.objects.filter(is_current=True).exists():
        current = None
    for label, starts, ends in YEARS:
        AcademicYear.objects.get_or_create(
            label=label,
            defaults={"starts_on": starts, "ends_on": ends, "is_current": label == current},
        )


class Migration(migrations.Migration):
    dependencies = [("students", "0001_initial")]

    operations = [migrations.RunPython(create_years, migrations.RunPython.noop)]
