"""The PostgreSQL runtime role (security review M2): the app must not connect as a superuser or as the
owner of its tables, since either can drop or disable the append-only triggers, TRUNCATE, or switch
``session_replication_role`` to replica.

Production runs migrations as the owner and serves as a separate role created by
``gongkai manage runtime_role NAME``: it may read and write the ordinary tables, may only SELECT and INSERT
the append-only ones, and owns nothing. ``gongkai manage check --deploy`` warns when the app connects
otherwise.
"""

from __future__ import annotations

from django.core import checks
from django.db import connections

from gongkai.core.appendonly import append_only_models


def runtime_role_sql(role: str, database: str) -> list[str]:
    """The statements that give ``role`` what the app needs, run by the owner after every migrate."""
    quoted = '"' + role.replace('"', '""') + '"'
    db = '"' + database.replace('"', '""') + '"'
    statements = [
        f"GRANT CONNECT ON DATABASE {db} TO {quoted}",
        f"GRANT USAGE ON SCHEMA public TO {quoted}",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {quoted}",
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {quoted}",
    ]
    for model in append_only_models():
        table = '"' + model._meta.db_table + '"'
        statements.append(f"REVOKE UPDATE, DELETE, TRUNCATE ON {table} FROM {quoted}")
    return statements


def _append_only_tables() -> list[str]:
    return [m._meta.db_table for m in append_only_models()]


def connection_warnings(using: str = "default") -> list[checks.CheckMessage]:
    connection = connections[using]
    if connection.vendor != "postgresql":
        return []
    warnings = []
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_user, rolsuper FROM pg_roles WHERE rolname = current_user")
        user, superuser = cursor.fetchone()
        if superuser:
            warnings.append(
                checks.Warning(
                    f"应用以超级用户 {user} 连接 PostgreSQL：超级用户可以禁用审计日志的只追加触发器。",
                    hint="用 gongkai manage runtime_role 创建不拥有表的运行角色，DATABASE_URL 改用该角色（见 docs/deploy.md）。",
                    id="gongkai.W001",
                )
            )
        tables = _append_only_tables()
        cursor.execute(
            "SELECT tablename FROM pg_tables WHERE tableowner = current_user AND tablename = ANY(%s)",
            [tables],
        )
        owned = sorted(row[0] for row in cursor.fetchall())
        if owned:
            warnings.append(
                checks.Warning(
                    f"应用以表的所有者 {user} 连接：所有者可以 TRUNCATE 或禁用触发器（{'、'.join(owned)}）。",
                    hint="迁移用所有者执行，运行时改用 gongkai manage runtime_role 创建的角色。",
                    id="gongkai.W002",
                )
            )
        cursor.execute(
            "SELECT t FROM unnest(%s::text[]) AS t WHERE to_regclass(t) IS NOT NULL AND ("
            "has_table_privilege(current_user, t, 'UPDATE') OR has_table_privilege(current_user, t, 'DELETE')"
            " OR has_table_privilege(current_user, t, 'TRUNCATE'))",
            [tables],
        )
        writable = sorted(row[0] for row in cursor.fetchall())
        if writable and not superuser and not owned:
            warnings.append(
                checks.Warning(
                    f"运行角色 {user} 对只追加的表仍有 UPDATE、DELETE 或 TRUNCATE 权限：{'、'.join(writable)}。",
                    hint="在迁移后重新执行 gongkai manage runtime_role（撤销这些权限）。",
                    id="gongkai.W003",
                )
            )
    return warnings


def check_database_role(app_configs=None, **kwargs):
    return connection_warnings()
