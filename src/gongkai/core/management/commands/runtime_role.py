"""`gongkai manage runtime_role NAME [--apply]`: the PostgreSQL role the app should run as.

Prints the GRANT/REVOKE statements (or runs them with --apply, as the owner, after every migrate): the
role may use every ordinary table, may only read and append to the append-only ones, and owns nothing.
Create the role itself first (`CREATE ROLE NAME LOGIN PASSWORD '…'`).
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from gongkai.core.dbroles import runtime_role_sql


class Command(BaseCommand):
    help = "生成（或执行）PostgreSQL 运行角色的授权语句：不拥有任何表，只追加的表只能查询和插入"

    def add_arguments(self, parser):
        parser.add_argument("role", help="运行角色名")
        parser.add_argument("--apply", action="store_true", help="直接执行（以表的所有者身份）")

    def handle(self, *args, role, apply, **options):
        if connection.vendor != "postgresql":
            raise CommandError("运行角色只适用于 PostgreSQL（当前数据库是 SQLite）")
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [role])
            if cursor.fetchone() is None:
                raise CommandError(f"角色 {role} 不存在，请先执行 CREATE ROLE {role} LOGIN PASSWORD '…'")
        statements = runtime_role_sql(role, connection.settings_dict["NAME"])
        if not apply:
            for statement in statements:
                self.stdout.write(statement + ";")
            return
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
        self.stdout.write(f"已为角色 {role} 授权（{len(statements)} 条语句）。")
