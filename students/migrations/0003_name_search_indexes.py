"""Trigram indexes for the staff's search by name (PostgreSQL only; SQLite searches by scan).

The admin searches with icontains, i.e. UPPER(column::text) LIKE UPPER('%term%'): a GIN
index with pg_trgm's operator class on that same expression answers it without reading the
whole table (0.1 s to a few ms at 100 000 students; bench/README.md). pg_trgm is a trusted
extension: the database's owner may create it.
"""

from django.db import migrations

INDEXES = [
    ("profile_surname_trgm", "students_studentprofile", "legal_surname"),
    ("profile_given_names_trgm", "students_studentprofile", "legal_given_names"),
]


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, table, column in INDEXES:
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" '
            f'USING gin ((UPPER("{column}"::text)) gin_trgm_ops)'
        )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _table, _column in INDEXES:
        schema_editor.execute(f'DROP INDEX IF EXISTS "{name}"')


class Migration(migrations.Migration):
    dependencies = [("students", "0002_academic_years")]

    operations = [migrations.RunPython(create_indexes, drop_indexes, elidable=False)]
