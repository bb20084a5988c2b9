from django.apps import AppConfig

# The 年报 column's pointers to the regulations (条例第四十九条), shown on the portal's column page.
NOTES = (
    "县级以上人民政府部门应当在每年1月31日前向本级政府信息公开工作主管部门提交本行政机关上一年度"
    "政府信息公开工作年度报告并向社会公布（第四十九条）。",
    "县级以上地方人民政府的政府信息公开工作主管部门应当在每年3月31日前向社会公布本级政府上一年度"
    "政府信息公开工作年度报告（第四十九条）。",
)


class ReportsConfig(AppConfig):
    name = "gongkai.reports"
    label = "reports"
    verbose_name = "年度报告"

    def ready(self):
        from gongkai.core import registry
        from gongkai.reports import api, demo, permissions, urls
        from gongkai.reports.verbs import VERBS

        registry.register_audit_verbs(VERBS)
        registry.register_permissions("reports", permissions.predicate)
        registry.register_staff_urls(
            "reports",
            organ_patterns=urls.staff_organ_patterns,
            decisions=urls.staff_decisions,
        )
        registry.register_tile(
            registry.Tile(
                "reports",
                "年度报告",
                "政府信息公开工作年度报告的生成、校验与发布",
                url_name="reports:index",
                permission="reports.view",
                order=30,
            )
        )
        registry.register_portal_column(
            registry.PortalColumn(
                "reports",
                "年报",
                "政府信息公开工作年度报告",
                "本机关历年政府信息公开工作年度报告。",
                notes=NOTES,
                url_name="reports-public:list",
                order=50,
            )
        )
        registry.register_demo_loader("reports", demo.load, order=90)
        registry.register_api_router("reports", api.router)
