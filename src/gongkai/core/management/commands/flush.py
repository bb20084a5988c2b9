"""`flush` that respects append-only tables: refused on them, except for the test suite's flushes.

Django's TransactionTestCase (and pytest-django's live_server and transactional_db) empty every table with
this command between tests. With ``GONGKAI_FLUSH_APPEND_ONLY_TABLES`` (set only by the test configuration)
the append-only triggers are lifted for the flush and put back right after, in the same connection. Without
it, the triggers stay, so a flush of a database with events fails, as any deletion of events must.
"""

from __future__ import annotations

from django.conf import settings
from django.core.management.commands.flush import Command as DjangoFlush
from django.db import DEFAULT_DB_ALIAS, connections

from gongkai.core.appendonly import append_only_models, drop_sqlite_triggers, install_sqlite_triggers


class Command(DjangoFlush):
    def handle(self, **options):
        using = options.get("database") or DEFAULT_DB_ALIAS
        if not getattr(settings, "GONGKAI_FLUSH_APPEND_ONLY_TABLES", False):
            return super().handle(**options)
        connection = connections[using]
        tables = [m._meta.db_table for m in append_only_models()]
        existing = set(connection.introspection.table_names())
        tables = [t for t in tables if t in existing]
        if connection.vendor == "sqlite":
            drop_sqlite_triggers(using)
            try:
                return super().handle(**options)
            finally:
                install_sqlite_triggers(using)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                for table in tables:
                    cursor.execute(f'ALTER TABLE "{table}" DISABLE TRIGGER USER')
            try:
                return super().handle(**options)
            finally:
                with connection.cursor() as cursor:
                    for table in tables:
                        cursor.execute(f'ALTER TABLE "{table}" ENABLE TRIGGER USER')
        return super().handle(**options)
