from django.apps import AppConfig


class WorkspaceConfig(AppConfig):
    name = "gongkai.workspace"
    verbose_name = "工作台"

    def ready(self) -> None:
        from gongkai.workspace import sessions  # noqa: F401  (connects the sign-in stamp)
