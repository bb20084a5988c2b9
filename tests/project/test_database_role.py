"""The PostgreSQL runtime role (security review M2): `check --deploy` warns when the app connects as a
superuser or as the owner of its tables, and `runtime_role` gives a role that can append to the audit
trail but not change, delete or truncate it. On SQLite there is no role to check."""

from __future__ import annotations

import os
import secrets

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from gongkai.core.dbroles import connection_warnings, runtime_role_sql


def test_runtime_role_statements_revoke_changes_on_append_only_tables():
    statements = runtime_role_sql("gongkai_app", "gongkai")
    assert statements[0] == 'GRANT CONNECT ON DATABASE "gongkai" TO "gongkai_app"'
    assert 'REVOKE UPDATE, DELETE, TRUNCATE ON "audit_auditevent" FROM "gongkai_app"' in statements
    # Revokes come after the blanket grant, or the grant would give the rights back.
    grant = statements.index(
        'GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO "gongkai_app"'
    )
    assert grant < statements.index(
        'REVOKE UPDATE, DELETE, TRUNCATE ON "audit_auditevent" FROM "gongkai_app"'
    )


@pytest.mark.django_db(transaction=True)
def test_connection_as_owner_warns_and_runtime_role_is_clean():
    if connection.vendor != "postgresql":
        assert connection_warnings() == []
        with pytest.raises(CommandError, match="只适用于 PostgreSQL"):
            call_command("runtime_role", "gongkai_app")
        return
    import psycopg

    ids = {w.id for w in connection_warnings()}
    with connection.cursor() as cursor:
        cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        superuser = cursor.fetchone()[0]
    assert "gongkai.W002" in ids  # the suite connects as the owner of the tables it migrated
    assert ("gongkai.W001" in ids) == superuser
    role, password = f"gongkai_rt_{os.getpid()}", secrets.token_urlsafe(16)
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE ROLE {role} LOGIN PASSWORD %s", [password])
    try:
        with pytest.raises(CommandError, match="不存在"):
            call_command("runtime_role", role + "_missing", "--apply")
        call_command("runtime_role", role, "--apply")
        settings = connection.settings_dict
        dsn = dict(
            host=settings["HOST"] or "127.0.0.1", port=settings["PORT"] or 5432, dbname=settings["NAME"]
        )
        with psycopg.connect(**dsn, user=role, password=password, autocommit=True) as runtime:
            runtime.execute(
                "INSERT INTO audit_auditevent (created_at, actor_username, user_agent, action, object_type,"
                " object_id, object_repr, changes) VALUES (now(), 'rt', '', 'test.appended', '', '', '', '{}')"
            )
            for statement in (
                "UPDATE audit_auditevent SET actor_username = 'forged'",
                "DELETE FROM audit_auditevent",
                "TRUNCATE audit_auditevent",
                "ALTER TABLE audit_auditevent DISABLE TRIGGER USER",
                "SET session_replication_role = replica",
            ):
                with pytest.raises(psycopg.errors.InsufficientPrivilege):
                    runtime.execute(statement)
            count = runtime.execute("SELECT count(*) FROM audit_auditevent WHERE action = 'test.appended'")
            assert count.fetchone()[0] == 1
            # The same checks, asked as the runtime role: nothing to warn about.
            cur = runtime.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
            assert cur.fetchone()[0] is False
            cur = runtime.execute(
                "SELECT has_table_privilege(current_user, 'audit_auditevent', 'UPDATE'),"
                " has_table_privilege(current_user, 'audit_auditevent', 'TRUNCATE'),"
                " has_table_privilege(current_user, 'organs_organ', 'UPDATE')"
            )
            assert cur.fetchone() == (False, False, True)
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"DROP OWNED BY {role}")
            cursor.execute(f"DROP ROLE {role}")
