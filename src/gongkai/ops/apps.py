from django.apps import AppConfig
from django.db.models.signals import post_migrate


def create_cache_table(sender, using, verbosity=1, **kwargs) -> None:
    """The database cache table (settings.CACHES) after every migrate: idempotent, so demo, serve and every
    upgrade get it without a separate step."""
    from django.core.management import call_command

    call_command("createcachetable", database=using, verbosity=0)


class OpsConfig(AppConfig):
    name = "gongkai.ops"
    label = "ops"
    verbose_name = "运行维护"

    def ready(self) -> None:
        post_migrate.connect(create_cache_table, sender=self, dispatch_uid="gongkai.ops.create_cache_table")
