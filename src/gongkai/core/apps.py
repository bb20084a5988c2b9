from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "gongkai.core"
    label = "core"
    verbose_name = "平台基础"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from gongkai.core.appendonly import install_sqlite_triggers

        # After every migrate (the test database's too): SQLite triggers for every append-only table.
        post_migrate.connect(install_sqlite_triggers, dispatch_uid="gongkai.core.sqlite_append_only")
