"""The migration path from Django's built-in `auth.User` to `accounts.User`.

Databases created before the custom user model hold their users in `auth_user`, and their migration
history has `auth` but not `accounts`. `accounts.User` keeps the same table, columns and many-to-many tables
(`auth_user_groups`, `auth_user_user_permissions`), so nothing needs copying: adoption only

1. records `accounts.0001_initial` as applied (its table exists already), and
2. moves the user content type from `auth` to `accounts`, so permissions and admin history follow.

`gongkai manage migrate` (our `migrate` command) runs it before Django's consistency check, which would
otherwise refuse a history where `admin`, `organs` and `audit` were applied before `accounts`.
"""

from __future__ import annotations

from django.db.migrations.recorder import MigrationRecorder

INITIAL = ("accounts", "0001_initial")


def adopt_legacy_auth_user(connection) -> bool:
    """Adopt a legacy `auth_user` table; returns True if this database needed it (idempotent)."""
    tables = set(connection.introspection.table_names())
    if MigrationRecorder.Migration._meta.db_table not in tables or "auth_user" not in tables:
        return False
    recorder = MigrationRecorder(connection)
    applied = recorder.applied_migrations()
    if INITIAL in applied or ("auth", "0001_initial") not in applied:
        return False
    with connection.cursor() as cursor:
        if "django_content_type" in tables:
            cursor.execute(
                "UPDATE django_content_type SET app_label = %s WHERE app_label = %s AND model = %s",
                ["accounts", "auth", "user"],
            )
    recorder.record_applied(*INITIAL)
    return True
