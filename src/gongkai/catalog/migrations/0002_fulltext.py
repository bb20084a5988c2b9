"""The engine-specific half of the search index (see gongkai.catalog.models.search)."""

from django.db import migrations

SQLITE = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS catalog_fts USING fts5(title, body, tokenize = 'unicode61')",
]
SQLITE_DROP = ["DROP TABLE IF EXISTS catalog_fts"]
POSTGRES = [
    "ALTER TABLE catalog_searchdocument ADD COLUMN tsv tsvector GENERATED ALWAYS AS ("
    "setweight(to_tsvector('simple', title_tokens), 'A') || setweight(to_tsvector('simple', body_tokens), 'B')"
    ") STORED",
    "CREATE INDEX catalog_search_tsv ON catalog_searchdocument USING gin (tsv)",
]
POSTGRES_DROP = [
    "DROP INDEX IF EXISTS catalog_search_tsv",
    "ALTER TABLE catalog_searchdocument DROP COLUMN tsv",
]


def _run(statements):
    def run(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        chosen = statements.get(vendor, [])
        for sql in chosen:
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("catalog", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE, "postgresql": POSTGRES}),
            _run({"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP}),
        )
    ]
