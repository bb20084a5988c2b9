from django.apps import AppConfig


class ApplicationsConfig(AppConfig):
    name = "gongkai.applications"
    label = "applications"
    verbose_name = "依申请公开"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from gongkai.applications import api, demo, permissions, urls
        from gongkai.applications.verbs import NOTES, VERBS
        from gongkai.core import registry

        registry.register_audit_verbs(VERBS)
        registry.register_permissions("applications", permissions.predicate)
        registry.register_staff_urls(
            "applications", organ_patterns=urls.staff_organ_patterns, decisions=urls.staff_decisions
        )
        registry.register_tile(
            registry.Tile(
                "applications",
                "依申请公开",
                "申请登记、补正、征求意见、延期、答复的待办队列，按紧急程度排序",
                url_name="applications:queue",
                permission="applications.view",
                order=10,
            )
        )
        registry.register_portal_column(
            registry.PortalColumn(
                "apply",
                "依申请公开",
                "依申请公开",
                "公民、法人或者其他组织可以向本机关申请获取政府信息，可在线提交申请并凭查询码查询办理进度。",
                coming="",
                notes=NOTES,
                url_name="applications-public:apply",
                order=40,
            )
        )
        registry.register_api_router("applications", api.router)
        registry.register_demo_loader("applications", demo.load, order=50)
