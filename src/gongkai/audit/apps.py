from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "gongkai.audit"
    verbose_name = "审计日志"

    def ready(self) -> None:
        from gongkai.audit import signals  # noqa: F401  (connects the sign-in/out and lockout receivers)
        from gongkai.audit.verbs import VERBS
        from gongkai.core import registry

        registry.register_audit_verbs(VERBS)
