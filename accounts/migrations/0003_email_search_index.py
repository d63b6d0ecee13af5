"""Trigram index for the staff's search by e-mail address (PostgreSQL only; SQLite scans).

The admin searches with icontains, i.e. UPPER(column::text) LIKE UPPER('%term%'): a GIN
index with pg_trgm's operator class on that same expression answers it without reading the
whole table (0.1 s to a few ms at 100 000 students; bench/README.md). pg_trgm is a trusted
extension: the database's owner may create it.
"""

from django.db import migrations

INDEXES = [
    ("user_email_trgm", "accounts_user", "email"),
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
    dependencies = [("accounts", "0002_user_receive_reminders")]

    operations = [migrations.RunPython(create_indexes, drop_indexes, elidable=False)]
