from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "gongkai.portal"
    verbose_name = "公开门户"

    def ready(self) -> None:
        from gongkai.core import registry
        from gongkai.portal.columns import COLUMNS

        for column in COLUMNS:
            registry.register_portal_column(column)
