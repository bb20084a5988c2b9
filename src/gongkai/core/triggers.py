"""Database triggers shared by the apps' event tables (django-pgtrigger; PostgreSQL only, SQLite has none).

class ApplicationEvent(models.Model):
    class Meta:
        triggers = [append_only()]   # then `makemigrations`
"""

from __future__ import annotations

import pgtrigger


def append_only(name: str = "append_only") -> pgtrigger.Trigger:
    """Refuse UPDATE and DELETE of the table's rows in the database itself, so a raw SQL session or a bug
    that bypasses the ORM cannot rewrite history. TRUNCATE (test flushes) is not a row operation."""
    return pgtrigger.Trigger(
        name=name,
        when=pgtrigger.Before,
        operation=pgtrigger.Update | pgtrigger.Delete,
        level=pgtrigger.Row,
        func=(
            "RAISE EXCEPTION '% rows are append-only (% refused)', TG_TABLE_NAME, TG_OP "
            "USING ERRCODE = 'insufficient_privilege';"
        ),
    )
