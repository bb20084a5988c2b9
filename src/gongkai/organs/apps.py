from django.apps import AppConfig


class OrgansConfig(AppConfig):
    name = "gongkai.organs"
    verbose_name = "机关与人员"

    def ready(self) -> None:
        from gongkai.core import registry
        from gongkai.organs import api, demo, permissions
        from gongkai.organs.verbs import VERBS

        registry.register_audit_verbs(VERBS)
        registry.register_permissions("organs", permissions.predicate)
        registry.register_demo_loader("organs", demo.load_organs_and_accounts, order=10)
        registry.register_api_router("organs", api.router)
