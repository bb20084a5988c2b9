from django.apps import AppConfig


class ExtensionConfig(AppConfig):
    name = "tests.extension_app"
    label = "extension"
    verbose_name = "工作备忘（测试扩展）"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from tests.extension_app import api, demo, permissions, urls
        from tests.extension_app.verbs import VERBS

        from gongkai.core import registry

        registry.register_audit_verbs(VERBS)
        registry.register_permissions("extension", permissions.predicate)
        registry.register_staff_urls(
            "extension", organ_patterns=urls.staff_organ_patterns, decisions=urls.staff_decisions
        )
        registry.register_tile(
            registry.Tile(
                "extension",
                "工作备忘",
                "本机关的工作备忘",
                url_name="extension:memos",
                permission="extension.view",
                order=90,
            )
        )
        registry.register_api_router("extension", api.router)
        registry.register_demo_loader("extension", demo.load, order=50)
