"""The append-only trigger moves from hand-written SQL (0002) to django-pgtrigger, declared on the model.

The old trigger and function are dropped first (PostgreSQL only; SQLite never had them)."""

import pgtrigger.compiler
import pgtrigger.migrations
from django.db import migrations

DROP_OLD = """
DROP TRIGGER IF EXISTS audit_auditevent_append_only ON audit_auditevent;
DROP FUNCTION IF EXISTS gongkai_audit_append_only();
"""


def drop_old_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP_OLD, params=None)


def restore_old_trigger(apps, schema_editor):
    from importlib import import_module

    import_module("gongkai.audit.migrations.0002_append_only_trigger").create_trigger(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0004_alter_auditevent_action"),
    ]

    operations = [
        migrations.RunPython(drop_old_trigger, restore_old_trigger),
        pgtrigger.migrations.AddTrigger(
            model_name="auditevent",
            trigger=pgtrigger.compiler.Trigger(
                name="append_only",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func="RAISE EXCEPTION '% rows are append-only (% refused)', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';",
                    hash="7ca880f265fedef441b6cf459a92660668e3664e",
                    operation="UPDATE OR DELETE",
                    pgid="pgtrigger_append_only_00dfa",
                    table="audit_auditevent",
                    when="BEFORE",
                ),
            ),
        ),
    ]
