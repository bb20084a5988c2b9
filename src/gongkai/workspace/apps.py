from django.apps import AppConfig

# Dashboard cards for the modules to come; an app registering a tile with the same key replaces its card.
PLACEHOLDER_TILES = (
    (
        "applications",
        "依申请公开",
        "申请登记、补正、延期、答复的待办队列",
        "依申请公开办理模块将在后续版本提供。",
    ),
    ("catalog", "主动公开", "政府信息公开目录、发布审核与保密审查", "主动公开目录模块将在后续版本提供。"),
    ("reports", "年度报告", "政府信息公开工作年度报告的填报、校验与发布", "年度报告模块将在后续版本提供。"),
)


class WorkspaceConfig(AppConfig):
    name = "gongkai.workspace"
    verbose_name = "工作台"

    def ready(self) -> None:
        from gongkai.core import registry

        for order, (key, title, summary, coming) in enumerate(PLACEHOLDER_TILES, start=1):
            registry.register_tile(
                registry.Tile(key, title, summary, coming=coming, order=order * 10, placeholder=True)
            )
        from gongkai.workspace import sessions  # noqa: F401  (connects the sign-in stamp)
