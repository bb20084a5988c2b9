"""Append-only tables: the audit trail and the apps' event tables (security review M2).

One base class gives a model every guard, so a later event table is append-only in one line::

    class ApplicationEvent(AppendOnlyModel):
        class Meta(AppendOnlyModel.Meta):
            triggers = append_only_triggers()

In the application (both databases): the default *and* base manager refuse ``update``, ``delete``,
``bulk_update``, the private ``_update`` and ``_raw_delete`` Django itself uses, and upserts
(``bulk_create(update_conflicts=True)``); an instance refuses ``save`` unless it is a new row, ``delete``,
raw saves (``save_base(raw=True)``, which is what ``loaddata`` calls) and the UPDATE Django tries when a
row is saved with a primary key set (``_state.adding = True`` on an existing event).

In the database: on PostgreSQL, triggers refuse UPDATE and DELETE of rows and TRUNCATE of the table
(``append_only_triggers``, django-pgtrigger, in the model's migrations); on SQLite, ``BEFORE UPDATE`` and
``BEFORE DELETE`` triggers, installed after every ``migrate`` for every append-only model
(``install_sqlite_triggers``). SQLite has no TRUNCATE.

The test suite's flushes (TransactionTestCase, live_server) empty every table between tests. Only the
project's ``flush`` command may lift the triggers for that, and only when the setting
``GONGKAI_FLUSH_APPEND_ONLY_TABLES`` is True, which the test configuration alone sets. Anywhere else a flush
of an append-only table is refused like any other deletion.
"""

from __future__ import annotations

import pgtrigger
from django.apps import apps
from django.db import connections, models

from gongkai.core.triggers import append_only


class AppendOnlyError(Exception):
    """Any attempt to change or delete a row of an append-only table."""


CHANGE_REFUSED = "只能追加，不可修改"
DELETE_REFUSED = "只能追加，不可删除"


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError(f"{self.model._meta.verbose_name}{CHANGE_REFUSED}")

    def _update(self, values):
        raise AppendOnlyError(f"{self.model._meta.verbose_name}{CHANGE_REFUSED}")

    def delete(self):
        raise AppendOnlyError(f"{self.model._meta.verbose_name}{DELETE_REFUSED}")

    def _raw_delete(self, using):
        raise AppendOnlyError(f"{self.model._meta.verbose_name}{DELETE_REFUSED}")

    def bulk_update(self, objs, fields, batch_size=None):
        raise AppendOnlyError(f"{self.model._meta.verbose_name}{CHANGE_REFUSED}")

    def update_or_create(self, defaults=None, create_defaults=None, **kwargs):
        raise AppendOnlyError(f"{self.model._meta.verbose_name}{CHANGE_REFUSED}")

    def bulk_create(self, objs, *args, update_conflicts=False, **kwargs):
        if update_conflicts or kwargs.get("ignore_conflicts"):
            raise AppendOnlyError(f"{self.model._meta.verbose_name}{CHANGE_REFUSED}")
        return super().bulk_create(objs, *args, **kwargs)


class AppendOnlyModel(models.Model):
    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True
        # Django's own saves and related deletions go through the base manager: guard it too.
        base_manager_name = "objects"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError(f"{self._meta.verbose_name}{CHANGE_REFUSED}")
        super().save(*args, **kwargs)

    def save_base(self, *args, raw=False, **kwargs):
        if raw:  # loaddata: it would overwrite an existing row with the same primary key
            raise AppendOnlyError(f"{self._meta.verbose_name}{CHANGE_REFUSED}（不能用 loaddata 导入）")
        return super().save_base(*args, raw=raw, **kwargs)

    def _do_update(self, *args, **kwargs):
        # Reached when a row is saved with its primary key set: Django tries an UPDATE first.
        raise AppendOnlyError(f"{self._meta.verbose_name}{CHANGE_REFUSED}")

    def delete(self, *args, **kwargs):
        raise AppendOnlyError(f"{self._meta.verbose_name}{DELETE_REFUSED}")


def append_only_triggers() -> list[pgtrigger.Trigger]:
    """PostgreSQL triggers for an append-only table: rows (UPDATE, DELETE) and the table (TRUNCATE)."""
    return [
        append_only(),
        pgtrigger.Trigger(
            name="append_only_truncate",
            when=pgtrigger.Before,
            operation=pgtrigger.Truncate,
            level=pgtrigger.Statement,
            func=(
                "RAISE EXCEPTION '% is append-only (TRUNCATE refused)', TG_TABLE_NAME "
                "USING ERRCODE = 'insufficient_privilege';"
            ),
        ),
    ]


def append_only_models() -> list[type[models.Model]]:
    return [m for m in apps.get_models() if issubclass(m, AppendOnlyModel)]


def _sqlite_trigger_sql(table: str) -> list[str]:
    return [
        f'CREATE TRIGGER IF NOT EXISTS "{table}_append_only_{op.lower()}" BEFORE {op} ON "{table}" '
        f"BEGIN SELECT RAISE(ABORT, '{table} is append-only ({op} refused)'); END"
        for op in ("UPDATE", "DELETE")
    ]


def install_sqlite_triggers(using: str = "default", **kwargs) -> None:
    """Create the SQLite triggers of every append-only model (idempotent; a post_migrate receiver)."""
    connection = connections[using]
    if connection.vendor != "sqlite":
        return
    tables = set(connection.introspection.table_names())
    with connection.cursor() as cursor:
        for model in append_only_models():
            if model._meta.db_table in tables:
                for sql in _sqlite_trigger_sql(model._meta.db_table):
                    cursor.execute(sql)


def drop_sqlite_triggers(using: str = "default") -> None:
    connection = connections[using]
    with connection.cursor() as cursor:
        for model in append_only_models():
            for op in ("update", "delete"):
                cursor.execute(f'DROP TRIGGER IF EXISTS "{model._meta.db_table}_append_only_{op}"')
